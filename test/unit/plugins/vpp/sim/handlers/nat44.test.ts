import { describe, expect, it } from 'vitest';
import { VnetApiError as E } from '../../../../../../plugins/vpp/messages/api-errno.ts';
import { NatConfigFlags as F } from '../../../../../../plugins/vpp/messages/nat44.ts';
import { U32_MAX } from '../../../../../../plugins/vpp/messages/vpp-types.ts';
import { parseIp4 } from '../../../../../../plugins/net/ipv4.ts';
import { call, dumpOf, newSim } from '../../../../../fakes/vpp-sim-call.ts';

describe('nat44 handlers', () => {
  it('nat44_forwarding_enable_disable toggles forwarding and nat44_forwarding_is_enabled reports it', () => {
    const sim = newSim();
    expect(call(sim, 'nat44_forwarding_is_enabled')).toEqual({ _msgname: 'nat44_forwarding_is_enabled_reply', enabled: false });
    call(sim, 'nat44_forwarding_enable_disable', { enable: true });
    expect(call(sim, 'nat44_forwarding_is_enabled').enabled).toBe(true);
  });

  it('nat44_add_del_address_range adds every address of the range and nat44_address_dump lists them', () => {
    const sim = newSim();
    expect(call(sim, 'nat44_add_del_address_range', { first_ip_address: [192, 168, 16, 10], last_ip_address: [192, 168, 16, 11] }).retval).toBe(0);
    call(sim, 'nat44_add_del_address_range', { first_ip_address: [10, 9, 9, 9], last_ip_address: [10, 9, 9, 9], flags: F.NAT_IS_TWICE_NAT, vrf_id: 0 });
    expect(dumpOf(sim, 'nat44_address_dump').map((d) => [d.ip_address, d.flags, d.vrf_id])).toEqual([
      [[192, 168, 16, 10], 0, U32_MAX],
      [[192, 168, 16, 11], 0, U32_MAX],
      [[10, 9, 9, 9], F.NAT_IS_TWICE_NAT, 0],
    ]);
  });

  it('nat44_add_del_address_range fails with VALUE_EXIST for a pool address and NO_SUCH_ENTRY for a missing one', () => {
    const sim = newSim();
    call(sim, 'nat44_add_del_address_range', { first_ip_address: [1, 1, 1, 1], last_ip_address: [1, 1, 1, 1] });
    expect(call(sim, 'nat44_add_del_address_range', { first_ip_address: [1, 1, 1, 1], last_ip_address: [1, 1, 1, 1] }).retval).toBe(E.VALUE_EXIST);
    expect(call(sim, 'nat44_add_del_address_range', { first_ip_address: [1, 1, 1, 2], last_ip_address: [1, 1, 1, 2], is_add: false }).retval).toBe(E.NO_SUCH_ENTRY);
    expect(call(sim, 'nat44_add_del_address_range', { first_ip_address: [1, 1, 1, 1], last_ip_address: [1, 1, 1, 1], is_add: false }).retval).toBe(0);
    expect(sim.state.nat44.addresses).toEqual([]);
  });

  it('nat44_interface_add_del_feature sets inside and outside on one interface, re-adding is not an error, and the dump shows both flags', () => {
    const sim = newSim();
    call(sim, 'nat44_interface_add_del_feature', { sw_if_index: 1, flags: F.NAT_IS_INSIDE });
    call(sim, 'nat44_interface_add_del_feature', { sw_if_index: 1, flags: F.NAT_IS_OUTSIDE });
    expect(call(sim, 'nat44_interface_add_del_feature', { sw_if_index: 1, flags: F.NAT_IS_OUTSIDE }).retval).toBe(0);
    expect(dumpOf(sim, 'nat44_interface_dump')).toEqual([{ _msgname: 'nat44_interface_details', flags: F.NAT_IS_INSIDE | F.NAT_IS_OUTSIDE, sw_if_index: 1 }]);
    call(sim, 'nat44_interface_add_del_feature', { sw_if_index: 1, flags: F.NAT_IS_INSIDE, is_add: false });
    expect(sim.state.nat44.interfaces.get(1)).toEqual({ inside: false, outside: true });
  });

  it('nat44_interface_add_del_feature fails for an unknown interface and for removing a feature that is not there', () => {
    const sim = newSim();
    expect(call(sim, 'nat44_interface_add_del_feature', { sw_if_index: 33, flags: F.NAT_IS_INSIDE }).retval).toBe(E.INVALID_SW_IF_INDEX);
    expect(call(sim, 'nat44_interface_add_del_feature', { sw_if_index: 1, flags: F.NAT_IS_INSIDE, is_add: false }).retval).toBe(E.NO_SUCH_ENTRY);
  });

  it('an interface cannot hold both pre-routing features and the output feature (VALUE_EXIST either way)', () => {
    const sim = newSim();
    const loop = call(sim, 'create_loopback').sw_if_index;
    call(sim, 'nat44_interface_add_del_feature', { sw_if_index: 1, flags: F.NAT_IS_OUTSIDE });
    expect(call(sim, 'nat44_interface_add_del_output_feature', { sw_if_index: 1 }).retval).toBe(E.VALUE_EXIST);
    expect(call(sim, 'nat44_interface_add_del_output_feature', { sw_if_index: loop }).retval).toBe(0);
    expect(call(sim, 'nat44_interface_add_del_feature', { sw_if_index: loop, flags: F.NAT_IS_INSIDE }).retval).toBe(E.VALUE_EXIST);
    expect(call(sim, 'nat44_interface_add_del_output_feature', { sw_if_index: loop }).retval).toBe(E.VALUE_EXIST);
    expect(dumpOf(sim, 'nat44_interface_output_feature_dump').map((d) => d.sw_if_index)).toEqual([loop]);
    expect(call(sim, 'nat44_interface_add_del_output_feature', { sw_if_index: loop, is_add: false }).retval).toBe(0);
    expect(call(sim, 'nat44_interface_add_del_output_feature', { sw_if_index: loop, is_add: false }).retval).toBe(E.NO_SUCH_ENTRY);
  });

  it('nat44_user_dump and nat44_user_session_dump report the sessions the tracer put into the state', () => {
    const sim = newSim();
    sim.state.nat44.sessions.push({
      id: 1,
      protocol: 6,
      inIp: parseIp4('10.1.1.2'),
      inPort: 80,
      outIp: parseIp4('10.96.0.10'),
      outPort: 8080,
      extIp: parseIp4('10.1.2.3'),
      extPort: 40000,
      isStatic: true,
      twiceNat: false,
      lastHeard: 5000,
    });
    expect(dumpOf(sim, 'nat44_user_dump')).toEqual([{ _msgname: 'nat44_user_details', vrf_id: 0, ip_address: [10, 1, 1, 2], nsessions: 0, nstaticsessions: 1 }]);
    expect(dumpOf(sim, 'nat44_user_session_dump', { ip_address: [10, 1, 1, 2] })).toMatchObject([
      { inside_port: 80, outside_ip_address: [10, 96, 0, 10], outside_port: 8080, protocol: 6, flags: F.NAT_IS_STATIC | F.NAT_IS_EXT_HOST_VALID, ext_host_port: 40000 },
    ]);
    expect(dumpOf(sim, 'nat44_user_session_dump', { ip_address: [10, 1, 1, 3] })).toEqual([]);
  });
});
