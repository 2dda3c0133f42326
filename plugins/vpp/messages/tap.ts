/** @module `tapv2.api` messages (VPP 22.10): `tap_create_v2`, `tap_delete_v2`, `sw_interface_tap_v2_dump`. */
import type { InterfaceIndex, Ip4Address, Ip4Prefix, Ip6Address, Ip6Prefix, MacAddress, RetvalReply } from './vpp-types.ts';

/** `enum tap_flags` (a bit set). */
export const TapFlags = {
  TAP_API_FLAG_GSO: 1,
  TAP_API_FLAG_CSUM_OFFLOAD: 2,
  TAP_API_FLAG_PERSIST: 4,
  TAP_API_FLAG_ATTACH: 8,
  TAP_API_FLAG_TUN: 16,
  TAP_API_FLAG_GRO_COALESCE: 32,
  TAP_API_FLAG_PACKED: 64,
  TAP_API_FLAG_IN_ORDER: 128,
} as const;

/** `tap_create_v2`: creates `tap<id>` and its Linux side. Fields `*_set` say whether the next field is used. */
export interface TapCreateV2 {
  readonly _msgname: 'tap_create_v2';
  /** Interface instance; ~0 lets VPP pick the lowest free one. */
  readonly id: number;
  readonly use_random_mac: boolean;
  readonly mac_address: MacAddress;
  readonly num_rx_queues: number;
  readonly tx_ring_sz: number;
  readonly rx_ring_sz: number;
  readonly host_mtu_set: boolean;
  readonly host_mtu_size: number;
  readonly host_mac_addr_set: boolean;
  readonly host_mac_addr: MacAddress;
  readonly host_ip4_prefix_set: boolean;
  readonly host_ip4_prefix: Ip4Prefix;
  readonly host_ip6_prefix_set: boolean;
  readonly host_ip6_prefix: Ip6Prefix;
  readonly host_ip4_gw_set: boolean;
  readonly host_ip4_gw: Ip4Address;
  readonly host_ip6_gw_set: boolean;
  readonly host_ip6_gw: Ip6Address;
  readonly tap_flags: number;
  readonly host_namespace_set: boolean;
  /** string[64]: netns name or path. */
  readonly host_namespace: string;
  readonly host_if_name_set: boolean;
  /** string[64] */
  readonly host_if_name: string;
  readonly host_bridge_set: boolean;
  /** string[64] */
  readonly host_bridge: string;
  /** Becomes the interface tag when non-empty. */
  readonly tag: string;
}

/** `tap_create_v2_reply`. */
export interface TapCreateV2Reply {
  readonly _msgname: 'tap_create_v2_reply';
  readonly retval: number;
  readonly sw_if_index: InterfaceIndex;
}

/** `tap_delete_v2`. */
export interface TapDeleteV2 {
  readonly _msgname: 'tap_delete_v2';
  readonly sw_if_index: InterfaceIndex;
}

/** `sw_interface_tap_v2_dump`: all taps (~0) or one. */
export interface SwInterfaceTapV2Dump {
  readonly _msgname: 'sw_interface_tap_v2_dump';
  readonly sw_if_index: InterfaceIndex;
}

/** `sw_interface_tap_v2_details`. */
export interface SwInterfaceTapV2Details {
  readonly _msgname: 'sw_interface_tap_v2_details';
  readonly sw_if_index: InterfaceIndex;
  readonly id: number;
  /** string[64]: the VPP name (`tap0`). */
  readonly dev_name: string;
  readonly tx_ring_sz: number;
  readonly rx_ring_sz: number;
  readonly host_mtu_size: number;
  readonly host_mac_addr: MacAddress;
  readonly host_ip4_prefix: Ip4Prefix;
  readonly host_ip6_prefix: Ip6Prefix;
  readonly tap_flags: number;
  readonly host_namespace: string;
  readonly host_if_name: string;
  readonly host_bridge: string;
}

/** Request → reply of this API file. */
export interface TapRequests {
  readonly tap_create_v2: { readonly req: TapCreateV2; readonly reply: TapCreateV2Reply };
  readonly tap_delete_v2: { readonly req: TapDeleteV2; readonly reply: RetvalReply<'tap_delete_v2_reply'> };
}

/** Dump → details of this API file. */
export interface TapDumps {
  readonly sw_interface_tap_v2_dump: { readonly req: SwInterfaceTapV2Dump; readonly details: SwInterfaceTapV2Details };
}
