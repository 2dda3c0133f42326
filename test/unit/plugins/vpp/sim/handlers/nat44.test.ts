import { describe, expect, it } from 'vitest';
import { VnetApiError as E } from '../../../../../../plugins/vpp/messages/api-errno.ts';
import { NatConfigFlags as F } from '../../../../../../plugins/vpp/messages/nat44.ts';
import { U32_MAX } from '../../../../../../plugins/vpp/messages/vpp-types.ts';
import { parseIp4 } from '../../../../../../plugins/net/ipv4.ts';
import { call, dumpOf, getOf, newNatSim, newSim } from '../../../../../fakes/vpp-sim-call.ts';

describe('nat44 handlers', () => {
  it('nat44_add_del_address_range adds every address of the range and nat44_address_dump lists them', () => {
    const sim = newNatSim();
    expect(call(sim, 'nat44_add_del_address_range', { first_ip_address: [192, 168, 16, 10], last_ip_address: [192, 168, 16, 11] }).retval).toBe(0);
    call(sim, 'nat44_add_del_address_range', { first_ip_address: [10, 9, 9, 9], last_ip_address: [10, 9, 9, 9], flags: F.NAT_IS_TWICE_NAT, vrf_id: 0 });
    expect(dumpOf(sim, 'nat44_address_dump').map((d) => [d.ip_address, d.flags, d.vrf_id])).toEqual([
      [[192, 168, 16, 10], 0, U32_MAX],
      [[192, 168, 16, 11], 0, U32_MAX],
      [[10, 9, 9, 9], F.NAT_IS_TWICE_NAT, 0],
    ]);
  });

  it('nat44_add_del_address_range fails with VALUE_EXIST for a pool address and NO_SUCH_ENTRY for a missing one', () => {
    const sim = newNatSim();
    call(sim, 'nat44_add_del_address_range', { first_ip_address: [1, 1, 1, 1], last_ip_address: [1, 1, 1, 1] });
    expect(call(sim, 'nat44_add_del_address_range', { first_ip_address: [1, 1, 1, 1], last_ip_address: [1, 1, 1, 1] }).retval).toBe(E.VALUE_EXIST);
    expect(call(sim, 'nat44_add_del_address_range', { first_ip_address: [1, 1, 1, 2], last_ip_address: [1, 1, 1, 2], is_add: false }).retval).toBe(E.NO_SUCH_ENTRY);
    expect(call(sim, 'nat44_add_del_address_range', { first_ip_address: [1, 1, 1, 1], last_ip_address: [1, 1, 1, 1], is_add: false }).retval).toBe(0);
    expect(sim.state.nat44.addresses).toEqual([]);
  });

  it('nat44_interface_add_del_feature sets inside and outside on one interface, re-adding is not an error, and the dump shows both flags', () => {
    const sim = newNatSim();
    call(sim, 'nat44_interface_add_del_feature', { sw_if_index: 1, flags: F.NAT_IS_INSIDE });
    call(sim, 'nat44_interface_add_del_feature', { sw_if_index: 1, flags: F.NAT_IS_OUTSIDE });
    expect(call(sim, 'nat44_interface_add_del_feature', { sw_if_index: 1, flags: F.NAT_IS_OUTSIDE }).retval).toBe(0);
    expect(dumpOf(sim, 'nat44_interface_dump')).toEqual([{ _msgname: 'nat44_interface_details', flags: F.NAT_IS_INSIDE | F.NAT_IS_OUTSIDE, sw_if_index: 1 }]);
    call(sim, 'nat44_interface_add_del_feature', { sw_if_index: 1, flags: F.NAT_IS_INSIDE, is_add: false });
    expect(sim.state.nat44.interfaces.get(1)).toEqual({ inside: false, outside: true });
  });

  it('nat44_interface_add_del_feature fails for an unknown interface and for removing a feature that is not there', () => {
    const sim = newNatSim();
    expect(call(sim, 'nat44_interface_add_del_feature', { sw_if_index: 33, flags: F.NAT_IS_INSIDE }).retval).toBe(E.INVALID_SW_IF_INDEX);
    expect(call(sim, 'nat44_interface_add_del_feature', { sw_if_index: 1, flags: F.NAT_IS_INSIDE, is_add: false }).retval).toBe(E.NO_SUCH_ENTRY);
  });

  it('nat44_add_del_address_range, nat44_interface_add_del_feature and nat44_ed_add_del_output_interface fail with UNSUPPORTED while the plugin is disabled', () => {
    const sim = newSim();
    const pool = { first_ip_address: [1, 1, 1, 1] as const, last_ip_address: [1, 1, 1, 1] as const };
    expect(call(sim, 'nat44_add_del_address_range', pool).retval).toBe(E.UNSUPPORTED);
    // A delete finds nothing in the empty pool; VPP checks only adds against the plugin.
    expect(call(sim, 'nat44_add_del_address_range', { ...pool, is_add: false }).retval).toBe(E.NO_SUCH_ENTRY);
    expect(call(sim, 'nat44_interface_add_del_feature', { sw_if_index: 1, flags: F.NAT_IS_INSIDE }).retval).toBe(E.UNSUPPORTED);
    expect(call(sim, 'nat44_interface_add_del_feature', { sw_if_index: 1, flags: F.NAT_IS_INSIDE, is_add: false }).retval).toBe(E.UNSUPPORTED);
    expect(call(sim, 'nat44_ed_add_del_output_interface', { sw_if_index: 1 }).retval).toBe(E.UNSUPPORTED);
    // The interface index is validated before the plugin.
    expect(call(sim, 'nat44_ed_add_del_output_interface', { sw_if_index: 33 }).retval).toBe(E.INVALID_SW_IF_INDEX);
    expect(sim.state.nat44.addresses).toEqual([]);
    expect(sim.state.nat44.interfaces.size + sim.state.nat44.outputInterfaces.size).toBe(0);
  });

  it('an interface cannot hold both pre-routing features and the output interface feature (VALUE_EXIST either way)', () => {
    const sim = newNatSim();
    const loop = call(sim, 'create_loopback').sw_if_index;
    call(sim, 'nat44_interface_add_del_feature', { sw_if_index: 1, flags: F.NAT_IS_OUTSIDE });
    expect(call(sim, 'nat44_ed_add_del_output_interface', { sw_if_index: 1 }).retval).toBe(E.VALUE_EXIST);
    expect(call(sim, 'nat44_ed_add_del_output_interface', { sw_if_index: loop }).retval).toBe(0);
    expect(call(sim, 'nat44_interface_add_del_feature', { sw_if_index: loop, flags: F.NAT_IS_INSIDE }).retval).toBe(E.VALUE_EXIST);
    expect(call(sim, 'nat44_ed_add_del_output_interface', { sw_if_index: loop }).retval).toBe(E.VALUE_EXIST);
    expect(getOf(sim, 'nat44_ed_output_interface_get').details.map((d) => d.sw_if_index)).toEqual([loop]);
    expect(sim.state.nat44.outputInterfaces.get(loop)).toEqual({ inside: false });
    expect(call(sim, 'nat44_ed_add_del_output_interface', { sw_if_index: loop, is_add: false }).retval).toBe(0);
    expect(call(sim, 'nat44_ed_add_del_output_interface', { sw_if_index: loop, is_add: false }).retval).toBe(E.NO_SUCH_ENTRY);
  });

  it('nat44_ed_output_interface_get walks the pool in index order (freed indexes reused, last freed first) and ends with cursor ~0', () => {
    const sim = newNatSim();
    const [a, b, c, d] = [0, 1, 2, 3].map(() => call(sim, 'create_loopback').sw_if_index) as [number, number, number, number];
    for (const sw of [a, b, c]) call(sim, 'nat44_ed_add_del_output_interface', { sw_if_index: sw });
    call(sim, 'nat44_ed_add_del_output_interface', { sw_if_index: b, is_add: false });
    call(sim, 'nat44_ed_add_del_output_interface', { sw_if_index: d });
    const all = getOf(sim, 'nat44_ed_output_interface_get', { cursor: 0 });
    expect(all.details).toEqual([a, d, c].map((sw) => ({ _msgname: 'nat44_ed_output_interface_details', sw_if_index: sw })));
    expect(all.reply).toEqual({ _msgname: 'nat44_ed_output_interface_get_reply', retval: 0, cursor: U32_MAX });
    expect(getOf(sim, 'nat44_ed_output_interface_get', { cursor: 1 }).details.map((x) => x.sw_if_index)).toEqual([d, c]);
    // A free index starts at the next used one; none left is INVALID_VALUE.
    call(sim, 'nat44_ed_add_del_output_interface', { sw_if_index: d, is_add: false });
    expect(getOf(sim, 'nat44_ed_output_interface_get', { cursor: 1 }).details.map((x) => x.sw_if_index)).toEqual([c]);
    expect(getOf(sim, 'nat44_ed_output_interface_get', { cursor: 3 })).toEqual({ details: [], reply: { _msgname: 'nat44_ed_output_interface_get_reply', retval: E.INVALID_VALUE, cursor: U32_MAX } });
  });

  it('nat44_ed_output_interface_get answers 0 without details for an empty pool and EAGAIN with the next cursor when it must yield', () => {
    expect(getOf(newNatSim(), 'nat44_ed_output_interface_get')).toEqual({ details: [], reply: { _msgname: 'nat44_ed_output_interface_get_reply', retval: 0, cursor: U32_MAX } });
    const sim = newNatSim({ cursorBatch: 2 });
    const loops = [0, 1, 2].map(() => call(sim, 'create_loopback').sw_if_index);
    for (const sw of loops) call(sim, 'nat44_ed_add_del_output_interface', { sw_if_index: sw });
    const first = getOf(sim, 'nat44_ed_output_interface_get', { cursor: 0 });
    expect(first.details.map((x) => x.sw_if_index)).toEqual(loops.slice(0, 2));
    expect(first.reply).toMatchObject({ retval: E.EAGAIN, cursor: 2 });
    const rest = getOf(sim, 'nat44_ed_output_interface_get', { cursor: first.reply.cursor });
    expect(rest.details.map((x) => x.sw_if_index)).toEqual(loops.slice(2));
    expect(rest.reply).toMatchObject({ retval: 0, cursor: U32_MAX });
  });

  it('deleting an interface drops its output feature and frees its pool index', () => {
    const sim = newNatSim();
    const [a, b] = [0, 1].map(() => call(sim, 'create_loopback').sw_if_index) as [number, number];
    call(sim, 'nat44_ed_add_del_output_interface', { sw_if_index: a });
    call(sim, 'nat44_ed_add_del_output_interface', { sw_if_index: b });
    call(sim, 'delete_loopback', { sw_if_index: a });
    expect(sim.state.nat44.outputInterfaces.has(a)).toBe(false);
    expect(getOf(sim, 'nat44_ed_output_interface_get').details.map((x) => x.sw_if_index)).toEqual([b]);
    const c = call(sim, 'create_loopback').sw_if_index;
    call(sim, 'nat44_ed_add_del_output_interface', { sw_if_index: c });
    expect(sim.state.nat44.outputPool?.slots).toEqual([c, b]);
  });

  it('nat44_user_dump and nat44_user_session_dump report the sessions the tracer put into the state', () => {
    const sim = newNatSim();
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
