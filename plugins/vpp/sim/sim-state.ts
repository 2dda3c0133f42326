/**
 * @module The state of one simulated VPP: what the API handlers write and the packet tracer
 * reads. Plain data, numbers as VPP holds them (IPv4 addresses as uint32, ports host order).
 *
 * Contract between `plugins/vpp/sim/handlers/*` (binary-API semantics) and
 * `plugins/vpp/sim/tracer/*` (packet walk). Both sides may add fields; none may change the
 * meaning of an existing one.
 */
import type { Ip4 } from '../../net/ipv4.ts';

/** Interface kinds the simulator knows. */
export type SimInterfaceType = 'ethernet' | 'loopback' | 'tap' | 'af_packet' | 'vxlan' | 'local';

/** An IPv4 address configured on an interface. */
export interface SimIfAddress {
  readonly ip: Ip4;
  readonly len: number;
}

/** One interface. */
export interface SimInterface {
  readonly swIfIndex: number;
  /** VPP's interface name (`tap0`, `loop0`, `vxlan_tunnel0`, `GigabitEthernet0/8/0`). */
  readonly name: string;
  readonly type: SimInterfaceType;
  /** Interface tag (`sw_interface_tag_add_del`); '' when none. */
  tag: string;
  adminUp: boolean;
  /** MAC as 6 bytes. */
  mac: Uint8Array;
  addresses: SimIfAddress[];
  /** FIB table. */
  vrf: number;
  /** Interface whose address it borrows (unnumbered), if any. */
  unnumberedOf?: number;
  /**
   * Tap: the host (Linux / pod) side. `hostIp4` is the address inside the pod's namespace;
   * ring sizes are the ones VPP set up (undefined = VPP's default 256).
   */
  tap?: { hostIfName: string; hostNamespace: string; hostIp4?: SimIfAddress; hostIp4Gw?: Ip4; hostMac: Uint8Array; rxRingSize?: number; txRingSize?: number };
  afPacket?: { hostIfName: string };
  vxlan?: { src: Ip4; dst: Ip4; vni: number; encapVrf: number };
  /** L2 membership. */
  l2?: { bdId: number; bvi: boolean; shg: number };
}

/** A path of a route. */
export interface SimRoutePath {
  /** Next hop, 0 = attached (deliver to the destination on `swIfIndex`). */
  readonly nextHop: Ip4;
  /** Outgoing interface, ~0 (0xffffffff) = resolve the next hop recursively. */
  readonly swIfIndex: number;
  readonly weight: number;
  readonly preference: number;
  /**
   * VPP's `fib_path_type` (0 normal, 1 local, 2 drop, 5 icmp-unreachable, 6 icmp-prohibit);
   * undefined = 0. The tracer answers unreachable/prohibit with an ICMP error (a refusal).
   */
  readonly type?: number;
}

/** A static route (connected routes are derived from interface addresses by the tracer). */
export interface SimRoute {
  readonly vrf: number;
  readonly prefix: Ip4;
  readonly len: number;
  paths: SimRoutePath[];
  /** Who installed it: the API (`ip_route_add_del`) or the DHCP client (its default route); undefined = api. */
  readonly source?: 'api' | 'dhcp';
}

/** A neighbour (ARP) entry. */
export interface SimNeighbour {
  readonly swIfIndex: number;
  readonly ip: Ip4;
  mac: Uint8Array;
  isStatic: boolean;
}

/** A bridge domain. */
export interface SimBridgeDomain {
  readonly bdId: number;
  flood: boolean;
  uuFlood: boolean;
  forward: boolean;
  learn: boolean;
  arpTerm: boolean;
  macAge: number;
  tag: string;
  /** Members; at most one has `bvi`. */
  members: { swIfIndex: number; bvi: boolean; shg: number }[];
}

