import { describe, expect, it } from 'vitest';
import { parseCidr } from '../../../../../plugins/net/ipv4.ts';
import { singleNodeUnderlay, Underlay } from '../../../../../plugins/vpp/sim/underlay.ts';
import { ip, SimStateBuilder } from '../../../../fakes/sim-state-builder.ts';

function twoNodes() {
  const a = new SimStateBuilder('a'), b = new SimStateBuilder('b');
  const aNic = a.iface('eth0', 'ethernet', { addresses: ['192.168.16.1/24'] });
  a.iface('tap-vpp2', 'tap', { addresses: ['172.30.1.1/24'], tap: { hostIp: '172.30.1.2/24' } });
  const bNic = b.iface('eth0', 'ethernet', { addresses: ['192.168.16.2/24'], adminUp: false });
  b.iface('loop0', 'loopback', { addresses: ['192.168.30.2/24'] });
  const u = new Underlay({
    segments: [{ name: 'lan', prefix: parseCidr('192.168.16.0/24'), gateway: ip('192.168.16.254') }],
    nodes: [
      { name: 'a', state: a.state, nics: [{ interface: 'eth0', segment: 'lan' }], hostInterconnect: 'tap-vpp2', hostAddresses: [ip('10.0.2.15')] },
      { name: 'b', state: b.state, nics: [{ interface: 'eth0', segment: 'lan' }] },
    ],
    gatewayRoutes: [{ prefix: parseCidr('1.1.1.0/24'), via: ip('192.168.16.2') }],
    internalPrefixes: [parseCidr('10.1.0.0/16')],
  });
  return { u, aNic, bNic };
}

describe('Underlay', () => {
  it('ownerOnSegment() answers for admin-up NIC addresses and the gateway only', () => {
    const { u, aNic } = twoNodes();
    const lan = u.segment('lan')!;
    expect(u.ownerOnSegment(lan, ip('192.168.16.1'))).toMatchObject({ kind: 'nic', node: { name: 'a' }, swIfIndex: aNic });
    expect(u.ownerOnSegment(lan, ip('192.168.16.254'))).toMatchObject({ kind: 'gateway' });
    expect(u.ownerOnSegment(lan, ip('192.168.16.2'))).toBeUndefined();
    expect(u.ownerOnSegment(lan, ip('192.168.16.9'))).toBeUndefined();
  });

  it('gatewayRoute() delivers on the segment, follows its routes, drops internal and sends the rest outside', () => {
    const { u } = twoNodes();
    expect(u.gatewayRoute(ip('192.168.16.1'))).toMatchObject({ kind: 'segment', nextHop: ip('192.168.16.1') });
    expect(u.gatewayRoute(ip('1.1.1.100'))).toMatchObject({ kind: 'segment', nextHop: ip('192.168.16.2') });
    expect(u.gatewayRoute(ip('10.1.2.3'))).toMatchObject({ kind: 'drop' });
    expect(u.gatewayRoute(ip('8.8.8.8'))).toMatchObject({ kind: 'outside' });
  });

  it('isOutside() is false on segments and internal prefixes', () => {
    const { u } = twoNodes();
    expect([ip('8.8.8.8'), ip('192.168.16.7'), ip('10.1.0.1')].map((a) => u.isOutside(a))).toEqual([true, false, false]);
  });

  it('hostAddresses() lists the host side of the interconnect and the extra host addresses', () => {
    const { u } = twoNodes();
    expect(u.hostAddresses(u.node('a')!)).toEqual([ip('172.30.1.2'), ip('10.0.2.15')]);
    expect(u.hostAddresses(u.node('b')!)).toEqual([]);
  });

  it('nodeOwning() finds the node by any interface address; nodes() is sorted and follows removal', () => {
    const { u } = twoNodes();
    expect(u.nodeOwning(ip('192.168.30.2'))?.name).toBe('b');
    expect(u.nodes().map((n) => n.name)).toEqual(['a', 'b']);
    u.removeNode('a');
    expect(u.nodes().map((n) => n.name)).toEqual(['b']);
    expect(u.nodeOwning(ip('192.168.16.1'))).toBeUndefined();
  });

  it('entryNic() picks a NIC on a segment with a gateway', () => {
    const { u, aNic } = twoNodes();
    expect(u.entryNic(u.node('a')!)).toMatchObject({ swIfIndex: aNic, segment: { name: 'lan' } });
  });

  it('singleNodeUnderlay() puts the node\'s NIC subnet and gateway on one segment', () => {
    const a = new SimStateBuilder('a');
    a.iface('eth0', 'ethernet', { addresses: ['192.168.16.1/24'] });
    const u = singleNodeUnderlay({ name: 'a', state: a.state, nics: [{ interface: 'eth0', segment: 'x' }] }, { gateway: ip('192.168.16.254'), internalPrefixes: [parseCidr('10.1.0.0/16')] });
    expect(u.segment('nodes')).toMatchObject({ prefix: { addr: ip('192.168.16.0'), len: 24 }, gateway: ip('192.168.16.254') });
    expect(u.gatewayRoute(ip('8.8.8.8')).kind).toBe('outside');
    expect(u.gatewayRoute(ip('10.1.2.2')).kind).toBe('drop');
    expect(u.ownerOnSegment(u.segment('nodes')!, ip('192.168.16.1'))?.kind).toBe('nic');
  });
});
