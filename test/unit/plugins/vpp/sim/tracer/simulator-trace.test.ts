import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../../../core/clock.ts';
import { parseCidr, parseIp4 } from '../../../../../../plugins/net/ipv4.ts';
import { AclAction } from '../../../../../../plugins/vpp/messages/acl.ts';
import { L2PortType } from '../../../../../../plugins/vpp/messages/l2.ts';
import { ip4Path } from '../../../../../../plugins/vpp/messages/new-request.ts';
import { NatConfigFlags as F } from '../../../../../../plugins/vpp/messages/nat44.ts';
import { ip4Address, ip4Bytes, prefixFromText } from '../../../../../../plugins/vpp/messages/vpp-types.ts';
import { vppKeys, type NatReject, type NatStaticMapping, type VppValue } from '../../../../../../plugins/vpp/model.ts';
import { probe, type ProbeSource } from '../../../../../../plugins/vpp/sim/tracer/probe.ts';
import { seededRandom } from '../../../../../../plugins/vpp/sim/tracer/random.ts';
import { SimWorld } from '../../../../../../plugins/vpp/sim/tracer/world.ts';
import { Underlay } from '../../../../../../plugins/vpp/sim/underlay.ts';
import { VppSimulator } from '../../../../../../plugins/vpp/sim/vpp-simulator.ts';
import { reconcilerOnSim } from '../../../../../fakes/vpp-reconciler-setup.ts';
import { call } from '../../../../../fakes/vpp-sim-call.ts';

const ip = parseIp4;
const NIC = 'GigabitEthernet0/8/0';

/** Configures one node through binary-API messages only, as the agent's reconciler would. */
function node(name: string, id: number, clock: ManualClock, pods: readonly string[]) {
  const sim = new VppSimulator({ node: name, nics: [{ name: NIC }], clock });
  const up = (sw: number) => expect(call(sim, 'sw_interface_set_flags', { sw_if_index: sw, flags: 1 }).retval).toBe(0);
  const addr = (sw: number, p: string) => expect(call(sim, 'sw_interface_add_del_address', { sw_if_index: sw, prefix: prefixFromText(p) }).retval).toBe(0);
  const route = (p: string, via: string | undefined, sw: number) =>
    expect(call(sim, 'ip_route_add_del', { is_add: true, route: { table_id: 0, stats_index: 0, prefix: prefixFromText(p), n_paths: 1, paths: [ip4Path(via, sw)] } }).retval).toBe(0);
  const nic = 1;
  up(nic);
  addr(nic, `192.168.16.${id}/24`);
  const bvi = call(sim, 'create_loopback', { mac_address: [0x1a, 0x2b, 0x3c, 0x4d, 0x5e, id] }).sw_if_index;
  up(bvi);
  addr(bvi, `192.168.30.${id}/24`);
  expect(call(sim, 'bridge_domain_add_del', { bd_id: 1, is_add: true, flood: true, uu_flood: true, forward: true, learn: true }).retval).toBe(0);
  expect(call(sim, 'sw_interface_set_l2_bridge', { rx_sw_if_index: bvi, bd_id: 1, port_type: L2PortType.L2_API_PORT_TYPE_BVI, enable: true }).retval).toBe(0);
  expect(call(sim, 'nat44_ed_plugin_enable_disable', { enable: true }).retval).toBe(0);
  expect(call(sim, 'nat44_forwarding_enable_disable', { enable: true }).retval).toBe(0);
  const taps = new Map<string, number>();
  for (const podIp of pods) {
    const tap = call(sim, 'tap_create_v2', { host_ip4_prefix_set: true, host_ip4_prefix: { address: ip4Bytes(ip(podIp)), len: 32 } }).sw_if_index;
    up(tap);
    route(`${podIp}/32`, undefined, tap);
    for (const flags of [F.NAT_IS_INSIDE, F.NAT_IS_OUTSIDE]) expect(call(sim, 'nat44_interface_add_del_feature', { is_add: true, sw_if_index: tap, flags }).retval).toBe(0);
    taps.set(podIp, tap);
  }
  for (const flags of [F.NAT_IS_INSIDE, F.NAT_IS_OUTSIDE]) call(sim, 'nat44_interface_add_del_feature', { is_add: true, sw_if_index: bvi, flags });
  return { sim, name, id, taps, route, bvi };
}

