import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../core/clock.ts';
import { parseIp4 } from '../../../../plugins/net/ipv4.ts';
import { localWorld, vppInterfaceName, type LocalDataPlane } from '../../../../plugins/trace/local-world.ts';
import { probe } from '../../../../plugins/vpp/sim/tracer/probe.ts';
import { SimStateBuilder } from '../../../fakes/sim-state-builder.ts';

/** One node: a NIC on 192.168.16.0/24 with a default route to the gateway, two pods behind a reflective ACL. */
function dataPlane(): LocalDataPlane {
  const b = new SimStateBuilder('node-1');
  const nic = b.iface('GigabitEthernet0/8/0', 'ethernet', { addresses: ['192.168.16.1/24'] });
  b.route('0.0.0.0/0', { via: '192.168.16.254', out: nic });
  const a = b.podTap('tap1', '10.1.1.2');
  b.podTap('tap2', '10.1.1.3');
  b.state.interfaces.get(a)!.tag = 'tap-aaaa';
  b.aclOn(a, { input: [b.acl('contiv/vpp-policy-REFLECTION', [{ action: 'reflect' }])] });
  return { node: 'node-1', state: b.state, clock: new ManualClock(1000), mainInterface: 'GigabitEthernet0/8/0', gateway: '192.168.16.254', internalPrefixes: ['10.1.0.0/16', 'bad'] };
}

describe('vppInterfaceName', () => {
  it('vppInterfaceName() finds an interface by VPP name or by our tag', () => {
    const dp = dataPlane();
    expect(vppInterfaceName(dp.state, 'tap1')).toBe('tap1');
    expect(vppInterfaceName(dp.state, 'tap-aaaa')).toBe('tap1');
    expect(vppInterfaceName(dp.state, 'tap-none')).toBeUndefined();
  });
});

describe('localWorld', () => {
  it('localWorld() traces between pods without leaving a session in the agent\'s state', () => {
    const dp = dataPlane();
    const r = probe(localWorld(dp), { from: { kind: 'pod', node: 'node-1', ip: parseIp4('10.1.1.2') }, to: parseIp4('10.1.1.3'), protocol: 'TCP', dstPort: 80 });
    expect(r.allowed).toBe(true);
    expect(r.forward.steps.some((s) => s.detail.includes('PERMIT+REFLECT (session created)'))).toBe(true);
    expect(dp.state.aclSessions).toEqual([]);
  });

  it('localWorld() sends to outside hosts through the gateway, which drops answers to internal prefixes (no SNAT here)', () => {
    const dp = dataPlane();
    const req = { from: { kind: 'pod' as const, node: 'node-1', ip: parseIp4('10.1.1.3') }, to: parseIp4('8.8.8.8'), protocol: 'UDP' as const, dstPort: 53 };
    const first = probe(localWorld(dp), req);
    const second = probe(localWorld(dp), req);
    expect(first.deliveredTo).toEqual({ kind: 'outside', ip: parseIp4('8.8.8.8') });
    expect(first).toMatchObject({ allowed: false, failure: 'dropped' });
    expect(first.reply?.end).toMatchObject({ kind: 'dropped', node: 'gateway', reason: expect.stringContaining('internal address 10.1.1.3') });
    expect(second.srcPort).toBe(first.srcPort);
  });

  it('localWorld() drops traffic to internal prefixes that no route takes, instead of treating them as outside hosts', () => {
    const r = probe(localWorld(dataPlane()), { from: { kind: 'pod', node: 'node-1', ip: parseIp4('10.1.1.3') }, to: parseIp4('10.1.9.9'), protocol: 'TCP', dstPort: 80 });
    expect(r.allowed).toBe(false);
    expect(r.reason).toContain('10.1.9.9');
  });
});
