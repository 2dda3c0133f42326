import { describe, expect, it } from 'vitest';
import { newRequest } from '../../../../../plugins/vpp/messages/new-request.ts';
import { ZERO_MAC } from '../../../../../plugins/vpp/messages/vpp-types.ts';
import { vppKeys, type Acl, type AclRule, type Route, type VppInterface, type VppValue } from '../../../../../plugins/vpp/model.ts';
import { newSim } from '../../../../fakes/vpp-sim-call.ts';
import { reconcilerOnSim } from '../../../../fakes/vpp-reconciler-setup.ts';

const loop = (name: string, ip: string): VppInterface => ({ name, type: 'loopback', enabled: true, ipAddresses: [ip], vrf: 0 });
const tap = (name: string, host: string, from?: string): VppInterface => ({
  name,
  type: 'tap',
  enabled: true,
  ipAddresses: [],
  vrf: 0,
  ...(from ? { unnumberedFrom: from } : {}),
  tap: { hostIfName: host, netns: `/var/run/netns/${host}`, hostIp: '10.1.1.2/32' },
});
const rule: AclRule = { action: 'permit', src: '10.1.0.0/16', dst: '0.0.0.0/0', proto: 6, srcPortFirst: 0, srcPortLast: 65535, dstPortFirst: 80, dstPortLast: 80 };
const acl = (name: string, egress: string[], ingress: string[] = []): Acl => ({ name, rules: [rule], ingress, egress });
const route = (dst: string, iface: string): Route => ({ vrf: 0, dst, outgoingInterface: iface, weight: 1, preference: 0 });
const entry = <V extends VppValue>(key: string, v: V): [string, V] => [key, v];

const desired: [string, VppValue][] = [
  entry(vppKeys.acl('acl-a'), acl('acl-a', ['tap1'])),
  entry(vppKeys.interface('gw'), loop('gw', '10.1.1.1/32')),
  entry(vppKeys.interface('tap1'), tap('tap1', 'eth0', 'gw')),
  entry(vppKeys.route(route('10.1.1.2/32', 'tap1')), route('10.1.1.2/32', 'tap1')),
];

