import { describe, expect, it } from 'vitest';
import { VnetApiError as E } from '../../../../../../plugins/vpp/messages/api-errno.ts';
import { L2PortType } from '../../../../../../plugins/vpp/messages/l2.ts';
import { U32_MAX } from '../../../../../../plugins/vpp/messages/vpp-types.ts';
import { call, dumpOf, newSim } from '../../../../../fakes/vpp-sim-call.ts';

describe('l2 handlers', () => {
  it('bridge_domain_add_del creates a BD with its flags and tag, shown by bridge_domain_dump', () => {
    const sim = newSim();
    expect(call(sim, 'bridge_domain_add_del', { bd_id: 1, learn: false, arp_term: true, mac_age: 5, bd_tag: 'vxlanBD' }).retval).toBe(0);
    expect(dumpOf(sim, 'bridge_domain_dump')).toEqual([
      {
        _msgname: 'bridge_domain_details',
        bd_id: 1,
        flood: true,
        uu_flood: true,
        forward: true,
        learn: false,
        arp_term: true,
        arp_ufwd: false,
        mac_age: 5,
        bd_tag: 'vxlanBD',
        bvi_sw_if_index: U32_MAX,
        uu_fwd_sw_if_index: U32_MAX,
        n_sw_ifs: 0,
        sw_if_details: [],
      },
    ]);
  });

  it('bridge_domain_add_del refuses bd_id 0 (BD_NOT_MODIFIABLE), a duplicate (BD_ALREADY_EXISTS) and an unknown delete (NO_SUCH_ENTRY)', () => {
    const sim = newSim();
    expect(call(sim, 'bridge_domain_add_del', { bd_id: 0 }).retval).toBe(E.BD_NOT_MODIFIABLE);
    call(sim, 'bridge_domain_add_del', { bd_id: 1 });
    expect(call(sim, 'bridge_domain_add_del', { bd_id: 1 }).retval).toBe(E.BD_ALREADY_EXISTS);
    expect(call(sim, 'bridge_domain_add_del', { bd_id: 2, is_add: false }).retval).toBe(E.NO_SUCH_ENTRY);
    expect(call(sim, 'bridge_domain_add_del', { bd_id: 0x1000000 }).retval).toBe(E.BD_ID_EXCEED_MAX);
  });

  it('bridge_domain_add_del refuses to delete a BD with members (BD_IN_USE)', () => {
    const sim = newSim();
    call(sim, 'bridge_domain_add_del', { bd_id: 1 });
    call(sim, 'sw_interface_set_l2_bridge', { rx_sw_if_index: 1, bd_id: 1 });
    expect(call(sim, 'bridge_domain_add_del', { bd_id: 1, is_add: false }).retval).toBe(E.BD_IN_USE);
  });

  it('sw_interface_set_l2_bridge adds members and one BVI, reported in the dump', () => {
    const sim = newSim();
    const loop = call(sim, 'create_loopback').sw_if_index;
    call(sim, 'bridge_domain_add_del', { bd_id: 1 });
    expect(call(sim, 'sw_interface_set_l2_bridge', { rx_sw_if_index: loop, bd_id: 1, port_type: L2PortType.L2_API_PORT_TYPE_BVI }).retval).toBe(0);
    expect(call(sim, 'sw_interface_set_l2_bridge', { rx_sw_if_index: 1, bd_id: 1, shg: 1 }).retval).toBe(0);
    const [bd] = dumpOf(sim, 'bridge_domain_dump', { bd_id: 1 });
    expect(bd).toMatchObject({ bvi_sw_if_index: loop, n_sw_ifs: 2, sw_if_details: [{ sw_if_index: 1, shg: 1 }, { sw_if_index: loop, shg: 0 }] });
    expect(sim.state.interfaces.get(loop)!.l2).toEqual({ bdId: 1, bvi: true, shg: 0 });
  });

  it('sw_interface_set_l2_bridge refuses a second BVI in one BD (BD_ALREADY_HAS_BVI) and an unknown interface', () => {
    const sim = newSim();
    const a = call(sim, 'create_loopback').sw_if_index;
    const b = call(sim, 'create_loopback').sw_if_index;
    call(sim, 'sw_interface_set_l2_bridge', { rx_sw_if_index: a, bd_id: 1, port_type: L2PortType.L2_API_PORT_TYPE_BVI });
    expect(call(sim, 'sw_interface_set_l2_bridge', { rx_sw_if_index: b, bd_id: 1, port_type: L2PortType.L2_API_PORT_TYPE_BVI }).retval).toBe(E.BD_ALREADY_HAS_BVI);
    expect(call(sim, 'sw_interface_set_l2_bridge', { rx_sw_if_index: 40, bd_id: 1 }).retval).toBe(E.INVALID_SW_IF_INDEX);
  });

  it('sw_interface_set_l2_bridge creates a missing BD with default flags, moves an interface between BDs and back to L3 on disable', () => {
    const sim = newSim();
    call(sim, 'sw_interface_set_l2_bridge', { rx_sw_if_index: 1, bd_id: 7 });
    expect(dumpOf(sim, 'bridge_domain_dump', { bd_id: 7 })[0]).toMatchObject({ learn: true, forward: true, flood: true, uu_flood: true, n_sw_ifs: 1 });
    call(sim, 'sw_interface_set_l2_bridge', { rx_sw_if_index: 1, bd_id: 8 });
    expect(dumpOf(sim, 'bridge_domain_dump', { sw_if_index: 1 }).map((d) => d.bd_id)).toEqual([8]);
    expect(call(sim, 'sw_interface_set_l2_bridge', { rx_sw_if_index: 1, bd_id: 8, enable: false }).retval).toBe(0);
    expect(sim.state.interfaces.get(1)!.l2).toBeUndefined();
    expect(dumpOf(sim, 'bridge_domain_dump', { bd_id: 8 })[0]!.n_sw_ifs).toBe(0);
  });
});
