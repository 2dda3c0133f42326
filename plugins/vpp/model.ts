/**
 * @module The desired-state model of the vpp plugin: the values other plugins put into an
 * event's transaction, keyed `vpp/<kind>/<name>`. Types and key builders only.
 *
 * Addresses are strings (`10.1.1.2`, prefixes `10.1.1.0/24`); interfaces are referred to by
 * name, never by sw_if_index (the reconciler resolves names). Every object we create in VPP
 * carries our name as its tag, so resync can tell ours from foreign objects.
 */

/** Interface kinds. `ethernet` (a NIC) is never created, only configured; it must exist in VPP. */
export type InterfaceType = 'loopback' | 'tap' | 'af_packet' | 'vxlan' | 'ethernet';

/** `vpp/interface/<name>`: one VPP interface. */
export interface VppInterface {
  readonly name: string;
  readonly type: InterfaceType;
  readonly enabled: boolean;
  /** MAC `aa:bb:cc:dd:ee:ff`; undefined = keep VPP's. */
  readonly mac?: string;
  /** Addresses with prefix length (`10.1.1.1/32`). */
  readonly ipAddresses: readonly string[];
  /** FIB table (VRF) of the interface. @default 0 */
  readonly vrf: number;
  /** Unnumbered: borrow the address of another interface. */
  readonly unnumberedFrom?: string;
  /** Tap: the Linux side (name, netns path of the pod, pod IP configured inside). */
  readonly tap?: {
    readonly hostIfName: string;
    readonly netns?: string;
    readonly hostIp?: string;
    /** MAC of the Linux side (`tap_create_v2.host_mac_addr`); undefined = VPP picks one. */
    readonly hostMac?: string;
    /** Default gateway set inside the Linux side's namespace (`host_ip4_gw`), no prefix. */
    readonly hostGateway?: string;
    /** Ring sizes (`rx_ring_sz` / `tx_ring_sz`); undefined or 0 = VPP's default. */
    readonly rxRingSize?: number;
    readonly txRingSize?: number;
  };
  /** af_packet: the Linux interface it binds to. */
  readonly afPacket?: { readonly hostIfName: string };
  /** VXLAN tunnel endpoints and VNI. */
  readonly vxlan?: { readonly srcAddress: string; readonly dstAddress: string; readonly vni: number };
  /** Run VPP's DHCP client on this interface (address and default route come from the lease). */
  readonly dhcpClient?: { readonly hostname: string };
}

/** A member of a bridge domain. */
export interface BridgeDomainMember {
  readonly name: string;
  /** Bridged virtual interface (the BD's L3 face). */
  readonly bvi: boolean;
  readonly splitHorizonGroup: number;
}

/** `vpp/bd/<name>`: a bridge domain and its members (each member is a derived binding). */
export interface BridgeDomain {
  readonly name: string;
  readonly flood: boolean;
  readonly unknownUnicastFlood: boolean;
  readonly forward: boolean;
  readonly learn: boolean;
  readonly arpTermination: boolean;
  readonly macAge: number;
  readonly interfaces: readonly BridgeDomainMember[];
}

/** `vpp/route/<vrf>/<dst>/<nextHop|-'>/<interface|->`: a static IPv4 route. */
export interface Route {
  readonly vrf: number;
  /** Destination prefix. */
  readonly dst: string;
  /** Next hop address; undefined for an attached (interface-only) route. */
  readonly nextHop?: string;
  readonly outgoingInterface?: string;
  /** @default 1 */
  readonly weight: number;
  /** @default 0 */
  readonly preference: number;
}

/** `vpp/arp/<interface>/<ip>`: a static neighbour entry. */
export interface Neighbour {
  readonly interface: string;
  readonly ip: string;
  readonly mac: string;
}

/** ACL rule actions of the VPP ACL plugin. */
export type AclAction = 'deny' | 'permit' | 'reflect';

