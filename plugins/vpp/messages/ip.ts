/**
 * @module `ip.api` / `fib_types.api` messages (VPP 22.10): routes (`ip_route_add_del`,
 * `ip_route_dump`), FIB tables (`ip_table_add_del`), interface addresses (`ip_address_dump`)
 * and unnumbered interfaces (`ip_unnumbered_dump`).
 */
import type { AddressUnion, InterfaceIndex, Prefix, RetvalReply } from './vpp-types.ts';

/** `enum fib_path_nh_proto`. */
export const FibPathNhProto = {
  FIB_API_PATH_NH_PROTO_IP4: 0,
  FIB_API_PATH_NH_PROTO_IP6: 1,
  FIB_API_PATH_NH_PROTO_MPLS: 2,
  FIB_API_PATH_NH_PROTO_ETHERNET: 3,
  FIB_API_PATH_NH_PROTO_BIER: 4,
} as const;

/** `enum fib_path_type`. */
export const FibPathType = {
  FIB_API_PATH_TYPE_NORMAL: 0,
  FIB_API_PATH_TYPE_LOCAL: 1,
  FIB_API_PATH_TYPE_DROP: 2,
  FIB_API_PATH_TYPE_UDP_ENCAP: 3,
  FIB_API_PATH_TYPE_BIER_IMP: 4,
  FIB_API_PATH_TYPE_ICMP_UNREACH: 5,
  FIB_API_PATH_TYPE_ICMP_PROHIBIT: 6,
  FIB_API_PATH_TYPE_SOURCE_LOOKUP: 7,
  FIB_API_PATH_TYPE_DVR: 8,
  FIB_API_PATH_TYPE_INTERFACE_RX: 9,
  FIB_API_PATH_TYPE_CLASSIFY: 10,
} as const;

/** `enum fib_path_flags` (a bit set). */
export const FibPathFlags = {
  FIB_API_PATH_FLAG_NONE: 0,
  FIB_API_PATH_FLAG_RESOLVE_VIA_ATTACHED: 1,
  FIB_API_PATH_FLAG_RESOLVE_VIA_HOST: 2,
  FIB_API_PATH_FLAG_POP_PW_CW: 4,
} as const;

/** `fib_mpls_label`. */
export interface FibMplsLabel {
  readonly is_uniform: number;
  readonly label: number;
  readonly ttl: number;
  readonly exp: number;
}

/** `fib_path_nh`: the next hop (an all-zero address = attached, deliver on `sw_if_index`). */
export interface FibPathNh {
  readonly address: AddressUnion;
  readonly via_label: number;
  readonly obj_id: number;
  readonly classify_table_index: number;
}

/** `fib_path`: one path of a route. */
export interface FibPath {
  /** ~0 = resolve the next hop recursively in `table_id`. */
  readonly sw_if_index: InterfaceIndex;
  readonly table_id: number;
  readonly rpf_id: number;
  readonly weight: number;
  readonly preference: number;
  /** `fib_path_type` */
  readonly type: number;
  /** `fib_path_flags` */
  readonly flags: number;
  /** `fib_path_nh_proto` */
  readonly proto: number;
  readonly nh: FibPathNh;
  readonly n_labels: number;
  readonly label_stack: readonly FibMplsLabel[];
}

/** `ip_route`. */
export interface IpRoute {
  readonly table_id: number;
  readonly stats_index: number;
  readonly prefix: Prefix;
  readonly n_paths: number;
  readonly paths: readonly FibPath[];
}

/** `ip_route_add_del`: without `is_multipath` an add replaces the route's paths. */
export interface IpRouteAddDel {
  readonly _msgname: 'ip_route_add_del';
  readonly is_add: boolean;
  readonly is_multipath: boolean;
  readonly route: IpRoute;
}

/** `ip_route_add_del_reply`. */
export interface IpRouteAddDelReply {
  readonly _msgname: 'ip_route_add_del_reply';
  readonly retval: number;
  readonly stats_index: number;
}

/** `ip_table`. */
export interface IpTable {
  readonly table_id: number;
  readonly is_ip6: boolean;
  /** string[64] */
  readonly name: string;
}

/** `ip_route_dump`: the routes of one table. */
export interface IpRouteDump {
  readonly _msgname: 'ip_route_dump';
  readonly table: IpTable;
}

/** `ip_route_details`. */
export interface IpRouteDetails {
  readonly _msgname: 'ip_route_details';
  readonly route: IpRoute;
}

/** `ip_table_add_del`: a FIB table must exist before interfaces or routes use it (table 0 always does). */
export interface IpTableAddDel {
  readonly _msgname: 'ip_table_add_del';
  readonly is_add: boolean;
  readonly table: IpTable;
}

/** `ip_table_dump`. */
export interface IpTableDump {
  readonly _msgname: 'ip_table_dump';
}

/** `ip_table_details`. */
export interface IpTableDetails {
  readonly _msgname: 'ip_table_details';
  readonly table: IpTable;
}

/** `ip_address_dump`: the addresses of one interface. */
export interface IpAddressDump {
  readonly _msgname: 'ip_address_dump';
  readonly sw_if_index: InterfaceIndex;
  readonly is_ipv6: boolean;
}

/** `ip_address_details`. */
export interface IpAddressDetails {
  readonly _msgname: 'ip_address_details';
  readonly sw_if_index: InterfaceIndex;
  /** `address_with_prefix` */
  readonly prefix: Prefix;
}

/** `ip_unnumbered_dump`: the unnumbered interfaces (all with ~0, else only `sw_if_index`). */
export interface IpUnnumberedDump {
  readonly _msgname: 'ip_unnumbered_dump';
  readonly sw_if_index: InterfaceIndex;
}

/** `ip_unnumbered_details`: `sw_if_index` borrows the address of `ip_sw_if_index`. */
export interface IpUnnumberedDetails {
  readonly _msgname: 'ip_unnumbered_details';
  readonly sw_if_index: InterfaceIndex;
  readonly ip_sw_if_index: InterfaceIndex;
}

/** Request → reply of this API file. */
export interface IpRequests {
  readonly ip_route_add_del: { readonly req: IpRouteAddDel; readonly reply: IpRouteAddDelReply };
  readonly ip_table_add_del: { readonly req: IpTableAddDel; readonly reply: RetvalReply<'ip_table_add_del_reply'> };
}

/** Dump → details of this API file. */
export interface IpDumps {
  readonly ip_route_dump: { readonly req: IpRouteDump; readonly details: IpRouteDetails };
  readonly ip_table_dump: { readonly req: IpTableDump; readonly details: IpTableDetails };
  readonly ip_address_dump: { readonly req: IpAddressDump; readonly details: IpAddressDetails };
  readonly ip_unnumbered_dump: { readonly req: IpUnnumberedDump; readonly details: IpUnnumberedDetails };
}
