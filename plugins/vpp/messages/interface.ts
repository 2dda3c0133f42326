/**
 * @module `interface.api` messages (VPP 22.10): interface dump, admin state, addresses, MAC,
 * VRF, unnumbered, tags, and loopback create/delete.
 */
import type { IfType, InterfaceIndex, LinkDuplex, MacAddress, Prefix, RetvalReply } from './vpp-types.ts';

/** `sw_interface_dump`: all interfaces (`sw_if_index` ~0) or one; optional name substring filter. */
export interface SwInterfaceDump {
  readonly _msgname: 'sw_interface_dump';
  /** @default ~0 (all) */
  readonly sw_if_index: InterfaceIndex;
  readonly name_filter_valid: boolean;
  readonly name_filter: string;
}

/** `sw_interface_details`. */
export interface SwInterfaceDetails {
  readonly _msgname: 'sw_interface_details';
  readonly sw_if_index: InterfaceIndex;
  readonly sup_sw_if_index: InterfaceIndex;
  readonly l2_address: MacAddress;
  /** `if_status_flags`: ADMIN_UP 1 | LINK_UP 2. */
  readonly flags: number;
  readonly type: IfType;
  readonly link_duplex: LinkDuplex;
  readonly link_speed: number;
  readonly link_mtu: number;
  /** Per protocol MTU: L3, IP4, IP6, MPLS. */
  readonly mtu: readonly number[];
  readonly sub_id: number;
  readonly sub_number_of_tags: number;
  readonly sub_outer_vlan_id: number;
  readonly sub_inner_vlan_id: number;
  readonly sub_if_flags: number;
  readonly vtr_op: number;
  readonly vtr_push_dot1q: number;
  readonly vtr_tag1: number;
  readonly vtr_tag2: number;
  /** string[64] */
  readonly interface_name: string;
  /** string[64] (`virtio`, `Loopback`, `af_packet`, `VXLAN`, `dpdk`, `local`) */
  readonly interface_dev_type: string;
  /** string[64] */
  readonly tag: string;
}

/** `sw_interface_set_flags`: admin up/down. */
export interface SwInterfaceSetFlags {
  readonly _msgname: 'sw_interface_set_flags';
  readonly sw_if_index: InterfaceIndex;
  /** `if_status_flags`; only ADMIN_UP is read. */
  readonly flags: number;
}

/** `sw_interface_add_del_address`. */
export interface SwInterfaceAddDelAddress {
  readonly _msgname: 'sw_interface_add_del_address';
  readonly sw_if_index: InterfaceIndex;
  readonly is_add: boolean;
  /** Delete every address of the interface (with `is_add` false). */
  readonly del_all: boolean;
  /** `address_with_prefix`: the address with its prefix length (host bits kept). */
  readonly prefix: Prefix;
}

/** `sw_interface_set_mac_address`. */
export interface SwInterfaceSetMacAddress {
  readonly _msgname: 'sw_interface_set_mac_address';
  readonly sw_if_index: InterfaceIndex;
  readonly mac_address: MacAddress;
}

/** `sw_interface_set_table`: binds the interface to a FIB table (VRF). */
export interface SwInterfaceSetTable {
  readonly _msgname: 'sw_interface_set_table';
  readonly sw_if_index: InterfaceIndex;
  readonly is_ipv6: boolean;
  readonly vrf_id: number;
}

/** `sw_interface_get_table`. */
export interface SwInterfaceGetTable {
  readonly _msgname: 'sw_interface_get_table';
  readonly sw_if_index: InterfaceIndex;
  readonly is_ipv6: boolean;
}

/** `sw_interface_get_table_reply`. */
export interface SwInterfaceGetTableReply {
  readonly _msgname: 'sw_interface_get_table_reply';
  readonly retval: number;
  readonly vrf_id: number;
}

/** `sw_interface_set_unnumbered`: `unnumbered_sw_if_index` borrows the address of `sw_if_index`. */
export interface SwInterfaceSetUnnumbered {
  readonly _msgname: 'sw_interface_set_unnumbered';
  /** The interface that owns the address. */
  readonly sw_if_index: InterfaceIndex;
  /** The interface that becomes unnumbered. */
  readonly unnumbered_sw_if_index: InterfaceIndex;
  readonly is_add: boolean;
}

/** `sw_interface_tag_add_del`. */
export interface SwInterfaceTagAddDel {
  readonly _msgname: 'sw_interface_tag_add_del';
  readonly is_add: boolean;
  readonly sw_if_index: InterfaceIndex;
  /** string[64] */
  readonly tag: string;
}

/** `create_loopback`: a zero MAC lets VPP pick `de:ad:00:00:00:<instance>`. */
export interface CreateLoopback {
  readonly _msgname: 'create_loopback';
  readonly mac_address: MacAddress;
}

/** `create_loopback_reply`. */
export interface CreateLoopbackReply {
  readonly _msgname: 'create_loopback_reply';
  readonly retval: number;
  readonly sw_if_index: InterfaceIndex;
}

/** `delete_loopback`. */
export interface DeleteLoopback {
  readonly _msgname: 'delete_loopback';
  readonly sw_if_index: InterfaceIndex;
}

/** Request → reply of this API file. */
export interface InterfaceRequests {
  readonly sw_interface_set_flags: { readonly req: SwInterfaceSetFlags; readonly reply: RetvalReply<'sw_interface_set_flags_reply'> };
  readonly sw_interface_add_del_address: {
    readonly req: SwInterfaceAddDelAddress;
    readonly reply: RetvalReply<'sw_interface_add_del_address_reply'>;
  };
  readonly sw_interface_set_mac_address: {
    readonly req: SwInterfaceSetMacAddress;
    readonly reply: RetvalReply<'sw_interface_set_mac_address_reply'>;
  };
  readonly sw_interface_set_table: { readonly req: SwInterfaceSetTable; readonly reply: RetvalReply<'sw_interface_set_table_reply'> };
  readonly sw_interface_get_table: { readonly req: SwInterfaceGetTable; readonly reply: SwInterfaceGetTableReply };
  readonly sw_interface_set_unnumbered: {
    readonly req: SwInterfaceSetUnnumbered;
    readonly reply: RetvalReply<'sw_interface_set_unnumbered_reply'>;
  };
  readonly sw_interface_tag_add_del: { readonly req: SwInterfaceTagAddDel; readonly reply: RetvalReply<'sw_interface_tag_add_del_reply'> };
  readonly create_loopback: { readonly req: CreateLoopback; readonly reply: CreateLoopbackReply };
  readonly delete_loopback: { readonly req: DeleteLoopback; readonly reply: RetvalReply<'delete_loopback_reply'> };
}

/** Dump → details of this API file. */
export interface InterfaceDumps {
  readonly sw_interface_dump: { readonly req: SwInterfaceDump; readonly details: SwInterfaceDetails };
}