function mesh(a: ReturnType<typeof node>, b: ReturnType<typeof node>): void {
  const t = call(a.sim, 'vxlan_add_del_tunnel', { is_add: true, src_address: ip4Address(`192.168.16.${a.id}`), dst_address: ip4Address(`192.168.16.${b.id}`), vni: 10 }).sw_if_index;
  call(a.sim, 'sw_interface_set_flags', { sw_if_index: t, flags: 1 });
  expect(call(a.sim, 'sw_interface_set_l2_bridge', { rx_sw_if_index: t, bd_id: 1, shg: 1, enable: true }).retval).toBe(0);
  a.route(`10.1.${b.id}.0/24`, `192.168.30.${b.id}`, 0xffffffff);
}

function world() {
  const clock = new ManualClock(0);
  const n1 = node('node1', 1, clock, ['10.1.1.2', '10.1.1.3']);
  const n2 = node('node2', 2, clock, ['10.1.2.2']);
  mesh(n1, n2);
  mesh(n2, n1);
  const underlay = new Underlay({
    segments: [{ name: 'nodes', prefix: parseCidr('192.168.16.0/24'), gateway: ip('192.168.16.254') }],
    nodes: [n1, n2].map((n) => ({ name: n.name, state: n.sim.state, nics: [{ interface: NIC, segment: 'nodes' }] })),
  });
  return { n1, n2, clock, world: new SimWorld({ underlay, clock, random: seededRandom(5) }) };
}

