/**
 * @module The message map: every request with its reply, every dump with its details, every
 * cursor get with its reply and details, every event, as types (so the channel is fully typed)
 * and as data (so adapters and the socket codec know each message's kind and answer by name).
 */
import type { AclDumps, AclRequests } from './acl.ts';
import type { AfPacketDumps, AfPacketRequests } from './af-packet.ts';
import type { DhcpDumps, DhcpEvents, DhcpRequests } from './dhcp.ts';
import type { InterfaceDumps, InterfaceRequests } from './interface.ts';
import type { IpDumps, IpRequests } from './ip.ts';
import type { IpNeighborDumps, IpNeighborRequests } from './ip-neighbor.ts';
import type { L2Dumps, L2Requests } from './l2.ts';
import type { Nat44Dumps, Nat44Gets, Nat44Requests } from './nat44.ts';
import type { SessionDumps, SessionRequests } from './session.ts';
import type { TapDumps, TapRequests } from './tap.ts';
import type { VpeRequests } from './vpe.ts';
import type { VxlanDumps, VxlanRequests } from './vxlan.ts';

/** Request name → `{ req, reply }`. */
export interface VppRequestMap
  extends
    VpeRequests,
    InterfaceRequests,
    TapRequests,
    AfPacketRequests,
    VxlanRequests,
    L2Requests,
    IpRequests,
    IpNeighborRequests,
    DhcpRequests,
    AclRequests,
    Nat44Requests,
    SessionRequests {}

/** Dump name → `{ req, details }`. */
export interface VppDumpMap
  extends
    InterfaceDumps,
    TapDumps,
    AfPacketDumps,
    VxlanDumps,
    L2Dumps,
    IpDumps,
    IpNeighborDumps,
    DhcpDumps,
    AclDumps,
    Nat44Dumps,
    SessionDumps {}

/**
 * Cursor get name → `{ req, reply, details }`: VPP's newer form of a dump (`*_get` with a
 * `cursor`): the details, then a reply carrying `retval` and the cursor to continue from.
 */
export interface VppGetMap extends Nat44Gets {}

/** Event name → event message. */
export interface VppEventMap extends DhcpEvents {}

/** Names of request/reply messages. */
export type VppRequestName = keyof VppRequestMap;
/** Any request that expects one reply. */
export type VppRequest = VppRequestMap[VppRequestName]['req'];
/** Any reply. */
export type VppReply = VppRequestMap[VppRequestName]['reply'];
/** Names of dump messages. */
export type VppDumpName = keyof VppDumpMap;
/** Any dump request. */
export type VppDumpRequest = VppDumpMap[VppDumpName]['req'];
/** Any details message. */
export type VppDetails = VppDumpMap[VppDumpName]['details'];
/** Names of cursor gets. */
export type VppGetName = keyof VppGetMap;
/** Any cursor get request. */
export type VppGetRequest = VppGetMap[VppGetName]['req'];
/** Any cursor get reply. */
export type VppGetReply = VppGetMap[VppGetName]['reply'];
/** Any details message of a cursor get. */
export type VppGetDetails = VppGetMap[VppGetName]['details'];
/** Names of event messages. */
export type VppEventName = keyof VppEventMap;
/** Any event. */
export type VppEvent = VppEventMap[VppEventName];
/** Anything that travels between the agent and VPP. */
export type VppMessage = VppRequest | VppReply | VppDumpRequest | VppDetails | VppGetRequest | VppGetReply | VppGetDetails | VppEvent;
/** A message the agent sends (request, dump or cursor get). */
export type VppOutgoing = VppRequest | VppDumpRequest | VppGetRequest;

/** The reply type of request `M`. */
export type ReplyOf<M extends VppRequest> = VppRequestMap[M['_msgname']]['reply'];
/** The details type of dump `M`. */
export type DetailsOf<M extends VppDumpRequest> = VppDumpMap[M['_msgname']]['details'];
/** The details type of cursor get `M`. */
export type GetDetailsOf<M extends VppGetRequest> = VppGetMap[M['_msgname']]['details'];

