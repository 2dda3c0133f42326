/**
 * @module Builds complete requests from the fields that matter: every other field gets VPP's
 * `.api` default (`[default=...]`), else zero / false / '' — except interface and ACL indexes,
 * which default to ~0 so a forgotten index fails loudly instead of hitting `local0` or ACL 0.
 * Count fields (`count`, `local_num`, `n_paths`) follow their arrays unless given.
 *
 * @example
 * newRequest('acl_add_replace', { tag: 'x', r: [rule] })  // acl_index ~0, count 1
 */
import { parseIp4, type Ip4 } from '../../net/ipv4.ts';
import { FibPathNhProto, type FibPath } from './ip.ts';
import type { VppDumpMap, VppDumpName, VppGetMap, VppGetName, VppRequestMap, VppRequestName } from './message-map.ts';
import { U32_MAX, ZERO_MAC, ip4Address, ip4Bytes, ip4Prefix, type Ip4Address } from './vpp-types.ts';

/** Every outgoing message type by name. */
export type OutgoingMap = { readonly [N in VppRequestName]: VppRequestMap[N]['req'] } & { readonly [N in VppDumpName]: VppDumpMap[N]['req'] } & {
  readonly [N in VppGetName]: VppGetMap[N]['req'];
};
/** Name of an outgoing message. */
export type OutgoingName = keyof OutgoingMap;
/** The fields of message `N` (without `_msgname`). */
export type FieldsOf<N extends OutgoingName> = Omit<OutgoingMap[N], '_msgname'>;

const NO_IP4: Ip4Address = [0, 0, 0, 0];
const ANY = ip4Prefix(0, 0);

