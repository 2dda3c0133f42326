import { describe, expect, it } from 'vitest';
import { VPP_DETAILS, VPP_GETS, VPP_REPLIES } from '../../../../../plugins/vpp/messages/message-map.ts';
import { ip4Path, newRequest } from '../../../../../plugins/vpp/messages/new-request.ts';
import { NatConfigFlags as F } from '../../../../../plugins/vpp/messages/nat44.ts';
import { prefixFromText } from '../../../../../plugins/vpp/messages/vpp-types.ts';
import { VppSimulator, emptySimState } from '../../../../../plugins/vpp/sim/vpp-simulator.ts';
import { call, newNatSim } from '../../../../fakes/vpp-sim-call.ts';

describe('VppSimulator', () => {
  it('handledMessages() covers every request, dump and cursor get of the message map', () => {
    expect(newNatSim().handledMessages()).toEqual([...Object.keys(VPP_REPLIES), ...Object.keys(VPP_DETAILS), ...Object.keys(VPP_GETS)].sort());
  });

  it('constructor() creates local0 at index 0 and the NICs from 1, admin down, with stable MACs per node', () => {
    const a = new VppSimulator({ node: 'n1', nics: [{ name: 'GigabitEthernet0/8/0' }, { name: 'GigabitEthernet0/9/0' }] });
    expect([...a.state.interfaces.values()].map((i) => [i.swIfIndex, i.name, i.type, i.adminUp])).toEqual([
      [0, 'local0', 'local', false],
      [1, 'GigabitEthernet0/8/0', 'ethernet', false],
      [2, 'GigabitEthernet0/9/0', 'ethernet', false],
    ]);
    const b = new VppSimulator({ node: 'n1', nics: [{ name: 'GigabitEthernet0/8/0' }] });
    const c = new VppSimulator({ node: 'n2', nics: [{ name: 'GigabitEthernet0/8/0' }] });
    expect(a.state.interfaces.get(1)!.mac).toEqual(b.state.interfaces.get(1)!.mac);
    expect(a.state.interfaces.get(1)!.mac).not.toEqual(c.state.interfaces.get(1)!.mac);
    expect(a.state.interfaces.get(1)!.mac[0]).toBe(0x02);
  });

  it('deleteInterface() removes everything bound to the interface, as VPP does when it goes away', () => {
    const sim = newNatSim();
    const tap = call(sim, 'tap_create_v2').sw_if_index;
    call(sim, 'sw_interface_add_del_address', { sw_if_index: tap, prefix: prefixFromText('10.2.1.1/32') });
    call(sim, 'sw_interface_set_l2_bridge', { rx_sw_if_index: tap, bd_id: 3 });
    const acl = call(sim, 'acl_add_replace', { tag: 'x' }).acl_index;
    call(sim, 'acl_interface_set_acl_list', { sw_if_index: tap, acls: [acl] });
    call(sim, 'nat44_interface_add_del_feature', { sw_if_index: tap, flags: F.NAT_IS_INSIDE });
    call(sim, 'ip_neighbor_add_del', { neighbor: { sw_if_index: tap, flags: 1, mac_address: [2, 0, 0, 0, 0, 1], ip_address: prefixFromText('10.1.1.2').address } });
    call(sim, 'ip_route_add_del', { route: { table_id: 0, stats_index: 0, prefix: prefixFromText('10.1.1.2/32'), n_paths: 1, paths: [ip4Path(undefined, tap)] } });
    expect(call(sim, 'tap_delete_v2', { sw_if_index: tap }).retval).toBe(0);
    const s = sim.state;
    expect(s.interfaces.has(tap)).toBe(false);
    expect(s.bridgeDomains.get(3)!.members).toEqual([]);
    expect(s.interfaceAcls.has(tap)).toBe(false);
    expect(s.nat44.interfaces.has(tap)).toBe(false);
    expect(s.neighbours).toEqual([]);
    expect(s.routes).toEqual([]);
    expect(call(sim, 'acl_del', { acl_index: acl }).retval).toBe(0);
  });

  it('handle() answers a dump with its details, a request with exactly one reply and a cursor get with its details, then its reply', () => {
    const sim = newNatSim();
    expect(sim.handle(newRequest('sw_interface_dump'))).toHaveLength(2);
    expect(sim.handle(newRequest('create_loopback'))).toEqual([{ _msgname: 'create_loopback_reply', retval: 0, sw_if_index: 2 }]);
    call(sim, 'nat44_ed_add_del_output_interface', { sw_if_index: 2 });
    expect(sim.handle(newRequest('nat44_ed_output_interface_get', { cursor: 0 })).map((m) => m._msgname)).toEqual([
      'nat44_ed_output_interface_details',
      'nat44_ed_output_interface_get_reply',
    ]);
  });

  it('emptySimState() starts with only FIB table 0', () => {
    expect([...emptySimState('x').ipTables!.keys()]).toEqual([0]);
  });
});
