/**
 * @module `nat44_ed.api` / `nat_types.api` messages (NAT44 endpoint-dependent, VPP 22.10, API
 * 5.5.0): address pool, interface features (pre-routing and output), static, load-balanced and
 * identity mappings, users and sessions, and the message maps of the whole file (the plugin's
 * global messages are in `nat44-plugin.ts`). Ports are host order here; the codec swaps them.
 */
import type { Nat44EdPluginEnableDisable, Nat44ForwardingEnableDisable, Nat44ShowRunningConfig, Nat44ShowRunningConfigReply } from './nat44-plugin.ts';
import type { Ip4Address, InterfaceIndex, RetvalReply } from './vpp-types.ts';

/** `enum nat_config_flags` (a bit set, u8). */
export const NatConfigFlags = {
  NAT_IS_NONE: 0x00,
  NAT_IS_TWICE_NAT: 0x01,
  NAT_IS_SELF_TWICE_NAT: 0x02,
  NAT_IS_OUT2IN_ONLY: 0x04,
  NAT_IS_ADDR_ONLY: 0x08,
  NAT_IS_OUTSIDE: 0x10,
  NAT_IS_INSIDE: 0x20,
  NAT_IS_STATIC: 0x40,
  NAT_IS_EXT_HOST_VALID: 0x80,
} as const;

/** `nat44_add_del_address_range`: every address of `first..last` joins or leaves the pool. */
export interface Nat44AddDelAddressRange {
  readonly _msgname: 'nat44_add_del_address_range';
  readonly first_ip_address: Ip4Address;
  readonly last_ip_address: Ip4Address;
  /** ~0 = independent of VRF. */
  readonly vrf_id: number;
  readonly is_add: boolean;
  /** NAT_IS_TWICE_NAT for the twice-NAT pool. */
  readonly flags: number;
}

/** `nat44_address_dump`. */
export interface Nat44AddressDump {
  readonly _msgname: 'nat44_address_dump';
}

/** `nat44_address_details`. */
export interface Nat44AddressDetails {
  readonly _msgname: 'nat44_address_details';
  readonly ip_address: Ip4Address;
  readonly flags: number;
  readonly vrf_id: number;
}

/** `nat44_interface_add_del_feature`: pre-routing inside (NAT_IS_INSIDE) or outside feature. */
export interface Nat44InterfaceAddDelFeature {
  readonly _msgname: 'nat44_interface_add_del_feature';
  readonly is_add: boolean;
  readonly flags: number;
  readonly sw_if_index: InterfaceIndex;
}

/** `nat44_interface_dump`. */
export interface Nat44InterfaceDump {
  readonly _msgname: 'nat44_interface_dump';
}

/** `nat44_interface_details`: NAT_IS_INSIDE and/or NAT_IS_OUTSIDE. */
export interface Nat44InterfaceDetails {
  readonly _msgname: 'nat44_interface_details';
  readonly flags: number;
  readonly sw_if_index: InterfaceIndex;
}

/**
 * `nat44_ed_add_del_output_interface`: post-routing in2out translation on the interface (and
 * out2in on its input). VPP refuses it on an interface with pre-routing features and vice versa.
 */
export interface Nat44EdAddDelOutputInterface {
  readonly _msgname: 'nat44_ed_add_del_output_interface';
  readonly is_add: boolean;
  readonly sw_if_index: InterfaceIndex;
}

/**
 * `nat44_ed_output_interface_get`: a cursor get. VPP answers the output interfaces from pool
 * index `cursor` on (details), then the reply: retval 0 and cursor ~0 when done, or
 * VNET_API_ERROR_EAGAIN and the cursor to ask with next.
 */
export interface Nat44EdOutputInterfaceGet {
  readonly _msgname: 'nat44_ed_output_interface_get';
  readonly cursor: number;
}

/** `nat44_ed_output_interface_get_reply`. */
export interface Nat44EdOutputInterfaceGetReply {
  readonly _msgname: 'nat44_ed_output_interface_get_reply';
  readonly retval: number;
  readonly cursor: number;
}

/** `nat44_ed_output_interface_details`. */
export interface Nat44EdOutputInterfaceDetails {
  readonly _msgname: 'nat44_ed_output_interface_details';
  readonly sw_if_index: InterfaceIndex;
}

/** `nat44_add_del_static_mapping` (flags-based): NAT_IS_ADDR_ONLY, NAT_IS_TWICE_NAT, NAT_IS_SELF_TWICE_NAT, NAT_IS_OUT2IN_ONLY. */
export interface Nat44AddDelStaticMapping {
  readonly _msgname: 'nat44_add_del_static_mapping';
  readonly is_add: boolean;
  readonly flags: number;
  readonly local_ip_address: Ip4Address;
  readonly external_ip_address: Ip4Address;
  /** IP protocol; ignored for address-only mappings. */
  readonly protocol: number;
  readonly local_port: number;
  readonly external_port: number;
  /** ~0 = use `external_ip_address`. */
  readonly external_sw_if_index: InterfaceIndex;
  readonly vrf_id: number;
  /** string[64] */
  readonly tag: string;
}