const DEFAULTS: { readonly [N in OutgoingName]: FieldsOf<N> } = {
  show_version: {},
  control_ping: {},
  sw_interface_dump: { sw_if_index: U32_MAX, name_filter_valid: false, name_filter: '' },
  sw_interface_set_flags: { sw_if_index: U32_MAX, flags: 0 },
  sw_interface_add_del_address: { sw_if_index: U32_MAX, is_add: true, del_all: false, prefix: ANY },
  sw_interface_set_mac_address: { sw_if_index: U32_MAX, mac_address: ZERO_MAC },
  sw_interface_set_table: { sw_if_index: U32_MAX, is_ipv6: false, vrf_id: 0 },
  sw_interface_get_table: { sw_if_index: U32_MAX, is_ipv6: false },
  sw_interface_set_unnumbered: { sw_if_index: U32_MAX, unnumbered_sw_if_index: U32_MAX, is_add: true },
  sw_interface_tag_add_del: { is_add: true, sw_if_index: U32_MAX, tag: '' },
  create_loopback: { mac_address: ZERO_MAC },
  delete_loopback: { sw_if_index: U32_MAX },
  tap_create_v2: {
    id: U32_MAX,
    use_random_mac: true,
    mac_address: ZERO_MAC,
    num_rx_queues: 1,
    tx_ring_sz: 256,
    rx_ring_sz: 256,
    host_mtu_set: false,
    host_mtu_size: 0,
    host_mac_addr_set: false,
    host_mac_addr: ZERO_MAC,
    host_ip4_prefix_set: false,
    host_ip4_prefix: { address: NO_IP4, len: 0 },
    host_ip6_prefix_set: false,
    host_ip6_prefix: { address: new Array<number>(16).fill(0), len: 0 },
    host_ip4_gw_set: false,
    host_ip4_gw: NO_IP4,
    host_ip6_gw_set: false,
    host_ip6_gw: new Array<number>(16).fill(0),
    tap_flags: 0,
    host_namespace_set: false,
    host_namespace: '',
    host_if_name_set: false,
    host_if_name: '',
    host_bridge_set: false,
    host_bridge: '',
    tag: '',
  },
  tap_delete_v2: { sw_if_index: U32_MAX },
  sw_interface_tap_v2_dump: { sw_if_index: U32_MAX },
  af_packet_create: { hw_addr: ZERO_MAC, use_random_hw_addr: true, host_if_name: '' },
  af_packet_delete: { host_if_name: '' },
  af_packet_dump: {},
  vxlan_add_del_tunnel: {
    is_add: true,
    instance: U32_MAX,
    src_address: ip4Address(0),
    dst_address: ip4Address(0),
    mcast_sw_if_index: U32_MAX,
    encap_vrf_id: 0,
    decap_next_index: U32_MAX,
    vni: 0,
  },
  vxlan_tunnel_dump: { sw_if_index: U32_MAX },
  bridge_domain_add_del: {
    bd_id: 0,
    flood: true,
    uu_flood: true,
    forward: true,
    learn: true,
    arp_term: false,
    arp_ufwd: false,
    mac_age: 0,
    bd_tag: '',
    is_add: true,
  },
  bridge_domain_dump: { bd_id: U32_MAX, sw_if_index: U32_MAX },
  sw_interface_set_l2_bridge: { rx_sw_if_index: U32_MAX, bd_id: 0, port_type: 0, shg: 0, enable: true },
  ip_route_add_del: { is_add: true, is_multipath: false, route: { table_id: 0, stats_index: 0, prefix: ANY, n_paths: 0, paths: [] } },
  ip_route_dump: { table: { table_id: 0, is_ip6: false, name: '' } },
  ip_table_add_del: { is_add: true, table: { table_id: 0, is_ip6: false, name: '' } },
  ip_table_dump: {},
  ip_address_dump: { sw_if_index: U32_MAX, is_ipv6: false },
  ip_unnumbered_dump: { sw_if_index: U32_MAX },
  ip_neighbor_add_del: { is_add: true, neighbor: { sw_if_index: U32_MAX, flags: 0, mac_address: ZERO_MAC, ip_address: ip4Address(0) } },
  ip_neighbor_dump: { sw_if_index: U32_MAX, af: 0 },
  dhcp_client_config: {
    is_add: true,
    client: { sw_if_index: U32_MAX, hostname: '', id: [], want_dhcp_event: false, set_broadcast_flag: false, dscp: 0, pid: 0 },
  },
  dhcp_client_dump: {},
  acl_add_replace: { acl_index: U32_MAX, tag: '', count: 0, r: [] },
  acl_del: { acl_index: U32_MAX },
  acl_dump: { acl_index: U32_MAX },
  acl_interface_set_acl_list: { sw_if_index: U32_MAX, count: 0, n_input: 0, acls: [] },
  acl_interface_add_del: { is_add: true, is_input: true, sw_if_index: U32_MAX, acl_index: U32_MAX },
  acl_interface_list_dump: { sw_if_index: U32_MAX },
  nat44_ed_plugin_enable_disable: { inside_vrf: 0, outside_vrf: 0, sessions: 0, session_memory: 0, enable: true, flags: 0 },
  nat44_forwarding_enable_disable: { enable: true },
  nat44_show_running_config: {},
  nat44_add_del_address_range: { first_ip_address: NO_IP4, last_ip_address: NO_IP4, vrf_id: U32_MAX, is_add: true, flags: 0 },
  nat44_address_dump: {},
  nat44_interface_add_del_feature: { is_add: true, flags: 0, sw_if_index: U32_MAX },
  nat44_interface_dump: {},
  nat44_ed_add_del_output_interface: { is_add: true, sw_if_index: U32_MAX },
  nat44_ed_output_interface_get: { cursor: 0 },
  nat44_add_del_static_mapping: {
    is_add: true,
    flags: 0,
    local_ip_address: NO_IP4,
    external_ip_address: NO_IP4,
    protocol: 0,
    local_port: 0,
    external_port: 0,
    external_sw_if_index: U32_MAX,
    vrf_id: 0,
    tag: '',
  },
  nat44_add_del_static_mapping_v2: {
    is_add: true,
    match_pool: false,
    flags: 0,
    pool_ip_address: NO_IP4,
    local_ip_address: NO_IP4,
    external_ip_address: NO_IP4,
    protocol: 0,
    local_port: 0,
    external_port: 0,
    external_sw_if_index: U32_MAX,
    vrf_id: 0,
    tag: '',
  },
  nat44_static_mapping_dump: {},
  nat44_add_del_lb_static_mapping: {
    is_add: true,
    flags: 0,
    external_addr: NO_IP4,
    external_port: 0,
    protocol: 0,
    affinity: 0,
    tag: '',
    local_num: 0,
    locals: [],
  },
  nat44_lb_static_mapping_dump: {},
  nat44_lb_static_mapping_add_del_local: {
    is_add: true,
    external_addr: NO_IP4,
    external_port: 0,
    protocol: 0,
    local: { addr: NO_IP4, port: 0, probability: 0, vrf_id: 0 },
  },
  nat44_add_del_identity_mapping: { is_add: true, flags: 0, ip_address: NO_IP4, protocol: 0, port: 0, sw_if_index: U32_MAX, vrf_id: 0, tag: '' },
  nat44_identity_mapping_dump: {},
  nat44_user_dump: {},
  nat44_user_session_dump: { ip_address: NO_IP4, vrf_id: 0 },
  session_enable_disable: { is_enable: true },
  app_namespace_add_del: { secret: 0n, sw_if_index: U32_MAX, ip4_fib_id: 0, ip6_fib_id: 0, namespace_id: '' },
  session_rule_add_del: {
    transport_proto: 0,
    lcl: ANY,
    rmt: ANY,
    lcl_port: 0,
    rmt_port: 0,
    action_index: 0,
    is_add: true,
    appns_index: 0,
    scope: 0,
    tag: '',
  },
  session_rules_dump: {},
};