/** One rule of a VPP ACL (IP protocol 0 = any; port ranges only apply to TCP/UDP/SCTP). */
export interface AclRule {
  readonly action: AclAction;
  /** Source prefix (`0.0.0.0/0` = any). */
  readonly src: string;
  /** Destination prefix (`0.0.0.0/0` = any). */
  readonly dst: string;
  /** IP protocol number: 0 any, 1 ICMP, 6 TCP, 17 UDP, 132 SCTP. */
  readonly proto: number;
  readonly srcPortFirst: number;
  readonly srcPortLast: number;
  readonly dstPortFirst: number;
  readonly dstPortLast: number;
}

/** `vpp/acl/<name>`: an ACL and the interfaces it is applied on (derived bindings). */
export interface Acl {
  readonly name: string;
  readonly rules: readonly AclRule[];
  /** Interfaces where the ACL filters packets entering VPP from them. */
  readonly ingress: readonly string[];
  /** Interfaces where the ACL filters packets leaving VPP through them. */
  readonly egress: readonly string[];
}

/**
 * `vpp/nat/global`: NAT44 global settings. The value also enables VPP's NAT44-ED plugin, which
 * VPP 22.10 requires before any other NAT44 setting: every other `vpp/nat/...` value (except a
 * whole-address reject, a route) waits for this key.
 */
export interface NatGlobal {
  /** Forwarding mode: out2in packets that match no mapping pass untranslated. */
  readonly forwarding: boolean;
  /**
   * Maximum NAT sessions per worker thread; undefined = VPP's default (63 × 1024). VPP cannot
   * change it in place: a change re-enables the plugin, which drops every NAT44 setting (the
   * reconciler re-creates them) and every session.
   */
  readonly sessions?: number;
}

/** `vpp/nat/address/<ip>`: an address of the NAT44 pool. */
export interface NatPoolAddress {
  readonly address: string;
  readonly vrf: number;
  readonly twiceNat: boolean;
}

/** `vpp/nat/interface/<name>`: NAT44 features of an interface. */
export interface NatInterface {
  readonly name: string;
  /** Pre-routing in2out. */
  readonly inside: boolean;
  /** Pre-routing out2in. */
  readonly outside: boolean;
  /** Post-routing (output) feature: dynamic SNAT from the pool on packets leaving this interface. */
  readonly output: boolean;
}

/** A backend of a static mapping. */
export interface NatLocal {
  readonly ip: string;
  readonly port: number;
  /** Relative weight (load-balanced mappings). */
  readonly probability: number;
}

/** NAT protocols as VPP numbers them (IP protocol numbers). */
export type NatProtocol = 6 | 17 | 132;

/**
 * `vpp/nat/static/<proto>/<externalIp>/<externalPort>`: a static mapping (one local) or a
 * load-balanced static mapping (several locals).
 */
export interface NatStaticMapping {
  readonly externalIp: string;
  readonly externalPort: number;
  readonly protocol: NatProtocol;
  readonly locals: readonly NatLocal[];
  /** Only out2in traffic creates sessions (services). */
  readonly out2inOnly: boolean;
  /** `self`: self-twice-NAT so a backend reaching its own service comes back through VPP. */
  readonly twiceNat: 'disabled' | 'enabled' | 'self';
  /** Client-IP affinity in seconds (0 = none). */
  readonly affinity: number;
  readonly vrf: number;
  /** Tag naming its origin (`svc:ns/name:port`). */
  readonly tag: string;
}

/** `vpp/nat/identity/<proto>/<ip>/<port>`: an identity mapping (kept out of translation). */
export interface NatIdentityMapping {
  readonly ip: string;
  readonly protocol: NatProtocol | 0;
  readonly port: number;
  readonly vrf: number;
  readonly tag: string;
}

/**
 * `vpp/nat/reject/<proto>/<ip>/<port>`: how this node answers a packet for a service address
 * that no NAT44 mapping translated (a Service port without usable endpoints, or a port a
 * Service does not declare). A packet DNATed by a mapping is not affected. `protocol` 0 with
 * `port` 0 = the whole address (every port no mapping declares); otherwise both are set (one
 * port). Added for the service plugin (kube-proxy rejects such connections instead of
 * black-holing them); realised as a /32 unreachable or drop route (whole address) or a mapping
 * to a sink address with such a route (one port), see docs/vpp-reconciler.md.
 */