/** One rule of an ACL (ACL plugin semantics; `proto` 0 = any). */
export interface SimAclRule {
  /** 0 deny, 1 permit, 2 permit+reflect. */
  readonly isPermit: 0 | 1 | 2;
  readonly src: Ip4;
  readonly srcLen: number;
  readonly dst: Ip4;
  readonly dstLen: number;
  readonly proto: number;
  readonly srcPortFirst: number;
  readonly srcPortLast: number;
  readonly dstPortFirst: number;
  readonly dstPortLast: number;
  readonly tcpFlagsMask: number;
  readonly tcpFlagsValue: number;
}

/** An ACL. */
export interface SimAcl {
  readonly aclIndex: number;
  tag: string;
  rules: SimAclRule[];
}

/** ACLs applied to an interface, in evaluation order. */
export interface SimInterfaceAcls {
  input: number[];
  output: number[];
}

/** A local (backend) of a NAT44 static or load-balanced mapping. */
export interface SimNatLocal {
  readonly ip: Ip4;
  readonly port: number;
  readonly probability: number;
  readonly vrf: number;
}

/** A NAT44 static mapping (`locals.length === 1`) or load-balanced static mapping. */
export interface SimNatStaticMapping {
  /** true for mappings added by `nat44_add_del_lb_static_mapping`. */
  readonly lb: boolean;
  readonly addrOnly: boolean;
  readonly externalIp: Ip4;
  readonly externalPort: number;
  /** 0 for address-only mappings, else 6/17/132 (VPP's NAT protocol numbering is IP protocol). */
  readonly protocol: number;
  readonly locals: SimNatLocal[];
  readonly vrf: number;
  readonly out2inOnly: boolean;
  readonly twiceNat: boolean;
  readonly selfTwiceNat: boolean;
  /** Seconds of client-IP affinity, 0 = none. */
  readonly affinity: number;
  readonly tag: string;
}

/** A NAT44 identity mapping. */
export interface SimNatIdentityMapping {
  readonly ip: Ip4;
  /** ~0 when the address is the one of `swIfIndex`. */
  readonly swIfIndex: number;
  readonly addrOnly: boolean;
  readonly protocol: number;
  readonly port: number;
  readonly vrf: number;
  readonly tag: string;
}

/** A NAT44 session (runtime; created by the tracer, dumped by `nat44_user_session_dump`). */
export interface SimNatSession {
  readonly id: number;
  readonly protocol: number;
  /** Inside (real) endpoint. */
  readonly inIp: Ip4;
  readonly inPort: number;
  /** Outside (translated) endpoint. */
  readonly outIp: Ip4;
  readonly outPort: number;
  /** Remote peer as seen from inside / after twice-NAT. */
  readonly extIp: Ip4;
  readonly extPort: number;
  /** Twice-NAT: the remote as the inside host sees it. */
  readonly extHostNatIp?: Ip4;
  readonly extHostNatPort?: number;
  readonly isStatic: boolean;
  readonly twiceNat: boolean;
  /** Last use, in simulated ms. */
  lastHeard: number;
}

/** The running configuration of an enabled NAT44-ED plugin (`nat44_ed_plugin_enable_disable`). */
export interface SimNatPlugin {
  /** Maximum sessions per thread (VPP stores its default 63 × 1024 when asked for 0). */
  readonly sessions: number;
  readonly insideVrf: number;
  readonly outsideVrf: number;
}

/** VPP's pool of NAT44 output interfaces: its indexes are the cursor of `nat44_ed_output_interface_get`. */
export interface SimNatOutputPool {
  /** `slots[i]`: the sw_if_index at pool index i; undefined = a free index. */
  slots: (number | undefined)[];
  /** Freed indexes, the last one reused first (as `pool_get`). */
  free: number[];
}

