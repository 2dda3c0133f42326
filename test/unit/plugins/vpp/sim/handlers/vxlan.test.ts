import { describe, expect, it } from 'vitest';
import { VnetApiError as E } from '../../../../../../plugins/vpp/messages/api-errno.ts';
import { ip4Address } from '../../../../../../plugins/vpp/messages/vpp-types.ts';
import { parseIp4 } from '../../../../../../plugins/net/ipv4.ts';
import { call, dumpOf, newSim } from '../../../../../fakes/vpp-sim-call.ts';

const tunnel = (dst: string, vni = 10) => ({ src_address: ip4Address('192.168.16.1'), dst_address: ip4Address(dst), vni });

describe('vxlan handlers', () => {
  it('vxlan_add_del_tunnel creates vxlan_tunnel<n> and vxlan_tunnel_dump returns its endpoints', () => {
    const sim = newSim();
    const r = call(sim, 'vxlan_add_del_tunnel', tunnel('192.168.16.2'));
    expect(r.retval).toBe(0);
    expect(sim.state.interfaces.get(r.sw_if_index)).toMatchObject({
      name: 'vxlan_tunnel0',
      type: 'vxlan',
      vxlan: { src: parseIp4('192.168.16.1'), dst: parseIp4('192.168.16.2'), vni: 10, encapVrf: 0 },
    });
    expect(dumpOf(sim, 'vxlan_tunnel_dump')).toMatchObject([{ sw_if_index: r.sw_if_index, instance: 0, dst_address: ip4Address('192.168.16.2'), vni: 10 }]);
  });

  it('vxlan_add_del_tunnel rejects a duplicate tunnel (TUNNEL_EXIST), equal endpoints (SAME_SRC_DST), an unknown encap VRF and a used instance', () => {
    const sim = newSim();
    call(sim, 'vxlan_add_del_tunnel', tunnel('192.168.16.2'));
    expect(call(sim, 'vxlan_add_del_tunnel', tunnel('192.168.16.2')).retval).toBe(E.TUNNEL_EXIST);
    expect(call(sim, 'vxlan_add_del_tunnel', tunnel('192.168.16.1')).retval).toBe(E.SAME_SRC_DST);
    expect(call(sim, 'vxlan_add_del_tunnel', { ...tunnel('192.168.16.3'), encap_vrf_id: 9 }).retval).toBe(E.NO_SUCH_FIB);
    expect(call(sim, 'vxlan_add_del_tunnel', { ...tunnel('192.168.16.3'), instance: 0 }).retval).toBe(E.INSTANCE_IN_USE);
  });

  it('vxlan_add_del_tunnel deletes by endpoints and VNI and fails with NO_SUCH_ENTRY for an unknown tunnel', () => {
    const sim = newSim();
    const r = call(sim, 'vxlan_add_del_tunnel', tunnel('192.168.16.2'));
    expect(call(sim, 'vxlan_add_del_tunnel', { ...tunnel('192.168.16.2'), is_add: false })).toMatchObject({ retval: 0, sw_if_index: r.sw_if_index });
    expect(sim.state.interfaces.has(r.sw_if_index)).toBe(false);
    expect(call(sim, 'vxlan_add_del_tunnel', { ...tunnel('192.168.16.2'), is_add: false }).retval).toBe(E.NO_SUCH_ENTRY);
  });
});