/** `nat44_add_del_static_mapping_v2`: as v1, plus an explicit pool address to match. */
export interface Nat44AddDelStaticMappingV2 extends Omit<Nat44AddDelStaticMapping, '_msgname'> {
  readonly _msgname: 'nat44_add_del_static_mapping_v2';
  readonly match_pool: boolean;
  readonly pool_ip_address: Ip4Address;
}

/** `nat44_static_mapping_dump`. */
export interface Nat44StaticMappingDump {
  readonly _msgname: 'nat44_static_mapping_dump';
}

/** `nat44_static_mapping_details`. */
export interface Nat44StaticMappingDetails {
  readonly _msgname: 'nat44_static_mapping_details';
  readonly flags: number;
  readonly local_ip_address: Ip4Address;
  readonly external_ip_address: Ip4Address;
  readonly protocol: number;
  readonly local_port: number;
  readonly external_port: number;
  readonly external_sw_if_index: InterfaceIndex;
  readonly vrf_id: number;
  readonly tag: string;
}

/** `nat44_lb_addr_port`: one backend of a load-balanced mapping. */
export interface Nat44LbAddrPort {
  readonly addr: Ip4Address;
  readonly port: number;
  /** Relative weight (u8). */
  readonly probability: number;
  readonly vrf_id: number;
}

/** `nat44_add_del_lb_static_mapping`: at least two locals; `affinity` = client-IP stickiness in seconds. */
export interface Nat44AddDelLbStaticMapping {
  readonly _msgname: 'nat44_add_del_lb_static_mapping';
  readonly is_add: boolean;
  readonly flags: number;
  readonly external_addr: Ip4Address;
  readonly external_port: number;
  readonly protocol: number;
  readonly affinity: number;
  /** string[64] */
  readonly tag: string;
  readonly local_num: number;
  readonly locals: readonly Nat44LbAddrPort[];
}

/**
 * `nat44_lb_static_mapping_add_del_local`: adds or removes one backend of an existing
 * load-balanced mapping in place. VPP refuses to remove a backend unless at least three are
 * configured (UNSPECIFIED) and removes the sessions of a removed backend.
 */
export interface Nat44LbStaticMappingAddDelLocal {
  readonly _msgname: 'nat44_lb_static_mapping_add_del_local';
  readonly is_add: boolean;
  readonly external_addr: Ip4Address;
  readonly external_port: number;
  readonly protocol: number;
  readonly local: Nat44LbAddrPort;
}

/** `nat44_lb_static_mapping_dump`. */
export interface Nat44LbStaticMappingDump {
  readonly _msgname: 'nat44_lb_static_mapping_dump';
}

/** `nat44_lb_static_mapping_details`. */
export interface Nat44LbStaticMappingDetails {
  readonly _msgname: 'nat44_lb_static_mapping_details';
  readonly external_addr: Ip4Address;
  readonly external_port: number;
  readonly protocol: number;
  readonly flags: number;
  readonly affinity: number;
  readonly tag: string;
  readonly local_num: number;
  readonly locals: readonly Nat44LbAddrPort[];
}

/** `nat44_add_del_identity_mapping`: the address (or address:port) is never translated. */
export interface Nat44AddDelIdentityMapping {
  readonly _msgname: 'nat44_add_del_identity_mapping';
  readonly is_add: boolean;
  /** NAT_IS_ADDR_ONLY */
  readonly flags: number;
  readonly ip_address: Ip4Address;
  readonly protocol: number;
  readonly port: number;
  /** ~0 = use `ip_address`. */
  readonly sw_if_index: InterfaceIndex;
  readonly vrf_id: number;
  readonly tag: string;
}

/** `nat44_identity_mapping_dump`. */
export interface Nat44IdentityMappingDump {
  readonly _msgname: 'nat44_identity_mapping_dump';
}

/** `nat44_identity_mapping_details`. */
export interface Nat44IdentityMappingDetails {
  readonly _msgname: 'nat44_identity_mapping_details';
  readonly flags: number;
  readonly ip_address: Ip4Address;
  readonly protocol: number;
  readonly port: number;
  readonly sw_if_index: InterfaceIndex;
  readonly vrf_id: number;
  readonly tag: string;
}

/** `nat44_user_dump`: inside hosts that have sessions. */
export interface Nat44UserDump {
  readonly _msgname: 'nat44_user_dump';
}

/** `nat44_user_details`. */
export interface Nat44UserDetails {
  readonly _msgname: 'nat44_user_details';
  readonly vrf_id: number;
  readonly ip_address: Ip4Address;
  readonly nsessions: number;
  readonly nstaticsessions: number;
}

