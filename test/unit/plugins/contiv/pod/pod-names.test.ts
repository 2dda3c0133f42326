import { describe, expect, it } from 'vitest';
import { podNames } from '../../../../../plugins/contiv/pod/pod-names.ts';

describe('podNames', () => {
  it('podNames() derives the same names from the same container ID', () => {
    expect(podNames('c0ffee')).toEqual(podNames('c0ffee'));
    const n = podNames('c0ffee');
    expect(n.tap).toMatch(/^tap-[0-9a-f]{12}$/);
    expect(n.loopback).toBe(n.tap.replace('tap-', 'loop-'));
    expect(n.appNamespace).toBe(n.tap.replace('tap-', 'appns-'));
  });

  it('podNames() gives container IDs sharing a long prefix different names (no truncation collisions)', () => {
    const a = podNames('container-1');
    const b = podNames('container-10');
    expect(a.tap).not.toBe(b.tap);
    expect(a.podMac).not.toBe(b.podMac);
    const many = new Set(Array.from({ length: 2000 }, (_, i) => podNames(`cid-${i}`).tap));
    expect(many.size).toBe(2000);
  });

  it('podNames() gives unicast, locally administered MACs, different on each side', () => {
    const n = podNames('abc');
    for (const mac of [n.vppMac, n.podMac]) {
      expect(mac).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
      const first = parseInt(mac.slice(0, 2), 16);
      expect(first & 1).toBe(0);
      expect(first & 2).toBe(2);
    }
    expect(n.vppMac).not.toBe(n.podMac);
  });
});