describe('probe', () => {
  it('probe() crosses two VppSimulators configured by API messages over VXLAN', () => {
    const { world: w } = world();
    const r = probe(w, { from: { kind: 'pod', node: 'node1', ip: ip('10.1.1.2') }, to: ip('10.1.2.2'), protocol: 'TCP', dstPort: 80 });
    expect(r).toMatchObject({ allowed: true, deliveredTo: { kind: 'pod', node: 'node2' } });
    expect(r.forward.steps.map((s) => s.step)).toContain('vxlan-decap');
  });

  it('probe() load-balances through a mapping added by nat44_add_del_lb_static_mapping and honours an ACL set by acl_interface_set_acl_list', () => {
    const { n1, n2, world: w } = world();
    for (const n of [n1, n2]) {
      const rv = call(n.sim, 'nat44_add_del_lb_static_mapping', {
        is_add: true, flags: F.NAT_IS_OUT2IN_ONLY, external_addr: ip4Bytes(ip('10.96.0.10')), external_port: 80, protocol: 6, tag: 'svc:default/web:http',
        locals: [{ addr: ip4Bytes(ip('10.1.1.3')), port: 8080, probability: 1, vrf_id: 0 }, { addr: ip4Bytes(ip('10.1.2.2')), port: 8080, probability: 1, vrf_id: 0 }],
      }).retval;
      expect(rv).toBe(0);
    }
    const backends = new Set<number>();
    for (let i = 0; i < 20; i++) {
      const r = probe(w, { from: { kind: 'pod', node: 'node1', ip: ip('10.1.1.2') }, to: ip('10.96.0.10'), protocol: 'TCP', dstPort: 80 });
      expect(r).toMatchObject({ allowed: true, replySource: { ip: ip('10.96.0.10'), port: 80 }, backend: { port: 8080 } });
      backends.add(r.backend!.ip);
    }
    expect(backends.size).toBe(2);
    const any = prefixFromText('0.0.0.0/0');
    const acl = call(n2.sim, 'acl_add_replace', {
      tag: 'contiv/vpp-policy-3F2A',
      r: [{ is_permit: AclAction.ACL_ACTION_API_DENY, src_prefix: prefixFromText('10.1.1.2/32'), dst_prefix: any, proto: 6, srcport_or_icmptype_first: 0, srcport_or_icmptype_last: 65535, dstport_or_icmpcode_first: 8080, dstport_or_icmpcode_last: 8080, tcp_flags_mask: 0, tcp_flags_value: 0 }],
    }).acl_index;
    expect(call(n2.sim, 'acl_interface_set_acl_list', { sw_if_index: n2.taps.get('10.1.2.2')!, n_input: 0, acls: [acl] }).retval).toBe(0);
    const results = Array.from({ length: 20 }, () => probe(w, { from: { kind: 'pod', node: 'node1', ip: ip('10.1.1.2') }, to: ip('10.96.0.10'), protocol: 'TCP', dstPort: 80 }));
    const denied = results.filter((r) => !r.allowed);
    expect(denied.length).toBeGreaterThan(0);
    expect(denied.every((r) => r.reason.startsWith('ACL contiv/vpp-policy-3F2A rule 0 DENY'))).toBe(true);
    expect(results.filter((r) => r.allowed).every((r) => r.backend!.ip === ip('10.1.1.3'))).toBe(true);
  });
  it('probe() meets the nat-reject realisation the reconciler programs: refused, dropped, forwarded, and refusals come back from the address the client used', async () => {
    const { n1, n2, world: w } = world();
    const mapping: NatStaticMapping = {
      externalIp: '10.96.0.10', externalPort: 80, protocol: 6, locals: [{ ip: '10.1.2.2', port: 8080, probability: 1 }], out2inOnly: true, twiceNat: 'self', affinity: 0, vrf: 0, tag: 'svc:default/web:80',
    };
    const rejects: NatReject[] = [
      { ip: '10.96.0.10', protocol: 0, port: 0, action: 'reject', tag: 'svc:default/web' },
      { ip: '10.96.0.20', protocol: 6, port: 80, action: 'drop', tag: 'svc:default/local:80' },
      { ip: '192.168.16.1', protocol: 6, port: 30080, action: 'reject', tag: 'svc:default/none:80' },
      { ip: '192.168.16.1', protocol: 17, port: 30053, action: 'reject', tag: 'svc:default/none:53' },
      { ip: '192.168.16.1', protocol: 6, port: 30081, action: 'drop', tag: 'svc:default/local:81' },
    ];
    const desired: [string, VppValue][] = [
      // The plugin and forwarding the nodes were set up with: a resync finds them as desired.
      [vppKeys.natGlobal(), { forwarding: true }],
      [vppKeys.natStatic(6, '10.96.0.10', 80), mapping],
      ...rejects.map((r): [string, VppValue] => [vppKeys.natReject(r.protocol, r.ip, r.port), r]),
    ];
    for (const n of [n1, n2]) {
      // The NIC faces outside clients (NAT outside) and the gateway (default route).
      for (const flags of [F.NAT_IS_INSIDE, F.NAT_IS_OUTSIDE]) call(n.sim, 'nat44_interface_add_del_feature', { is_add: true, sw_if_index: 1, flags });
      n.route('0.0.0.0/0', '192.168.16.254', 1);
      const t = await reconcilerOnSim(n.sim);
      const r = await t.resync(desired);
      expect(r?.executed.every((o) => o.result === 'ok')).toBe(true);
      t.ch.clear();
      await t.resync(desired);
      expect(t.changes()).toEqual([]);
    }
    const pod = { kind: 'pod', node: 'node1', ip: ip('10.1.1.2') } as const;
    const outside = { kind: 'outside', ip: ip('8.8.4.4') } as const;
    const to = (from: ProbeSource, dst: string, protocol: 'TCP' | 'UDP', dstPort: number) => probe(w, { from, to: ip(dst), protocol, dstPort });

    expect(to(pod, '10.96.0.10', 'TCP', 80)).toMatchObject({ allowed: true, backend: { ip: ip('10.1.2.2'), port: 8080 }, replySource: { ip: ip('10.96.0.10'), port: 80 } });
    expect(to(pod, '10.96.0.10', 'TCP', 81)).toMatchObject({ allowed: false, failure: 'refused', reason: expect.stringContaining('route 10.96.0.10/32 unreachable') });
    expect(to(pod, '10.96.0.10', 'UDP', 53)).toMatchObject({ allowed: false, failure: 'refused' });
    expect(to(pod, '10.96.0.20', 'TCP', 80)).toMatchObject({ allowed: false, failure: 'dropped', reason: 'route 0.0.0.2/32 drop' });
    expect(to(outside, '192.168.16.1', 'TCP', 30081)).toMatchObject({ allowed: false, failure: 'dropped', reason: 'route 0.0.0.2/32 drop' });
    for (const [from, protocol, port] of [[outside, 'TCP', 30080], [outside, 'UDP', 30053], [pod, 'TCP', 30080], [{ kind: 'pod', node: 'node2', ip: ip('10.1.2.2') }, 'TCP', 30080]] as const) {
      const r = to(from, '192.168.16.1', protocol, port);
      expect(r).toMatchObject({ allowed: false, failure: 'refused', reason: expect.stringContaining('route 0.0.0.1/32 unreachable') });
      // The client matches the ICMP error to its connection: it quotes the NodePort it connected to.
      const end = r.reply?.end;
      expect(end?.kind === 'delivered' && end.packet.quoted).toEqual({ src: from.ip, srcPort: r.srcPort, dst: ip('192.168.16.1'), dstPort: port, proto: protocol === 'TCP' ? 6 : 17 });
      // Translated (and refused) where the NodePort mapping met the packet: the client's node for pods.
      expect(r.reply?.steps.find((x) => x.step === 'nat44-in2out')).toMatchObject({ node: from.kind === 'pod' ? from.node : 'node1', verdict: 'translate' });
    }
  });
});