/** `nat44_user_session_dump`: the sessions of one inside host. */
export interface Nat44UserSessionDump {
  readonly _msgname: 'nat44_user_session_dump';
  readonly ip_address: Ip4Address;
  readonly vrf_id: number;
}

/** `nat44_user_session_details`. */
export interface Nat44UserSessionDetails {
  readonly _msgname: 'nat44_user_session_details';
  readonly outside_ip_address: Ip4Address;
  readonly outside_port: number;
  readonly inside_ip_address: Ip4Address;
  readonly inside_port: number;
  readonly protocol: number;
  /** NAT_IS_STATIC, NAT_IS_TWICE_NAT, NAT_IS_EXT_HOST_VALID */
  readonly flags: number;
  /** Last heard, seconds (u64 as number). */
  readonly last_heard: number;
  readonly total_bytes: number;
  readonly total_pkts: number;
  readonly ext_host_address: Ip4Address;
  readonly ext_host_port: number;
  readonly ext_host_nat_address: Ip4Address;
  readonly ext_host_nat_port: number;
}

/** Request → reply of this API file. */
export interface Nat44Requests {
  readonly nat44_ed_plugin_enable_disable: {
    readonly req: Nat44EdPluginEnableDisable;
    readonly reply: RetvalReply<'nat44_ed_plugin_enable_disable_reply'>;
  };
  readonly nat44_forwarding_enable_disable: {
    readonly req: Nat44ForwardingEnableDisable;
    readonly reply: RetvalReply<'nat44_forwarding_enable_disable_reply'>;
  };
  readonly nat44_show_running_config: { readonly req: Nat44ShowRunningConfig; readonly reply: Nat44ShowRunningConfigReply };
  readonly nat44_add_del_address_range: {
    readonly req: Nat44AddDelAddressRange;
    readonly reply: RetvalReply<'nat44_add_del_address_range_reply'>;
  };
  readonly nat44_interface_add_del_feature: {
    readonly req: Nat44InterfaceAddDelFeature;
    readonly reply: RetvalReply<'nat44_interface_add_del_feature_reply'>;
  };
  readonly nat44_ed_add_del_output_interface: {
    readonly req: Nat44EdAddDelOutputInterface;
    readonly reply: RetvalReply<'nat44_ed_add_del_output_interface_reply'>;
  };
  readonly nat44_add_del_static_mapping: {
    readonly req: Nat44AddDelStaticMapping;
    readonly reply: RetvalReply<'nat44_add_del_static_mapping_reply'>;
  };
  readonly nat44_add_del_static_mapping_v2: {
    readonly req: Nat44AddDelStaticMappingV2;
    readonly reply: RetvalReply<'nat44_add_del_static_mapping_v2_reply'>;
  };
  readonly nat44_add_del_lb_static_mapping: {
    readonly req: Nat44AddDelLbStaticMapping;
    readonly reply: RetvalReply<'nat44_add_del_lb_static_mapping_reply'>;
  };
  readonly nat44_lb_static_mapping_add_del_local: {
    readonly req: Nat44LbStaticMappingAddDelLocal;
    readonly reply: RetvalReply<'nat44_lb_static_mapping_add_del_local_reply'>;
  };
  readonly nat44_add_del_identity_mapping: {
    readonly req: Nat44AddDelIdentityMapping;
    readonly reply: RetvalReply<'nat44_add_del_identity_mapping_reply'>;
  };
}

/** Dump → details of this API file. */
export interface Nat44Dumps {
  readonly nat44_address_dump: { readonly req: Nat44AddressDump; readonly details: Nat44AddressDetails };
  readonly nat44_interface_dump: { readonly req: Nat44InterfaceDump; readonly details: Nat44InterfaceDetails };
  readonly nat44_static_mapping_dump: { readonly req: Nat44StaticMappingDump; readonly details: Nat44StaticMappingDetails };
  readonly nat44_lb_static_mapping_dump: { readonly req: Nat44LbStaticMappingDump; readonly details: Nat44LbStaticMappingDetails };
  readonly nat44_identity_mapping_dump: { readonly req: Nat44IdentityMappingDump; readonly details: Nat44IdentityMappingDetails };
  readonly nat44_user_dump: { readonly req: Nat44UserDump; readonly details: Nat44UserDetails };
  readonly nat44_user_session_dump: { readonly req: Nat44UserSessionDump; readonly details: Nat44UserSessionDetails };
}

/** Cursor get → `{ req, reply, details }` of this API file (details first, then the reply). */
export interface Nat44Gets {
  readonly nat44_ed_output_interface_get: {
    readonly req: Nat44EdOutputInterfaceGet;
    readonly reply: Nat44EdOutputInterfaceGetReply;
    readonly details: Nat44EdOutputInterfaceDetails;
  };
}
