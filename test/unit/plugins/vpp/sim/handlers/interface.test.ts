import { describe, expect, it } from 'vitest';
import { VnetApiError as E } from '../../../../../../plugins/vpp/messages/api-errno.ts';
import { ip4Prefix, prefixFromText } from '../../../../../../plugins/vpp/messages/vpp-types.ts';
import { parseIp4 } from '../../../../../../plugins/net/ipv4.ts';
import { call, dumpOf, newSim } from '../../../../../fakes/vpp-sim-call.ts';

describe('interface handlers', () => {
  it('sw_interface_dump lists local0 and the NICs the simulator starts with, admin down', () => {
    const sim = newSim();
    const d = dumpOf(sim, 'sw_interface_dump');
    expect(d.map((x) => [x.sw_if_index, x.interface_name, x.flags])).toEqual([
      [0, 'local0', 0],
      [1, 'GigabitEthernet0/8/0', 0],
    ]);
    expect(d[1]!.l2_address).toEqual([8, 0, 0x27, 0, 0, 1]);
  });

  it('sw_interface_dump filters by sw_if_index and by name substring', () => {
    const sim = newSim();
    call(sim, 'create_loopback');
    expect(dumpOf(sim, 'sw_interface_dump', { sw_if_index: 2 }).map((x) => x.interface_name)).toEqual(['loop0']);
    expect(dumpOf(sim, 'sw_interface_dump', { name_filter_valid: true, name_filter: 'Gigabit' }).map((x) => x.sw_if_index)).toEqual([1]);
  });

  it('sw_interface_set_flags sets admin up (ADMIN_UP|LINK_UP in the dump) and fails with INVALID_SW_IF_INDEX for an unknown index', () => {
    const sim = newSim();
    expect(call(sim, 'sw_interface_set_flags', { sw_if_index: 1, flags: 1 }).retval).toBe(0);
    expect(dumpOf(sim, 'sw_interface_dump', { sw_if_index: 1 })[0]!.flags).toBe(3);
    expect(sim.state.interfaces.get(1)!.adminUp).toBe(true);
    expect(call(sim, 'sw_interface_set_flags', { sw_if_index: 99, flags: 1 }).retval).toBe(E.INVALID_SW_IF_INDEX);
  });

  it('sw_interface_add_del_address adds an address keeping host bits and lists it in ip_address_dump', () => {
    const sim = newSim();
    expect(call(sim, 'sw_interface_add_del_address', { sw_if_index: 1, prefix: prefixFromText('192.168.16.1/24') }).retval).toBe(0);
    expect(sim.state.interfaces.get(1)!.addresses).toEqual([{ ip: parseIp4('192.168.16.1'), len: 24 }]);
    expect(dumpOf(sim, 'ip_address_dump', { sw_if_index: 1 }).map((d) => d.prefix)).toEqual([ip4Prefix('192.168.16.1', 24)]);
  });

  it('sw_interface_add_del_address rejects an address already on the interface with ADDRESS_IN_USE', () => {
    const sim = newSim();
    call(sim, 'sw_interface_add_del_address', { sw_if_index: 1, prefix: prefixFromText('10.0.0.1/24') });
    expect(call(sim, 'sw_interface_add_del_address', { sw_if_index: 1, prefix: prefixFromText('10.0.0.1/24') }).retval).toBe(E.ADDRESS_IN_USE);
  });

  it('sw_interface_add_del_address rejects an overlapping prefix on another interface of the same VRF but allows a second address of the subnet on one interface', () => {
    const sim = newSim();
    const loop = call(sim, 'create_loopback').sw_if_index;
    call(sim, 'sw_interface_add_del_address', { sw_if_index: 1, prefix: prefixFromText('10.0.0.1/24') });
    expect(call(sim, 'sw_interface_add_del_address', { sw_if_index: 1, prefix: prefixFromText('10.0.0.2/24') }).retval).toBe(0);
    expect(call(sim, 'sw_interface_add_del_address', { sw_if_index: loop, prefix: prefixFromText('10.0.0.9/32') }).retval).toBe(E.ADDRESS_IN_USE);
    expect(call(sim, 'sw_interface_add_del_address', { sw_if_index: loop, prefix: prefixFromText('10.0.1.9/32') }).retval).toBe(0);
  });

  it('sw_interface_add_del_address fails with ADDRESS_NOT_FOUND_FOR_INTERFACE when removing an address that is not there', () => {
    const sim = newSim();
    expect(call(sim, 'sw_interface_add_del_address', { sw_if_index: 1, is_add: false, prefix: prefixFromText('10.0.0.1/24') }).retval).toBe(
      E.ADDRESS_NOT_FOUND_FOR_INTERFACE,
    );
  });

  it('sw_interface_add_del_address with del_all removes every address', () => {
    const sim = newSim();
    call(sim, 'sw_interface_add_del_address', { sw_if_index: 1, prefix: prefixFromText('10.0.0.1/24') });
    call(sim, 'sw_interface_add_del_address', { sw_if_index: 1, prefix: prefixFromText('10.0.1.1/24') });
    expect(call(sim, 'sw_interface_add_del_address', { sw_if_index: 1, is_add: false, del_all: true }).retval).toBe(0);
    expect(dumpOf(sim, 'ip_address_dump', { sw_if_index: 1 })).toEqual([]);
  });

  it('sw_interface_set_table needs an existing FIB table and no addresses on the interface', () => {
    const sim = newSim();
    expect(call(sim, 'sw_interface_set_table', { sw_if_index: 1, vrf_id: 5 }).retval).toBe(E.NO_SUCH_FIB);
    call(sim, 'ip_table_add_del', { table: { table_id: 5, is_ip6: false, name: '' } });
    call(sim, 'sw_interface_add_del_address', { sw_if_index: 1, prefix: prefixFromText('10.0.0.1/24') });
    expect(call(sim, 'sw_interface_set_table', { sw_if_index: 1, vrf_id: 5 }).retval).toBe(E.ADDRESS_FOUND_FOR_INTERFACE);
    call(sim, 'sw_interface_add_del_address', { sw_if_index: 1, is_add: false, del_all: true });
    expect(call(sim, 'sw_interface_set_table', { sw_if_index: 1, vrf_id: 5 }).retval).toBe(0);
    expect(call(sim, 'sw_interface_get_table', { sw_if_index: 1 })).toMatchObject({ retval: 0, vrf_id: 5 });
  });

  it('sw_interface_set_mac_address changes the MAC shown in the dump', () => {
    const sim = newSim();
    expect(call(sim, 'sw_interface_set_mac_address', { sw_if_index: 1, mac_address: [2, 0, 0, 0, 0, 9] }).retval).toBe(0);
    expect(dumpOf(sim, 'sw_interface_dump', { sw_if_index: 1 })[0]!.l2_address).toEqual([2, 0, 0, 0, 0, 9]);
  });

  it('sw_interface_set_unnumbered borrows the address owner and validates both indexes', () => {
    const sim = newSim();
    const loop = call(sim, 'create_loopback').sw_if_index;
    expect(call(sim, 'sw_interface_set_unnumbered', { sw_if_index: 1, unnumbered_sw_if_index: loop }).retval).toBe(0);
    expect(sim.state.interfaces.get(loop)!.unnumberedOf).toBe(1);
    expect(call(sim, 'sw_interface_set_unnumbered', { sw_if_index: 1, unnumbered_sw_if_index: loop, is_add: false }).retval).toBe(0);
    expect(sim.state.interfaces.get(loop)!.unnumberedOf).toBeUndefined();
    expect(call(sim, 'sw_interface_set_unnumbered', { sw_if_index: 77, unnumbered_sw_if_index: loop }).retval).toBe(E.INVALID_SW_IF_INDEX);
    expect(call(sim, 'sw_interface_set_unnumbered', { sw_if_index: 1, unnumbered_sw_if_index: 77 }).retval).toBe(E.INVALID_SW_IF_INDEX_2);
  });

  it('sw_interface_set_unnumbered unbinds without looking at the address owner, as VPP', () => {
    const sim = newSim();
    const loop = call(sim, 'create_loopback').sw_if_index;
    call(sim, 'sw_interface_set_unnumbered', { sw_if_index: 1, unnumbered_sw_if_index: loop });
    expect(call(sim, 'sw_interface_set_unnumbered', { sw_if_index: 77, unnumbered_sw_if_index: loop, is_add: false }).retval).toBe(0);
    expect(sim.state.interfaces.get(loop)!.unnumberedOf).toBeUndefined();
  });

  it('sw_interface_tag_add_del sets and clears the tag and rejects an empty tag on add', () => {
    const sim = newSim();
    expect(call(sim, 'sw_interface_tag_add_del', { sw_if_index: 1, tag: 'main-nic' }).retval).toBe(0);
    expect(dumpOf(sim, 'sw_interface_dump', { sw_if_index: 1 })[0]!.tag).toBe('main-nic');
    expect(call(sim, 'sw_interface_tag_add_del', { sw_if_index: 1, is_add: false }).retval).toBe(0);
    expect(sim.state.interfaces.get(1)!.tag).toBe('');
    expect(call(sim, 'sw_interface_tag_add_del', { sw_if_index: 1, tag: '' }).retval).toBe(E.INVALID_VALUE);
  });

  it('create_loopback names loops by the lowest free instance with VPP default MAC de:ad:00:00:00:<n>', () => {
    const sim = newSim();
    const a = call(sim, 'create_loopback').sw_if_index;
    const b = call(sim, 'create_loopback').sw_if_index;
    expect([a, b]).toEqual([2, 3]);
    expect(sim.state.interfaces.get(b)).toMatchObject({ name: 'loop1', type: 'loopback', adminUp: false });
    expect([...sim.state.interfaces.get(b)!.mac]).toEqual([0xde, 0xad, 0, 0, 0, 1]);
    call(sim, 'delete_loopback', { sw_if_index: a });
    const c = call(sim, 'create_loopback', { mac_address: [2, 1, 1, 1, 1, 1] }).sw_if_index;
    expect(c).toBe(a); // VPP reuses the freed sw_if_index
    expect(sim.state.interfaces.get(c)!.name).toBe('loop0');
    expect([...sim.state.interfaces.get(c)!.mac]).toEqual([2, 1, 1, 1, 1, 1]);
  });

  it('delete_loopback fails with INVALID_SW_IF_INDEX for a non-loopback or unknown index', () => {
    const sim = newSim();
    expect(call(sim, 'delete_loopback', { sw_if_index: 1 }).retval).toBe(E.INVALID_SW_IF_INDEX);
    expect(call(sim, 'delete_loopback', { sw_if_index: 50 }).retval).toBe(E.INVALID_SW_IF_INDEX);
  });
});
