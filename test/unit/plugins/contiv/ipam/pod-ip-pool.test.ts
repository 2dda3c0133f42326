import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../../../../core/errors.ts';
import { PodIpExhaustedError } from '../../../../../plugins/contiv/errors.ts';
import { PodIpPool } from '../../../../../plugins/contiv/ipam/pod-ip-pool.ts';
import { formatIp4, parseCidr, parseIp4 } from '../../../../../plugins/net/ipv4.ts';

function pool(cidr: string): PodIpPool {
  const subnet = parseCidr(cidr);
  return new PodIpPool(subnet, subnet.addr + 1);
}
const alloc = (p: PodIpPool, owner: string) => formatIp4(p.allocate(owner));

describe('PodIpPool', () => {
  it('allocate() hands out the lowest free address after the gateway, deterministically', () => {
    const p = pool('10.1.1.0/24');
    expect(['a', 'b', 'c'].map((o) => alloc(p, o))).toEqual(['10.1.1.2', '10.1.1.3', '10.1.1.4']);
    const q = pool('10.1.1.0/24');
    expect(['a', 'b', 'c'].map((o) => alloc(q, o))).toEqual(['10.1.1.2', '10.1.1.3', '10.1.1.4']);
  });

  it('allocate() is idempotent per owner', () => {
    const p = pool('10.1.1.0/24');
    expect(alloc(p, 'a')).toBe('10.1.1.2');
    expect(alloc(p, 'a')).toBe('10.1.1.2');
    expect(p.size).toBe(1);
  });

  it('allocate() reuses a released address (the lowest free one)', () => {
    const p = pool('10.1.1.0/24');
    for (const o of ['a', 'b', 'c', 'd']) p.allocate(o);
    expect(formatIp4(p.release('b')!)).toBe('10.1.1.3');
    expect(p.release('b')).toBeUndefined();
    p.release('d');
    expect(alloc(p, 'e')).toBe('10.1.1.3');
    expect(alloc(p, 'f')).toBe('10.1.1.5');
  });

  it('allocate() never hands out network, gateway or broadcast and fails clearly when exhausted', () => {
    const p = pool('10.1.1.0/24');
    expect(p.capacity).toBe(253);
    const ips = Array.from({ length: 253 }, (_, i) => alloc(p, `pod${i}`));
    expect(ips[0]).toBe('10.1.1.2');
    expect(ips.at(-1)).toBe('10.1.1.254');
    expect(() => p.allocate('one-more')).toThrow(PodIpExhaustedError);
    expect(() => p.allocate('one-more')).toThrow('no free pod IP left in 10.1.1.0/24 (all 253 addresses are allocated)');
    p.release('pod100');
    expect(alloc(p, 'one-more')).toBe('10.1.1.102');
  });

  it('allocate() works in the smallest per-node subnet (/30: one pod)', () => {
    const p = pool('10.1.0.4/30');
    expect(p.capacity).toBe(1);
    expect(alloc(p, 'a')).toBe('10.1.0.6');
    expect(() => p.allocate('b')).toThrow(PodIpExhaustedError);
    expect(() => pool('10.1.0.4/31')).toThrow(RangeError);
  });

  it('assign() restores persisted allocations and allocation continues around them', () => {
    const p = pool('10.1.1.0/24');
    p.assign('x', parseIp4('10.1.1.3'));
    p.assign('y', parseIp4('10.1.1.2'));
    expect(alloc(p, 'z')).toBe('10.1.1.4');
    expect(alloc(p, 'x')).toBe('10.1.1.3');
    expect(p.allocations().map((a) => `${a.owner}=${formatIp4(a.ip)}`)).toEqual(['y=10.1.1.2', 'x=10.1.1.3', 'z=10.1.1.4']);
    expect(p.ownerOf(parseIp4('10.1.1.4'))).toBe('z');
  });

  it('assign() rejects addresses outside the subnet, reserved ones and ones held by another owner', () => {
    const p = pool('10.1.1.0/24');
    p.assign('x', parseIp4('10.1.1.3'));
    expect(() => p.assign('y', parseIp4('10.1.2.3'), 'rec-y')).toThrow(BadInputError);
    expect(() => p.assign('y', parseIp4('10.1.2.3'), 'rec-y')).toThrow('rec-y ip: 10.1.2.3 is outside the pod subnet 10.1.1.0/24');
    expect(() => p.assign('y', parseIp4('10.1.1.1'))).toThrow(/reserved/);
    expect(() => p.assign('y', parseIp4('10.1.1.255'))).toThrow(/reserved/);
    expect(() => p.assign('y', parseIp4('10.1.1.3'))).toThrow(/already held by x/);
  });
});