/** NAT44 state. */
export interface SimNat44 {
  /**
   * The NAT44-ED plugin; undefined = disabled, as VPP 22.10 starts. The API handlers refuse NAT
   * settings while it is disabled; the tracer does not look at it (a disabled plugin holds no
   * settings).
   */
  plugin?: SimNatPlugin;
  forwarding: boolean;
  addresses: { ip: Ip4; vrf: number; twiceNat: boolean }[];
  /** Pre-routing features per interface. */
  interfaces: Map<number, { inside: boolean; outside: boolean }>;
  /**
   * Post-routing (output) feature per interface. `inside` is the NAT_IS_INSIDE flag of the
   * pre-22.10 message (an inside output interface translates nothing); VPP 22.10's
   * `nat44_ed_add_del_output_interface` has no flags, so the handlers set false.
   */
  outputInterfaces: Map<number, { inside: boolean }>;
  /** Pool order of `outputInterfaces` (what the cursor get walks); undefined = in sw_if_index order, no free slots. */
  outputPool?: SimNatOutputPool;
  staticMappings: SimNatStaticMapping[];
  identityMappings: SimNatIdentityMapping[];
  sessions: SimNatSession[];
  /**
   * Client-IP affinity records: `${mappingKey}|${clientIp}` → chosen local index + expiry (ms).
   * The tracer also records the chosen local's `ip`/`port`, so a changed locals list is detected.
   */
  affinity: Map<string, { local: number; expires: number; ip?: Ip4; port?: number }>;
  /** Session timeouts in seconds (`nat_set_timeouts`); undefined = VPP's defaults. */
  timeouts?: { udp: number; tcpEstablished: number; tcpTransitory: number; icmp: number };
}

/** An application namespace (session layer). */
export interface SimAppNamespace {
  readonly index: number;
  readonly id: string;
  readonly secret: bigint;
  readonly swIfIndex: number;
  /** IPv4 FIB (VRF) of the namespace: the interface's table, or `ip4_fib_id` when no interface. */
  readonly ip4FibId?: number;
}

/** A session rule. */
export interface SimSessionRule {
  /** 0 tcp, 1 udp. */
  readonly transportProto: number;
  readonly isIp4: boolean;
  readonly lcl: Ip4;
  readonly lclLen: number;
  readonly rmt: Ip4;
  readonly rmtLen: number;
  readonly lclPort: number;
  readonly rmtPort: number;
  readonly actionIndex: number;
  readonly appnsIndex: number;
  /** 1 global, 2 local, 3 both. */
  readonly scope: number;
  readonly tag: string;
}

/** A DHCP client on an interface. */
export interface SimDhcpClient {
  readonly swIfIndex: number;
  hostname: string;
  wantEvent: boolean;
  pid: number;
  /** The current lease, once the simulated server answered. */
  lease?: { ip: Ip4; len: number; router: Ip4; serverMac?: Uint8Array };
}

/** A stateful ACL session (permit+reflect), keyed by 5-tuple of the forward direction. */
export interface SimAclSession {
  readonly swIfIndex: number;
  readonly protocol: number;
  readonly src: Ip4;
  readonly srcPort: number;
  readonly dst: Ip4;
  readonly dstPort: number;
  lastHeard: number;
}

/** Everything one simulated VPP holds. */
export interface SimState {
  /** Node name the simulator belongs to (for traces). */
  readonly node: string;
  interfaces: Map<number, SimInterface>;
  bridgeDomains: Map<number, SimBridgeDomain>;
  routes: SimRoute[];
  neighbours: SimNeighbour[];
  acls: Map<number, SimAcl>;
  interfaceAcls: Map<number, SimInterfaceAcls>;
  nat44: SimNat44;
  session: { enabled: boolean; appNamespaces: SimAppNamespace[]; rules: SimSessionRule[] };
  dhcpClients: Map<number, SimDhcpClient>;
  aclSessions: SimAclSession[];
  /** IPv4 FIB tables (VRF id → name) created by `ip_table_add_del`; table 0 always exists. Undefined = only 0. */
  ipTables?: Map<number, string>;
}