/** Count fields derived from their arrays when the caller leaves them out. */
function withCounts(msg: Record<string, unknown>, given: Record<string, unknown>): void {
  const n = (k: string) => (Array.isArray(msg[k]) ? (msg[k] as unknown[]).length : 0);
  if (msg['_msgname'] === 'acl_add_replace' && !('count' in given)) msg['count'] = n('r');
  if (msg['_msgname'] === 'acl_interface_set_acl_list' && !('count' in given)) msg['count'] = n('acls');
  if (msg['_msgname'] === 'nat44_add_del_lb_static_mapping' && !('local_num' in given)) msg['local_num'] = n('locals');
  const route = msg['route'];
  const givenRoute = given['route'];
  const nPathsGiven = typeof givenRoute === 'object' && givenRoute !== null && 'n_paths' in givenRoute;
  if (msg['_msgname'] === 'ip_route_add_del' && route && typeof route === 'object' && !nPathsGiven) {
    const paths = (route as { paths?: unknown[] }).paths ?? [];
    msg['route'] = { ...route, n_paths: paths.length };
  }
}

/** The complete message `name`: VPP's defaults overridden by `fields`. */
export function newRequest<N extends OutgoingName>(name: N, fields: Partial<FieldsOf<N>> = {}): OutgoingMap[N] {
  const msg: Record<string, unknown> = { ...DEFAULTS[name], ...fields, _msgname: name };
  withCounts(msg, fields);
  // The defaults table is typed per name and `fields` is a partial of the same type.
  return msg as unknown as OutgoingMap[N];
}

/**
 * An IPv4 `fib_path`: via `nextHop` (undefined/0 = attached) out of `swIfIndex` (~0 = resolve
 * recursively), weight 1.
 */
export function ip4Path(nextHop: Ip4 | string | undefined, swIfIndex: number, opts: Partial<Pick<FibPath, 'weight' | 'preference' | 'type' | 'table_id'>> = {}): FibPath {
  const nh = nextHop === undefined ? 0 : typeof nextHop === 'string' ? parseIp4(nextHop) : nextHop;
  return {
    sw_if_index: swIfIndex,
    table_id: opts.table_id ?? 0,
    rpf_id: 0,
    weight: opts.weight ?? 1,
    preference: opts.preference ?? 0,
    type: opts.type ?? 0,
    flags: 0,
    proto: FibPathNhProto.FIB_API_PATH_NH_PROTO_IP4,
    nh: { address: { ip4: ip4Bytes(nh) }, via_label: 0, obj_id: 0, classify_table_index: U32_MAX },
    n_labels: 0,
    label_stack: [],
  };
}
