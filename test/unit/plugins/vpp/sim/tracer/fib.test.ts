import { describe, expect, it } from 'vitest';
import { FIB_PATH_TYPE, fibLookup, interfaceSourceAddress } from '../../../../../../plugins/vpp/sim/tracer/fib.ts';
import { ip, SimStateBuilder } from '../../../../../fakes/sim-state-builder.ts';

function node() {
  const b = new SimStateBuilder('n1');
  const nic = b.iface('eth0', 'ethernet', { addresses: ['192.168.16.1/24'] });
  const bvi = b.iface('bvi', 'loopback', { addresses: ['192.168.30.1/24'] });
  const tap = b.iface('tap1', 'tap', { tap: { hostIp: '10.1.1.2/32' } });
  return { b, nic, bvi, tap };
}

describe('fibLookup', () => {
  it('fibLookup() prefers the longest prefix over a default route', () => {
    const { b, nic, bvi } = node();
    b.route('0.0.0.0/0', { via: '192.168.16.254', out: nic });
    b.route('10.1.0.0/16', { via: '192.168.30.9' });
    b.route('10.1.2.0/24', { via: '192.168.30.2' });
    expect(fibLookup(b.state, 0, ip('10.1.2.7'))).toMatchObject({ kind: 'forward', swIfIndex: bvi, nextHop: ip('192.168.30.2'), attached: false });
    expect(fibLookup(b.state, 0, ip('10.1.3.7'))).toMatchObject({ kind: 'forward', swIfIndex: bvi, nextHop: ip('192.168.30.9') });
    expect(fibLookup(b.state, 0, ip('8.8.8.8'))).toMatchObject({ kind: 'forward', swIfIndex: nic, nextHop: ip('192.168.16.254') });
  });

  it('fibLookup() resolves a route without interface recursively through the connected prefix', () => {
    const { b, bvi } = node();
    b.route('10.1.2.0/24', { via: '192.168.30.2' });
    const r = fibLookup(b.state, 0, ip('10.1.2.7'));
    expect(r).toMatchObject({ kind: 'forward', swIfIndex: bvi, nextHop: ip('192.168.30.2') });
    expect(r.entry).toContain('resolved by connected 192.168.30.0/24 (bvi)');
  });

  it('fibLookup() delivers attached on a connected prefix and answers local for an interface address', () => {
    const { b, nic } = node();
    expect(fibLookup(b.state, 0, ip('192.168.16.7'))).toMatchObject({ kind: 'forward', swIfIndex: nic, nextHop: ip('192.168.16.7'), attached: true });
    expect(fibLookup(b.state, 0, ip('192.168.16.1'))).toMatchObject({ kind: 'local', swIfIndex: nic });
  });

  it('fibLookup() lets the interface source win over a static route with the same prefix', () => {
    const { b, nic } = node();
    b.route('192.168.16.0/24', { via: '192.168.30.2' });
    expect(fibLookup(b.state, 0, ip('192.168.16.7'))).toMatchObject({ kind: 'forward', swIfIndex: nic, attached: true });
  });

  it('fibLookup() uses an attached static route to a tap', () => {
    const { b, tap } = node();
    b.route('10.1.1.2/32', { out: tap });
    expect(fibLookup(b.state, 0, ip('10.1.1.2'))).toMatchObject({ kind: 'forward', swIfIndex: tap, nextHop: ip('10.1.1.2'), attached: true });
  });

  it('fibLookup() misses when nothing covers the destination and drops an unresolvable next hop', () => {
    const { b } = node();
    expect(fibLookup(b.state, 0, ip('10.9.9.9')).kind).toBe('miss');
    b.route('10.9.0.0/16', { via: '172.16.0.1' });
    expect(fibLookup(b.state, 0, ip('10.9.9.9'))).toMatchObject({ kind: 'special', action: 'drop' });
  });

  it('fibLookup() ignores addresses of admin-down interfaces and of other VRFs', () => {
    const b = new SimStateBuilder('n1');
    b.iface('down', 'ethernet', { addresses: ['192.168.16.1/24'], adminUp: false });
    b.iface('vrf1', 'ethernet', { addresses: ['192.168.17.1/24'], vrf: 1 });
    expect(fibLookup(b.state, 0, ip('192.168.16.7')).kind).toBe('miss');
    expect(fibLookup(b.state, 0, ip('192.168.17.7')).kind).toBe('miss');
    expect(fibLookup(b.state, 1, ip('192.168.17.7')).kind).toBe('forward');
  });

  it('fibLookup() installs no connected prefix for an unnumbered interface, whose source is its donor', () => {
    const b = new SimStateBuilder('n1');
    const loop = b.iface('loop0', 'loopback', { addresses: ['10.1.1.1/24'], adminUp: false });
    const tap = b.iface('tap1', 'tap', { unnumberedOf: loop });
    expect(fibLookup(b.state, 0, ip('10.1.1.7')).kind).toBe('miss');
    expect(interfaceSourceAddress(b.state, tap)).toBe(ip('10.1.1.1'));
  });

  it.each([
    [FIB_PATH_TYPE.DROP, 'drop'],
    [FIB_PATH_TYPE.ICMP_UNREACH, 'unreachable'],
    [FIB_PATH_TYPE.ICMP_PROHIBIT, 'prohibit'],
  ])('fibLookup() reports special path type %i as %s', (type, action) => {
    const { b } = node();
    b.route('10.96.0.0/12', { type });
    expect(fibLookup(b.state, 0, ip('10.96.0.10'))).toMatchObject({ kind: 'special', action });
  });

  it('fibLookup() uses only the lowest preference and spreads equal paths by hash and weight', () => {
    const { b, nic, bvi } = node();
    b.route('10.5.0.0/16', { via: '192.168.16.2', out: nic, preference: 1 });
    b.route('10.5.0.0/16', { via: '192.168.30.2', out: bvi, preference: 0, weight: 3 });
    b.route('10.5.0.0/16', { via: '192.168.30.3', out: bvi, preference: 0, weight: 1 });
    const hops = new Map<number, number>();
    for (let h = 0; h < 400; h++) {
      const r = fibLookup(b.state, 0, ip('10.5.1.1'), h);
      if (r.kind !== 'forward') throw new Error('expected forward');
      hops.set(r.nextHop, (hops.get(r.nextHop) ?? 0) + 1);
    }
    expect(hops.get(ip('192.168.16.2'))).toBeUndefined();
    expect(hops.get(ip('192.168.30.2'))).toBe(300);
    expect(hops.get(ip('192.168.30.3'))).toBe(100);
  });
});
