import { describe, expect, it } from 'vitest';
import { VnetApiError as E } from '../../../../../../plugins/vpp/messages/api-errno.ts';
import { parseIp4 } from '../../../../../../plugins/net/ipv4.ts';
import { call, dumpOf, newSim } from '../../../../../fakes/vpp-sim-call.ts';

describe('tap handlers', () => {
  it('tap_create_v2 creates tap<id> with the lowest free id, its host side and the tag', () => {
    const sim = newSim();
    const r = call(sim, 'tap_create_v2', {
      host_if_name_set: true,
      host_if_name: 'eth0',
      host_namespace_set: true,
      host_namespace: '/var/run/netns/pod1',
      host_ip4_prefix_set: true,
      host_ip4_prefix: { address: [10, 1, 1, 2], len: 32 },
      host_ip4_gw_set: true,
      host_ip4_gw: [10, 1, 1, 1],
      tag: 'default/pod1',
    });
    expect(r.retval).toBe(0);
    const i = sim.state.interfaces.get(r.sw_if_index)!;
    expect(i).toMatchObject({ name: 'tap0', type: 'tap', tag: 'default/pod1', adminUp: false });
    expect(i.tap).toMatchObject({ hostIfName: 'eth0', hostNamespace: '/var/run/netns/pod1', hostIp4: { ip: parseIp4('10.1.1.2'), len: 32 }, hostIp4Gw: parseIp4('10.1.1.1') });
    expect(call(sim, 'tap_create_v2', { host_if_name_set: true, host_if_name: 'eth0', host_namespace_set: true, host_namespace: '/var/run/netns/pod2' }).sw_if_index).not.toBe(r.sw_if_index);
    expect(dumpOf(sim, 'sw_interface_tap_v2_dump').map((d) => [d.dev_name, d.id, d.host_if_name])).toEqual([
      ['tap0', 0, 'eth0'],
      ['tap1', 1, 'eth0'],
    ]);
  });

  it('tap_create_v2 uses the given MAC when use_random_mac is false, else a stable generated one', () => {
    const sim = newSim();
    const a = call(sim, 'tap_create_v2', { use_random_mac: false, mac_address: [2, 0, 0, 0, 0, 7] });
    expect([...sim.state.interfaces.get(a.sw_if_index)!.mac]).toEqual([2, 0, 0, 0, 0, 7]);
    const b = call(sim, 'tap_create_v2');
    const again = newSim();
    call(again, 'tap_create_v2', { use_random_mac: false, mac_address: [2, 0, 0, 0, 0, 7] });
    expect(sim.state.interfaces.get(b.sw_if_index)!.mac).toEqual(again.state.interfaces.get(call(again, 'tap_create_v2').sw_if_index)!.mac);
  });

  it('tap_create_v2 fails with INVALID_INTERFACE for an id in use and NETLINK_ERROR for a duplicate host name in one namespace', () => {
    const sim = newSim();
    call(sim, 'tap_create_v2', { id: 3, host_if_name_set: true, host_if_name: 'vpp1' });
    expect(call(sim, 'tap_create_v2', { id: 3 }).retval).toBe(E.INVALID_INTERFACE);
    expect(call(sim, 'tap_create_v2', { host_if_name_set: true, host_if_name: 'vpp1' }).retval).toBe(E.NETLINK_ERROR);
  });

  it('tap_delete_v2 removes the tap and frees its index; unknown or non-tap indexes fail with INVALID_SW_IF_INDEX', () => {
    const sim = newSim();
    const t = call(sim, 'tap_create_v2').sw_if_index;
    expect(call(sim, 'tap_delete_v2', { sw_if_index: 1 }).retval).toBe(E.INVALID_SW_IF_INDEX);
    expect(call(sim, 'tap_delete_v2', { sw_if_index: t }).retval).toBe(0);
    expect(call(sim, 'tap_delete_v2', { sw_if_index: t }).retval).toBe(E.INVALID_SW_IF_INDEX);
    expect(dumpOf(sim, 'sw_interface_tap_v2_dump')).toEqual([]);
    expect(call(sim, 'tap_create_v2').sw_if_index).toBe(t);
  });
  it('tap_create_v2 keeps the ring sizes VPP sets up (0 = 256) and refuses sizes that are no power of two up to 32768', () => {
    const sim = newSim();
    expect(call(sim, 'tap_create_v2', { rx_ring_sz: 1024, tx_ring_sz: 0 }).retval).toBe(0);
    expect(call(sim, 'tap_create_v2', { rx_ring_sz: 1000 }).retval).toBe(E.INIT_FAILED);
    expect(call(sim, 'tap_create_v2', { tx_ring_sz: 65535 }).retval).toBe(E.INIT_FAILED);
    expect(dumpOf(sim, 'sw_interface_tap_v2_dump').map((d) => [d.rx_ring_sz, d.tx_ring_sz])).toEqual([[1024, 256]]);
  });
});
