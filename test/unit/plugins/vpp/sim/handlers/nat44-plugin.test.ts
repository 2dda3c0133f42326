import { describe, expect, it } from 'vitest';
import { VnetApiError as E } from '../../../../../../plugins/vpp/messages/api-errno.ts';
import { NatConfigFlags as F } from '../../../../../../plugins/vpp/messages/nat44.ts';
import { NAT44_DEFAULT_SESSIONS, Nat44ConfigFlags as CF } from '../../../../../../plugins/vpp/messages/nat44-plugin.ts';
import { natBuckets } from '../../../../../../plugins/vpp/sim/handlers/nat44-plugin.ts';
import { call, dumpOf, getOf, newNatSim, newSim } from '../../../../../fakes/vpp-sim-call.ts';

describe('nat44 plugin handlers', () => {
  it('nat44_show_running_config reports a disabled plugin as zeroed and an enabled one with its sessions, VRFs, buckets and default timeouts', () => {
    const sim = newSim();
    expect(call(sim, 'nat44_show_running_config')).toMatchObject({ retval: 0, sessions: 0, inside_vrf: 0, translation_buckets: 0, forwarding_enabled: false, flags: CF.NAT44_IS_ENDPOINT_DEPENDENT });
    expect(call(sim, 'nat44_ed_plugin_enable_disable', { enable: true, inside_vrf: 0, outside_vrf: 5 }).retval).toBe(0);
    expect(call(sim, 'nat44_show_running_config')).toEqual({
      _msgname: 'nat44_show_running_config_reply',
      retval: 0,
      inside_vrf: 0,
      outside_vrf: 5,
      users: 0,
      sessions: NAT44_DEFAULT_SESSIONS,
      user_sessions: 0,
      user_buckets: 0,
      translation_buckets: 32768,
      forwarding_enabled: false,
      ipfix_logging_enabled: false,
      timeouts: { udp: 300, tcp_established: 7440, tcp_transitory: 240, icmp: 60 },
      log_level: 0,
      flags: CF.NAT44_IS_ENDPOINT_DEPENDENT,
    });
    expect(sim.state.nat44.plugin).toEqual({ sessions: 63 * 1024, insideVrf: 0, outsideVrf: 5 });
  });

  it('nat44_ed_plugin_enable_disable answers 1 when enabling an enabled plugin or disabling a disabled one, and UNSUPPORTED for static-mapping-only or connection tracking', () => {
    const sim = newSim();
    expect(call(sim, 'nat44_ed_plugin_enable_disable', { enable: false }).retval).toBe(1);
    expect(call(sim, 'nat44_ed_plugin_enable_disable', { flags: CF.NAT44_IS_STATIC_MAPPING_ONLY }).retval).toBe(E.UNSUPPORTED);
    expect(call(sim, 'nat44_ed_plugin_enable_disable', { flags: CF.NAT44_IS_CONNECTION_TRACKING }).retval).toBe(E.UNSUPPORTED);
    expect(sim.state.nat44.plugin).toBeUndefined();
    expect(call(sim, 'nat44_ed_plugin_enable_disable', { sessions: 1000 }).retval).toBe(0);
    expect(call(sim, 'nat44_ed_plugin_enable_disable', { sessions: 2000 }).retval).toBe(1);
    expect(call(sim, 'nat44_show_running_config').sessions).toBe(1000);
  });

  it('nat44_forwarding_enable_disable works with the plugin disabled, and enabling the plugin switches forwarding off', () => {
    const sim = newSim();
    call(sim, 'nat44_forwarding_enable_disable', { enable: true });
    expect(call(sim, 'nat44_show_running_config').forwarding_enabled).toBe(true);
    call(sim, 'nat44_ed_plugin_enable_disable', { enable: true });
    expect(call(sim, 'nat44_show_running_config').forwarding_enabled).toBe(false);
    call(sim, 'nat44_forwarding_enable_disable', { enable: true });
    expect(sim.state.nat44.forwarding).toBe(true);
  });

  it('disabling the plugin removes every NAT44 setting, session and forwarding; the plugin can be enabled again', () => {
    const sim = newNatSim();
    const loop = call(sim, 'create_loopback').sw_if_index;
    call(sim, 'nat44_forwarding_enable_disable', { enable: true });
    call(sim, 'nat44_add_del_address_range', { first_ip_address: [1, 1, 1, 1], last_ip_address: [1, 1, 1, 1] });
    call(sim, 'nat44_interface_add_del_feature', { sw_if_index: 1, flags: F.NAT_IS_INSIDE });
    call(sim, 'nat44_ed_add_del_output_interface', { sw_if_index: loop });
    call(sim, 'nat44_add_del_static_mapping', { local_ip_address: [10, 1, 1, 2], external_ip_address: [10, 96, 0, 1], protocol: 6, local_port: 80, external_port: 80, tag: 's' });
    call(sim, 'nat44_add_del_identity_mapping', { ip_address: [1, 1, 1, 1], protocol: 17, port: 4789, tag: 'i' });
    expect(call(sim, 'nat44_ed_plugin_enable_disable', { enable: false }).retval).toBe(0);
    const nat = sim.state.nat44;
    expect([nat.addresses.length, nat.interfaces.size, nat.outputInterfaces.size, nat.staticMappings.length, nat.identityMappings.length]).toEqual([0, 0, 0, 0, 0]);
    expect(nat.forwarding).toBe(false);
    expect(call(sim, 'nat44_show_running_config').sessions).toBe(0);
    expect(call(sim, 'nat44_ed_plugin_enable_disable', { enable: true }).retval).toBe(0);
    expect(dumpOf(sim, 'nat44_interface_dump')).toEqual([]);
    expect(getOf(sim, 'nat44_ed_output_interface_get').details).toEqual([]);
  });
});

describe('natBuckets', () => {
  it.each([
    [NAT44_DEFAULT_SESSIONS, 32768],
    [1024, 512],
    [10, 4],
  ])('natBuckets() sizes %i sessions at %i buckets (the power of two nearest to n / 2.5)', (n, buckets) => {
    expect(natBuckets(n)).toBe(buckets);
  });
});
