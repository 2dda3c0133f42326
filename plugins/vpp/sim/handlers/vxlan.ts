/** @module Simulator handlers of `vxlan.api`: `vxlan_add_del_tunnel` (`vxlan_tunnel<n>`), `vxlan_tunnel_dump`. */
import { VnetApiError as E } from '../../messages/api-errno.ts';
import type { VxlanTunnelDetails } from '../../messages/vxlan.ts';
import { U32_MAX, addressToIp4, ip4Address } from '../../messages/vpp-types.ts';
import type { SimInterface } from '../sim-state.ts';
import { lowestFree } from './index-pool.ts';
import type { DumpHandlers, RequestHandlers } from './sim-context.ts';

const PREFIX = 'vxlan_tunnel';

function vxlanDetails(i: SimInterface): VxlanTunnelDetails {
  const v = i.vxlan ?? { src: 0, dst: 0, vni: 0, encapVrf: 0 };
  return {
    _msgname: 'vxlan_tunnel_details',
    sw_if_index: i.swIfIndex,
    instance: Number(i.name.slice(PREFIX.length)),
    src_address: ip4Address(v.src),
    dst_address: ip4Address(v.dst),
    mcast_sw_if_index: U32_MAX,
    encap_vrf_id: v.encapVrf,
    decap_next_index: U32_MAX,
    vni: v.vni,
  };
}

/** Request handlers of `vxlan.api`. */
export const vxlanRequestHandlers: RequestHandlers = {
  vxlan_add_del_tunnel(ctx, req) {
    const reply = (rv: number, sw = U32_MAX) => ({ _msgname: 'vxlan_add_del_tunnel_reply' as const, retval: rv, sw_if_index: sw });
    const src = addressToIp4(req.src_address);
    const dst = addressToIp4(req.dst_address);
    if (src === undefined || dst === undefined) return reply(E.INVALID_ADDRESS_FAMILY);
    if (src === dst) return reply(E.SAME_SRC_DST);
    if (!ctx.hasTable(req.encap_vrf_id)) return reply(E.NO_SUCH_FIB);
    if (req.vni >>> 24 !== 0) return reply(E.INVALID_VALUE);
    const tunnels = [...ctx.state.interfaces.values()].filter((i) => i.type === 'vxlan');
    const same = tunnels.find((t) => t.vxlan?.src === src && t.vxlan.dst === dst && t.vxlan.vni === req.vni && t.vxlan.encapVrf === req.encap_vrf_id);
    if (!req.is_add) {
      if (!same) return reply(E.NO_SUCH_ENTRY);
      ctx.deleteInterface(same.swIfIndex);
      return reply(0, same.swIfIndex);
    }
    if (same) return reply(E.TUNNEL_EXIST);
    const used = tunnels.map((t) => Number(t.name.slice(PREFIX.length)));
    if (req.instance !== U32_MAX && used.includes(req.instance)) return reply(E.INSTANCE_IN_USE);
    const instance = req.instance === U32_MAX ? lowestFree(used) : req.instance;
    const i = ctx.createInterface({ name: `${PREFIX}${instance}`, type: 'vxlan', mac: new Uint8Array(6) });
    i.vxlan = { src, dst, vni: req.vni, encapVrf: req.encap_vrf_id };
    return reply(0, i.swIfIndex);
  },
};

/** Dump handlers of `vxlan.api`. */
export const vxlanDumpHandlers: DumpHandlers = {
  vxlan_tunnel_dump(ctx, req) {
    return [...ctx.state.interfaces.values()]
      .filter((i) => i.type === 'vxlan' && (req.sw_if_index === U32_MAX || i.swIfIndex === req.sw_if_index))
      .sort((a, b) => a.swIfIndex - b.swIfIndex)
      .map(vxlanDetails);
  },
};
