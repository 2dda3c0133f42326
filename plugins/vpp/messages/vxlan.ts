/** @module `vxlan.api` messages (VPP 22.10): `vxlan_add_del_tunnel`, `vxlan_tunnel_dump`. */
import type { Address, InterfaceIndex } from './vpp-types.ts';

/** `vxlan_add_del_tunnel`: creates `vxlan_tunnel<instance>` (L2 decap by default). */
export interface VxlanAddDelTunnel {
  readonly _msgname: 'vxlan_add_del_tunnel';
  readonly is_add: boolean;
  /** ~0 lets VPP pick the instance. */
  readonly instance: number;
  readonly src_address: Address;
  readonly dst_address: Address;
  /** ~0 for unicast tunnels. */
  readonly mcast_sw_if_index: InterfaceIndex;
  readonly encap_vrf_id: number;
  /** ~0 = l2-input (decapsulated frames are bridged). */
  readonly decap_next_index: number;
  /** 24-bit VNI. */
  readonly vni: number;
}

/** `vxlan_add_del_tunnel_reply`. */
export interface VxlanAddDelTunnelReply {
  readonly _msgname: 'vxlan_add_del_tunnel_reply';
  readonly retval: number;
  readonly sw_if_index: InterfaceIndex;
}

/** `vxlan_tunnel_dump`: all (~0) or one tunnel. */
export interface VxlanTunnelDump {
  readonly _msgname: 'vxlan_tunnel_dump';
  readonly sw_if_index: InterfaceIndex;
}

/** `vxlan_tunnel_details`. */
export interface VxlanTunnelDetails {
  readonly _msgname: 'vxlan_tunnel_details';
  readonly sw_if_index: InterfaceIndex;
  readonly instance: number;
  readonly src_address: Address;
  readonly dst_address: Address;
  readonly mcast_sw_if_index: InterfaceIndex;
  readonly encap_vrf_id: number;
  readonly decap_next_index: number;
  readonly vni: number;
}

/** Request → reply of this API file. */
export interface VxlanRequests {
  readonly vxlan_add_del_tunnel: { readonly req: VxlanAddDelTunnel; readonly reply: VxlanAddDelTunnelReply };
}

/** Dump → details of this API file. */
export interface VxlanDumps {
  readonly vxlan_tunnel_dump: { readonly req: VxlanTunnelDump; readonly details: VxlanTunnelDetails };
}
