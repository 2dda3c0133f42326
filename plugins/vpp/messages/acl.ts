/**
 * @module `acl.api` / `acl_types.api` messages (ACL plugin, VPP 22.10): `acl_add_replace`,
 * `acl_del`, `acl_dump`, `acl_interface_set_acl_list`, `acl_interface_add_del`,
 * `acl_interface_list_dump`.
 */
import type { InterfaceIndex, Prefix, RetvalReply } from './vpp-types.ts';

/** `enum acl_action`. */
export const AclAction = {
  ACL_ACTION_API_DENY: 0,
  ACL_ACTION_API_PERMIT: 1,
  /** Permit and create a session so the reverse direction passes (stateful). */
  ACL_ACTION_API_PERMIT_REFLECT: 2,
} as const;
/** Value of {@linkcode AclAction}. */
export type AclAction = (typeof AclAction)[keyof typeof AclAction];

/** `acl_rule`. Prefixes must have no host bits set; port ranges are inclusive (0-65535 = any). */
export interface AclRule {
  readonly is_permit: AclAction;
  readonly src_prefix: Prefix;
  readonly dst_prefix: Prefix;
  /** IANA protocol; 0 = any (ports and flags ignored). */
  readonly proto: number;
  readonly srcport_or_icmptype_first: number;
  readonly srcport_or_icmptype_last: number;
  readonly dstport_or_icmpcode_first: number;
  readonly dstport_or_icmpcode_last: number;
  readonly tcp_flags_mask: number;
  readonly tcp_flags_value: number;
}

/** `acl_add_replace`: `acl_index` ~0 creates an ACL, an existing index replaces its rules. */
export interface AclAddReplace {
  readonly _msgname: 'acl_add_replace';
  readonly acl_index: number;
  /** string[64] */
  readonly tag: string;
  /** Number of rules in `r`. */
  readonly count: number;
  readonly r: readonly AclRule[];
}

/** `acl_add_replace_reply`: the index of the created or replaced ACL. */
export interface AclAddReplaceReply {
  readonly _msgname: 'acl_add_replace_reply';
  readonly acl_index: number;
  readonly retval: number;
}

/** `acl_del`: fails while the ACL is applied to an interface. */
export interface AclDel {
  readonly _msgname: 'acl_del';
  readonly acl_index: number;
}

/** `acl_dump`: all (~0) or one ACL. */
export interface AclDump {
  readonly _msgname: 'acl_dump';
  readonly acl_index: number;
}

/** `acl_details`. */
export interface AclDetails {
  readonly _msgname: 'acl_details';
  readonly acl_index: number;
  readonly tag: string;
  readonly count: number;
  readonly r: readonly AclRule[];
}

/** `acl_interface_set_acl_list`: the first `n_input` of `acls` are input ACLs, the rest output. */
export interface AclInterfaceSetAclList {
  readonly _msgname: 'acl_interface_set_acl_list';
  readonly sw_if_index: InterfaceIndex;
  /** Number of entries in `acls` (u8). */
  readonly count: number;
  readonly n_input: number;
  readonly acls: readonly number[];
}

/** `acl_interface_add_del`: appends or removes one ACL of one direction. */
export interface AclInterfaceAddDel {
  readonly _msgname: 'acl_interface_add_del';
  readonly is_add: boolean;
  readonly is_input: boolean;
  readonly sw_if_index: InterfaceIndex;
  readonly acl_index: number;
}

/** `acl_interface_list_dump`: all interfaces (~0; every interface, also those without ACLs) or one. */
export interface AclInterfaceListDump {
  readonly _msgname: 'acl_interface_list_dump';
  readonly sw_if_index: InterfaceIndex;
}

/** `acl_interface_list_details`. */
export interface AclInterfaceListDetails {
  readonly _msgname: 'acl_interface_list_details';
  readonly sw_if_index: InterfaceIndex;
  readonly count: number;
  readonly n_input: number;
  readonly acls: readonly number[];
}

/** Request → reply of this API file. */
export interface AclRequests {
  readonly acl_add_replace: { readonly req: AclAddReplace; readonly reply: AclAddReplaceReply };
  readonly acl_del: { readonly req: AclDel; readonly reply: RetvalReply<'acl_del_reply'> };
  readonly acl_interface_set_acl_list: {
    readonly req: AclInterfaceSetAclList;
    readonly reply: RetvalReply<'acl_interface_set_acl_list_reply'>;
  };
  readonly acl_interface_add_del: { readonly req: AclInterfaceAddDel; readonly reply: RetvalReply<'acl_interface_add_del_reply'> };
}

/** Dump → details of this API file. */
export interface AclDumps {
  readonly acl_dump: { readonly req: AclDump; readonly details: AclDetails };
  readonly acl_interface_list_dump: { readonly req: AclInterfaceListDump; readonly details: AclInterfaceListDetails };
}