export interface NatReject {
  readonly ip: string;
  readonly protocol: NatProtocol | 0;
  readonly port: number;
  /** `reject`: answer with an ICMP destination unreachable; `drop`: discard silently. */
  readonly action: 'reject' | 'drop';
  /** Tag naming its origin (`svc:ns/name:port`). */
  readonly tag: string;
}

/** `vpp/session/enable`: the VPP session layer (host stack). */
export interface SessionLayer {
  readonly enabled: boolean;
}

/** `vpp/session/appns/<namespaceId>`: an application namespace bound to an interface. */
export interface AppNamespace {
  readonly namespaceId: string;
  readonly secret: number;
  readonly interface: string;
}

/** One VPP session rule. */
export interface SessionRule {
  /** Transport protocol. */
  readonly proto: 'tcp' | 'udp';
  readonly scope: 'global' | 'local';
  /**
   * App namespace (VPP's index) of a local rule; 0 for global rules. Ignored on create when
   * `appNamespace` is set (write 0 there): the index is VPP's, resolved from the namespace.
   */
  readonly appnsIndex: number;
  /**
   * Local rules: the app namespace by id (`vpp/session/appns/<id>`). VPP numbers namespaces
   * itself, so a rule naming its namespace depends on it and is created with the index VPP gave
   * it; the key carries the id instead of an index. A dumped rule carries both.
   */
  readonly appNamespace?: string;
  readonly lclIp: string;
  readonly lclPort: number;
  readonly rmtIp: string;
  readonly rmtPort: number;
  readonly action: 'allow' | 'deny';
  readonly tag: string;
}

/** Every kind of desired value, by key prefix. */
export interface VppValueKinds {
  readonly interface: VppInterface;
  readonly bd: BridgeDomain;
  readonly route: Route;
  readonly arp: Neighbour;
  readonly acl: Acl;
  readonly 'nat-global': NatGlobal;
  readonly 'nat-address': NatPoolAddress;
  readonly 'nat-interface': NatInterface;
  readonly 'nat-static': NatStaticMapping;
  readonly 'nat-identity': NatIdentityMapping;
  readonly 'nat-reject': NatReject;
  readonly 'session-layer': SessionLayer;
  readonly 'session-appns': AppNamespace;
  readonly 'session-rule': SessionRule;
}

/** A desired VPP value of any kind. */
export type VppValue = VppValueKinds[keyof VppValueKinds];

/** Key builders: one per kind; the reconciler's descriptors select on these prefixes. */
export const vppKeys = {
  interface: (name: string) => `vpp/interface/${name}`,
  bd: (name: string) => `vpp/bd/${name}`,
  route: (r: Pick<Route, 'vrf' | 'dst' | 'nextHop' | 'outgoingInterface'>) =>
    `vpp/route/${r.vrf}/${r.dst}/${r.nextHop ?? '-'}/${r.outgoingInterface ?? '-'}`,
  arp: (iface: string, ip: string) => `vpp/arp/${iface}/${ip}`,
  acl: (name: string) => `vpp/acl/${name}`,
  natGlobal: () => 'vpp/nat/global',
  natAddress: (ip: string) => `vpp/nat/address/${ip}`,
  natInterface: (name: string) => `vpp/nat/interface/${name}`,
  natStatic: (proto: number, ip: string, port: number) => `vpp/nat/static/${proto}/${ip}/${port}`,
  natIdentity: (proto: number, ip: string, port: number) => `vpp/nat/identity/${proto}/${ip}/${port}`,
  natReject: (proto: number, ip: string, port: number) => `vpp/nat/reject/${proto}/${ip}/${port}`,
  sessionLayer: () => 'vpp/session/enable',
  appNamespace: (id: string) => `vpp/session/appns/${id}`,
  /** A local rule with `appNamespace` is keyed by the namespace id, else by `appnsIndex`. */
  sessionRule: (r: Pick<SessionRule, 'scope' | 'appnsIndex' | 'appNamespace' | 'proto' | 'lclIp' | 'lclPort' | 'rmtIp' | 'rmtPort'>) =>
    `vpp/session/rule/${r.scope}/${r.appNamespace ?? r.appnsIndex}/${r.proto}/${r.lclIp}/${r.lclPort}/${r.rmtIp}/${r.rmtPort}`,
} as const;