describe('vppDescriptors', () => {
  it('commit() creates dependencies first: the unnumbered source, then the tap, then its ACL binding and route', async () => {
    const t = await reconcilerOnSim();
    const r = await t.commit(...desired);
    expect(t.ch.names()).toEqual([
      'acl_add_replace',
      'create_loopback',
      'sw_interface_tag_add_del',
      'sw_interface_add_del_address',
      'sw_interface_set_flags',
      'tap_create_v2',
      'sw_interface_set_unnumbered',
      'sw_interface_set_flags',
      'acl_interface_set_acl_list',
      'ip_route_add_del',
    ]);
    expect(r?.executed.every((o) => o.result === 'ok')).toBe(true);
    const tapIdx = t.sim.interfaceByName('tap0')?.swIfIndex ?? -1;
    expect(t.rec.metadata(vppKeys.interface('tap1'))).toEqual({ swIfIndex: tapIdx });
    expect(t.sim.state.interfaceAcls.get(tapIdx)).toEqual({ input: [], output: [0] });
  });

  it('commit() keeps a route pending until its interface appears, then creates both in order', async () => {
    const t = await reconcilerOnSim();
    const r1 = await t.commit([vppKeys.route(route('10.1.1.2/32', 'tap1')), route('10.1.1.2/32', 'tap1')]);
    expect(t.ch.names()).toEqual([]);
    expect(r1?.pending).toEqual([{ key: 'vpp/route/0/10.1.1.2/32/-/tap1', missing: [{ label: 'interface-exists', key: 'vpp/interface/tap1' }] }]);
    await t.commit([vppKeys.interface('tap1'), tap('tap1', 'eth0')]);
    expect(t.ch.names()).toEqual(['tap_create_v2', 'sw_interface_set_flags', 'ip_route_add_del']);
    expect(t.sim.state.routes).toHaveLength(1);
  });

  it('commit() retries a create that VPP refused and then creates what waited for it', async () => {
    const t = await reconcilerOnSim();
    t.ch.failNext('tap_create_v2', -145);
    const r = await t.commit([vppKeys.interface('tap1'), tap('tap1', 'eth0')], [vppKeys.route(route('10.1.1.2/32', 'tap1')), route('10.1.1.2/32', 'tap1')]);
    expect(r?.executed.map((o) => [o.key, o.result])).toEqual([
      ['vpp/interface/tap1', 'error'],
      ['vpp/route/0/10.1.1.2/32/-/tap1', 'skipped'],
    ]);
    expect(r?.executed[0]?.error).toMatchObject({ code: 'VPP_OPERATION_FAILED', cause: { code: 'VPP_API_ERROR', msgName: 'tap_create_v2', retval: -145 } });
    expect(t.retries).toEqual([{ delay: 1000, keys: ['vpp/interface/tap1'] }]);
    t.ch.clear();
    await t.rec.commit([], { eventKind: 'vpp-retry', retryKeys: ['vpp/interface/tap1'] });
    expect(t.ch.names()).toEqual(['tap_create_v2', 'sw_interface_set_flags', 'ip_route_add_del']);
  });

  it('resync() after a restart removes stale objects of ours, creates what is missing and leaves foreign objects alone', async () => {
    const sim = newSim();
    const before = await reconcilerOnSim(sim);
    await before.commit(
      ...desired.filter(([k]) => k !== vppKeys.route(route('10.1.1.2/32', 'tap1'))),
      [vppKeys.interface('stale-loop'), loop('stale-loop', '10.9.9.9/32')],
      [vppKeys.acl('stale-acl'), acl('stale-acl', [])],
    );
    // Foreign: an untagged loopback and an untagged ACL, made by someone else.
    sim.handle(newRequest('create_loopback', { mac_address: ZERO_MAC }));
    sim.handle(newRequest('acl_add_replace', { tag: '', r: [] }));
    const foreignIfs = [...sim.state.interfaces.values()].filter((i) => i.tag === '').map((i) => i.name);

    const after = await reconcilerOnSim(sim);
    const r = await after.resync(desired);
    expect(after.changes()).toEqual(['acl_del', 'delete_loopback', 'ip_route_add_del']);
    expect([...sim.state.interfaces.values()].filter((i) => i.tag === '').map((i) => i.name)).toEqual(foreignIfs);
    expect([...sim.state.acls.values()].map((a) => a.tag).sort()).toEqual(['', 'acl-a']);
    expect(r.dumps?.find((d) => d.descriptor === 'vpp-interface')?.foreign).toEqual([
      'interface local0 (sw_if_index 0)',
      'interface GigabitEthernet0/8/0 (sw_if_index 1)',
      expect.stringMatching(/^interface loop\d \(sw_if_index \d\)$/),
    ]);
    expect(after.rec.state().values.every((v) => v.status === 'configured')).toBe(true);
  });

  it('resync() over an identical state sends only dumps and read-only requests', async () => {
    const t = await reconcilerOnSim();
    await t.commit(...desired);
    t.ch.clear();
    const r = await t.resync(desired);
    expect(t.changes()).toEqual([]);
    expect(r.planned).toEqual([]);
    expect(t.ch.names()).toEqual([
      'acl_dump',
      ...['sw_interface_dump', 'sw_interface_tap_v2_dump', 'af_packet_dump', 'vxlan_tunnel_dump', 'dhcp_client_dump', 'ip_unnumbered_dump'],
      ...['ip_address_dump', 'sw_interface_get_table', 'ip_address_dump', 'sw_interface_get_table'],
      'acl_interface_list_dump',
      // The app-namespace dump (first by name) infers from the session layer, inferred from the rules.
      'session_rules_dump',
      'ip_neighbor_dump',
      'bridge_domain_dump',
      'bridge_domain_dump',
      'nat44_address_dump',
      'nat44_show_running_config',
      'nat44_identity_mapping_dump',
      'nat44_interface_dump',
      'nat44_ed_output_interface_get',
      'nat44_static_mapping_dump',
      'nat44_lb_static_mapping_dump',
      'ip_table_dump',
      'ip_route_dump',
    ]);
  });
});