/** Request name → reply name, as data. */
export const VPP_REPLIES: { readonly [N in VppRequestName]: VppRequestMap[N]['reply']['_msgname'] } = {
  show_version: 'show_version_reply',
  control_ping: 'control_ping_reply',
  sw_interface_set_flags: 'sw_interface_set_flags_reply',
  sw_interface_add_del_address: 'sw_interface_add_del_address_reply',
  sw_interface_set_mac_address: 'sw_interface_set_mac_address_reply',
  sw_interface_set_table: 'sw_interface_set_table_reply',
  sw_interface_get_table: 'sw_interface_get_table_reply',
  sw_interface_set_unnumbered: 'sw_interface_set_unnumbered_reply',
  sw_interface_tag_add_del: 'sw_interface_tag_add_del_reply',
  create_loopback: 'create_loopback_reply',
  delete_loopback: 'delete_loopback_reply',
  tap_create_v2: 'tap_create_v2_reply',
  tap_delete_v2: 'tap_delete_v2_reply',
  af_packet_create: 'af_packet_create_reply',
  af_packet_delete: 'af_packet_delete_reply',
  vxlan_add_del_tunnel: 'vxlan_add_del_tunnel_reply',
  bridge_domain_add_del: 'bridge_domain_add_del_reply',
  sw_interface_set_l2_bridge: 'sw_interface_set_l2_bridge_reply',
  ip_route_add_del: 'ip_route_add_del_reply',
  ip_table_add_del: 'ip_table_add_del_reply',
  ip_neighbor_add_del: 'ip_neighbor_add_del_reply',
  dhcp_client_config: 'dhcp_client_config_reply',
  acl_add_replace: 'acl_add_replace_reply',
  acl_del: 'acl_del_reply',
  acl_interface_set_acl_list: 'acl_interface_set_acl_list_reply',
  acl_interface_add_del: 'acl_interface_add_del_reply',
  nat44_ed_plugin_enable_disable: 'nat44_ed_plugin_enable_disable_reply',
  nat44_forwarding_enable_disable: 'nat44_forwarding_enable_disable_reply',
  nat44_show_running_config: 'nat44_show_running_config_reply',
  nat44_add_del_address_range: 'nat44_add_del_address_range_reply',
  nat44_interface_add_del_feature: 'nat44_interface_add_del_feature_reply',
  nat44_ed_add_del_output_interface: 'nat44_ed_add_del_output_interface_reply',
  nat44_add_del_static_mapping: 'nat44_add_del_static_mapping_reply',
  nat44_add_del_static_mapping_v2: 'nat44_add_del_static_mapping_v2_reply',
  nat44_add_del_lb_static_mapping: 'nat44_add_del_lb_static_mapping_reply',
  nat44_lb_static_mapping_add_del_local: 'nat44_lb_static_mapping_add_del_local_reply',
  nat44_add_del_identity_mapping: 'nat44_add_del_identity_mapping_reply',
  session_enable_disable: 'session_enable_disable_reply',
  app_namespace_add_del: 'app_namespace_add_del_reply',
  session_rule_add_del: 'session_rule_add_del_reply',
};

/** Dump name → details name, as data. */
export const VPP_DETAILS: { readonly [N in VppDumpName]: VppDumpMap[N]['details']['_msgname'] } = {
  sw_interface_dump: 'sw_interface_details',
  sw_interface_tap_v2_dump: 'sw_interface_tap_v2_details',
  af_packet_dump: 'af_packet_details',
  vxlan_tunnel_dump: 'vxlan_tunnel_details',
  bridge_domain_dump: 'bridge_domain_details',
  ip_route_dump: 'ip_route_details',
  ip_table_dump: 'ip_table_details',
  ip_address_dump: 'ip_address_details',
  ip_unnumbered_dump: 'ip_unnumbered_details',
  ip_neighbor_dump: 'ip_neighbor_details',
  dhcp_client_dump: 'dhcp_client_details',
  acl_dump: 'acl_details',
  acl_interface_list_dump: 'acl_interface_list_details',
  nat44_address_dump: 'nat44_address_details',
  nat44_interface_dump: 'nat44_interface_details',
  nat44_static_mapping_dump: 'nat44_static_mapping_details',
  nat44_lb_static_mapping_dump: 'nat44_lb_static_mapping_details',
  nat44_identity_mapping_dump: 'nat44_identity_mapping_details',
  nat44_user_dump: 'nat44_user_details',
  nat44_user_session_dump: 'nat44_user_session_details',
  session_rules_dump: 'session_rules_details',
};

/** Cursor get name → `{ reply, details }` names, as data. */
export const VPP_GETS: {
  readonly [N in VppGetName]: { readonly reply: VppGetMap[N]['reply']['_msgname']; readonly details: VppGetMap[N]['details']['_msgname'] };
} = {
  nat44_ed_output_interface_get: { reply: 'nat44_ed_output_interface_get_reply', details: 'nat44_ed_output_interface_details' },
};

/** Event names, as data. */
export const VPP_EVENTS: readonly VppEventName[] = ['dhcp_compl_event'];

/** Requests that only read VPP state (with dumps, the messages an idle resync may send). */
export const VPP_READ_ONLY_REQUESTS: readonly VppRequestName[] = [
  'control_ping',
  'nat44_show_running_config',
  'show_version',
  'sw_interface_get_table',
];

/** Whether sending `name` can change VPP's configuration (every request except dumps, cursor gets and read-only ones). */
export function isChangingMessage(name: string): boolean {
  return isRequestName(name) && !(VPP_READ_ONLY_REQUESTS as readonly string[]).includes(name);
}

/** Whether `name` is a request with a single reply. */
export function isRequestName(name: string): name is VppRequestName {
  return Object.hasOwn(VPP_REPLIES, name);
}

/** Whether `name` is a dump (multi-part reply). */
export function isDumpName(name: string): name is VppDumpName {
  return Object.hasOwn(VPP_DETAILS, name);
}

/** Whether `name` is a cursor get (details, then a reply with the next cursor). */
export function isGetName(name: string): name is VppGetName {
  return Object.hasOwn(VPP_GETS, name);
}

/** Whether `name` is an event. */
export function isEventName(name: string): name is VppEventName {
  return (VPP_EVENTS as readonly string[]).includes(name);
}
