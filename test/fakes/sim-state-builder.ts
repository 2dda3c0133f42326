/**
 * @module Hand-built simulator states for tracer tests: a builder that writes a SimState directly
 * (no API messages), and a contiv-like cluster (NIC on a shared segment with a gateway, host
 * interconnect tap, VXLAN BVI + bridge domain + full tunnel mesh, pod taps, NAT44 forwarding,
 * SNAT on the NIC with the VXLAN identity mapping) joined by a simulated underlay.
 */
import { ManualClock } from '../../core/clock.ts';
import { formatIp4, parseCidr, parseIfAddress, parseIp4, type Ip4 } from '../../plugins/net/ipv4.ts';
import { REJECT_PATH_TYPE, REJECT_SINK, rejectMappingTag } from '../../plugins/vpp/config/descriptors/nat-reject-realisation.ts';
import type { SimAclRule, SimInterface, SimInterfaceType, SimNatLocal, SimState } from '../../plugins/vpp/sim/sim-state.ts';
import { NO_INTERFACE } from '../../plugins/vpp/sim/tracer/nat44-mappings.ts';
import { IP_PROTO } from '../../plugins/vpp/sim/tracer/packet.ts';
import { seededRandom } from '../../plugins/vpp/sim/tracer/random.ts';
import { SimWorld, type ListenPolicy } from '../../plugins/vpp/sim/tracer/world.ts';
import { Underlay, type UnderlayNode } from '../../plugins/vpp/sim/underlay.ts';

/** A simulator state with nothing configured but `local0`. */
export function emptySimState(node: string): SimState {
  const local0: SimInterface = { swIfIndex: 0, name: 'local0', type: 'local', tag: '', adminUp: false, mac: new Uint8Array(6), addresses: [], vrf: 0 };
  return {
    node, interfaces: new Map([[0, local0]]), bridgeDomains: new Map(), routes: [], neighbours: [], acls: new Map(), interfaceAcls: new Map(),
    nat44: { forwarding: false, addresses: [], interfaces: new Map(), outputInterfaces: new Map(), staticMappings: [], identityMappings: [], sessions: [], affinity: new Map() },
    session: { enabled: false, appNamespaces: [], rules: [] }, dhcpClients: new Map(), aclSessions: [],
  };
}

/** `aa:bb:cc:dd:ee:ff` → bytes. */
export function mac(text: string): Uint8Array {
  return Uint8Array.from(text.split(':').map((h) => parseInt(h, 16)));
}

/** A rule in test notation: CIDRs as text, port ranges as `[first, last]` or one port. */
export interface AclRuleSpec {
  readonly action: 'deny' | 'permit' | 'reflect';
  readonly src?: string;
  readonly dst?: string;
  /** @default 0 (any) */
  readonly proto?: number;
  readonly srcPorts?: number | readonly [number, number];
  readonly dstPorts?: number | readonly [number, number];
  readonly tcpFlags?: { readonly mask: number; readonly value: number };
}

const hex = (n: number) => n.toString(16).padStart(2, '0');

function range(r: number | readonly [number, number] | undefined): [number, number] {
  return r === undefined ? [0, 65535] : typeof r === 'number' ? [r, r] : [r[0], r[1]];
}

/** Converts a test rule into the simulator's form. */
export function aclRule(spec: AclRuleSpec): SimAclRule {
  const src = parseCidr(spec.src ?? '0.0.0.0/0'), dst = parseCidr(spec.dst ?? '0.0.0.0/0');
  const [sf, sl] = range(spec.srcPorts), [df, dl] = range(spec.dstPorts);
  return {
    isPermit: spec.action === 'deny' ? 0 : spec.action === 'permit' ? 1 : 2, src: src.addr, srcLen: src.len, dst: dst.addr, dstLen: dst.len,
    proto: spec.proto ?? 0, srcPortFirst: sf, srcPortLast: sl, dstPortFirst: df, dstPortLast: dl,
    tcpFlagsMask: spec.tcpFlags?.mask ?? 0, tcpFlagsValue: spec.tcpFlags?.value ?? 0,
  };
}

/** Options of an interface. */
export interface IfaceOptions {
  readonly addresses?: readonly string[];
  readonly vrf?: number;
  readonly mac?: string;
  readonly adminUp?: boolean;
  readonly unnumberedOf?: number;
  readonly tap?: { readonly hostIp?: string; readonly hostMac?: string; readonly hostNamespace?: string };
  readonly vxlan?: { readonly src: string; readonly dst: string; readonly vni: number; readonly encapVrf?: number };
}

/** A static / load-balanced mapping in test notation. */
export interface MappingSpec {
  /** `ip:port`, or a bare IP for address-only mappings. */
  readonly external: string;
  /** @default 6 */
  readonly proto?: number;
  readonly locals: readonly { readonly ip: string; readonly port: number; readonly probability?: number }[];
  readonly out2inOnly?: boolean;
  readonly twiceNat?: boolean;
  readonly selfTwiceNat?: boolean;
  readonly affinity?: number;
  readonly tag?: string;
}

/** Writes a SimState step by step. Every method mutates `state`, so handles stay valid. */
export class SimStateBuilder {
  readonly state: SimState;
  #nextIf = 1;
  #nextAcl = 0;

  constructor(node: string) {
    this.state = emptySimState(node);
  }

  /** Adds an interface (admin up unless told); returns its sw_if_index. */
  iface(name: string, type: SimInterfaceType, o: IfaceOptions = {}): number {
    const swIfIndex = this.#nextIf++;
    const tap = o.tap ? {
      hostIfName: name, hostNamespace: o.tap.hostNamespace ?? '', hostMac: mac(o.tap.hostMac ?? `02:00:00:00:${hex(swIfIndex >> 8)}:${hex(swIfIndex & 255)}`),
      ...(o.tap.hostIp ? { hostIp4: parseIfAddress(o.tap.hostIp) } : {}),
    } : undefined;
    const v = o.vxlan;
    this.state.interfaces.set(swIfIndex, {
      swIfIndex, name, type, tag: '', adminUp: o.adminUp ?? true, vrf: o.vrf ?? 0,
      mac: mac(o.mac ?? `02:fe:00:00:${hex(swIfIndex >> 8)}:${hex(swIfIndex & 255)}`),
      addresses: (o.addresses ?? []).map(parseIfAddress),
      ...(o.unnumberedOf !== undefined ? { unnumberedOf: o.unnumberedOf } : {}),
      ...(tap ? { tap } : {}),
      ...(v ? { vxlan: { src: parseIp4(v.src), dst: parseIp4(v.dst), vni: v.vni, encapVrf: v.encapVrf ?? 0 } } : {}),
    });
    return swIfIndex;
  }

  /** A pod tap: host side `hostIp` (`10.1.1.2`), and a /32 route plus static neighbour for it. */
  podTap(name: string, hostIp: string): number {
    const i = this.iface(name, 'tap', { tap: { hostIp: `${hostIp}/32` } });
    this.route(`${hostIp}/32`, { out: i });
    this.neighbour(i, hostIp, this.state.interfaces.get(i)!.tap!.hostMac);
    return i;
  }

  /** Puts interfaces into a bridge domain (created if needed). */
  bd(bdId: number, members: readonly { readonly swIfIndex: number; readonly bvi?: boolean; readonly shg?: number }[]): void {
    let bd = this.state.bridgeDomains.get(bdId);
    if (!bd) {
      bd = { bdId, flood: true, uuFlood: true, forward: true, learn: true, arpTerm: false, macAge: 0, tag: '', members: [] };
      this.state.bridgeDomains.set(bdId, bd);
    }
    for (const m of members) {
      bd.members.push({ swIfIndex: m.swIfIndex, bvi: m.bvi ?? false, shg: m.shg ?? 0 });
      this.state.interfaces.get(m.swIfIndex)!.l2 = { bdId, bvi: m.bvi ?? false, shg: m.shg ?? 0 };
    }
  }

  /** A static route: `via` next hop and/or `out` interface, or a special path `type`. */
  route(prefix: string, o: { via?: string; out?: number; type?: number; vrf?: number; weight?: number; preference?: number }): void {
    const c = parseCidr(prefix);
    const path = { nextHop: o.via ? parseIp4(o.via) : 0, swIfIndex: o.out ?? NO_INTERFACE, weight: o.weight ?? 1, preference: o.preference ?? 0, ...(o.type !== undefined ? { type: o.type } : {}) };
    const existing = this.state.routes.find((r) => r.vrf === (o.vrf ?? 0) && r.prefix === c.addr && r.len === c.len);
    if (existing) existing.paths.push(path);
    else this.state.routes.push({ vrf: o.vrf ?? 0, prefix: c.addr, len: c.len, paths: [path] });
  }

  /** A static neighbour. */
  neighbour(swIfIndex: number, ip: string, m: Uint8Array | string): void {
    this.state.neighbours.push({ swIfIndex, ip: parseIp4(ip), mac: typeof m === 'string' ? mac(m) : m, isStatic: true });
  }

  /** Adds an ACL; returns its index. */
  acl(tag: string, rules: readonly AclRuleSpec[]): number {
    const aclIndex = this.#nextAcl++;
    this.state.acls.set(aclIndex, { aclIndex, tag, rules: rules.map(aclRule) });
    return aclIndex;
  }

  /** Sets the input and/or output ACL lists of an interface. */
  aclOn(swIfIndex: number, lists: { input?: number[]; output?: number[] }): void {
    const cur = this.state.interfaceAcls.get(swIfIndex) ?? { input: [], output: [] };
    this.state.interfaceAcls.set(swIfIndex, { input: lists.input ?? cur.input, output: lists.output ?? cur.output });
  }

  /** NAT44 pre-routing features of an interface. */
  natInterface(swIfIndex: number, f: { inside?: boolean; outside?: boolean }): void {
    this.state.nat44.interfaces.set(swIfIndex, { inside: f.inside ?? false, outside: f.outside ?? false });
  }

  /** NAT44 output feature (outside) of an interface. */
  natOutput(swIfIndex: number): void {
    this.state.nat44.outputInterfaces.set(swIfIndex, { inside: false });
  }

  /** Adds a pool address. */
  natPool(ip: string, twiceNat = false): void {
    this.state.nat44.addresses.push({ ip: parseIp4(ip), vrf: 0xffffffff, twiceNat });
  }

  /** Adds a static (one local) or load-balanced static mapping. */
  natMapping(s: MappingSpec): void {
    const [ipText, portText] = s.external.split(':');
    const locals: SimNatLocal[] = s.locals.map((l) => ({ ip: parseIp4(l.ip), port: l.port, probability: l.probability ?? 1, vrf: 0 }));
    this.state.nat44.staticMappings.push({
      lb: locals.length > 1, addrOnly: portText === undefined, externalIp: parseIp4(ipText!), externalPort: portText === undefined ? 0 : Number(portText),
      protocol: portText === undefined ? 0 : s.proto ?? IP_PROTO.TCP, locals, vrf: 0, out2inOnly: s.out2inOnly ?? true,
      twiceNat: s.twiceNat ?? false, selfTwiceNat: s.selfTwiceNat ?? false, affinity: s.affinity ?? 0, tag: s.tag ?? '',
    });
  }

  /** Adds an identity mapping (`proto` 0 with `port` 0 = address only). */
  natIdentity(ip: string, proto: number, port: number, tag = ''): void {
    this.state.nat44.identityMappings.push({ ip: parseIp4(ip), swIfIndex: NO_INTERFACE, addrOnly: proto === 0 && port === 0, protocol: proto, port, vrf: 0, tag });
  }

  /**
   * A service frontend that refuses or drops, as the nat-reject descriptor realises it: the
   * whole address (`proto` 0) as a /32 ICMP-unreachable / drop route; one port as an out2in-only
   * mapping to the action's sink address, plus the sink's route.
   */
  natReject(ip: string, proto: number, port: number, action: 'reject' | 'drop' = 'reject', tag = ''): void {
    const type = REJECT_PATH_TYPE[action];
    if (proto === 0) return this.route(`${ip}/32`, { type });
    const sink = formatIp4(REJECT_SINK[action]);
    if (!this.state.routes.some((r) => r.vrf === 0 && r.prefix === REJECT_SINK[action] && r.len === 32)) this.route(`${sink}/32`, { type });
    this.natMapping({ external: `${ip}:${port}`, proto, locals: [{ ip: sink, port }], tag: rejectMappingTag(tag) });
  }

  /** Adds an app namespace on `swIfIndex`; returns its index. */
  appNamespace(id: string, swIfIndex: number): number {
    const index = this.state.session.appNamespaces.length + 1;
    this.state.session.appNamespaces.push({ index, id, secret: 42n, swIfIndex });
    return index;
  }

  /** Adds a session rule (TCP unless `udp`; scope 1 global, 2 local). */
  sessionRule(r: { scope: number; appns?: number; lcl?: string; lclPort?: number; rmt?: string; rmtPort?: number; action: 'allow' | 'deny' | number; udp?: boolean; tag?: string }): void {
    const lcl = parseCidr(r.lcl ?? '0.0.0.0/0'), rmt = parseCidr(r.rmt ?? '0.0.0.0/0');
    const actionIndex = r.action === 'allow' ? 0xfffffffd : r.action === 'deny' ? 0xfffffffe : r.action;
    this.state.session.rules.push({
      transportProto: r.udp ? 1 : 0, isIp4: true, lcl: lcl.addr, lclLen: lcl.len, rmt: rmt.addr, rmtLen: rmt.len,
      lclPort: r.lclPort ?? 0, rmtPort: r.rmtPort ?? 0, actionIndex, appnsIndex: r.appns ?? 0, scope: r.scope, tag: r.tag ?? '',
    });
  }

  /** The interface with `name`. */
  ifIndex(name: string): number {
    for (const itf of this.state.interfaces.values()) if (itf.name === name) return itf.swIfIndex;
    throw new Error(`no interface ${name}`);
  }
}

/** A node of a contiv-like cluster: its builder and the sw_if_index of its main interfaces. */
export interface ContivNode {
  readonly name: string;
  readonly id: number;
  readonly b: SimStateBuilder;
  readonly nic: number;
  readonly hostTap: number;
  readonly bvi: number;
  /** Node (NIC) IP, host-side interconnect IP, pod subnet, its pods by IP → tap. */
  readonly nodeIp: string;
  readonly hostIp: string;
  readonly podSubnet: string;
  readonly pods: Map<string, number>;
}

/** Spec of one node: its ID and the pods it runs (last octet of 10.1.<id>.<n>). */
export interface ContivNodeSpec {
  readonly name: string;
  readonly id: number;
  readonly pods?: readonly number[];
  /** SNAT to the Internet on the NIC. @default true */
  readonly snat?: boolean;
}

/** Gateway of the node segment 192.168.16.0/24. */
export const GATEWAY_IP = '192.168.16.254';

function contivNode(spec: ContivNodeSpec): ContivNode {
  const { id } = spec;
  const b = new SimStateBuilder(spec.name);
  const nodeIp = `192.168.16.${id}`, hostIp = `172.30.${id}.2`, podSubnet = `10.1.${id}.0/24`;
  const nic = b.iface('GigabitEthernet0/8/0', 'ethernet', { addresses: [`${nodeIp}/24`] });
  const hostTap = b.iface('tap-vpp2', 'tap', { addresses: [`172.30.${id}.1/24`], tap: { hostIp: `${hostIp}/24` } });
  const bvi = b.iface('vxlanBVI', 'loopback', { addresses: [`192.168.30.${id}/24`], mac: `1a:2b:3c:4d:5e:${id.toString(16).padStart(2, '0')}` });
  b.bd(1, [{ swIfIndex: bvi, bvi: true }]);
  b.route('0.0.0.0/0', { via: GATEWAY_IP, out: nic });
  const s = b.state.nat44;
  s.forwarding = true;
  for (const i of [bvi, hostTap]) b.natInterface(i, { inside: true, outside: true });
  if (spec.snat ?? true) {
    b.natOutput(nic);
    b.natPool(nodeIp);
    b.natIdentity(nodeIp, IP_PROTO.UDP, 4789, 'vxlan');
  } else {
    b.natInterface(nic, { outside: true });
  }
  const pods = new Map<string, number>();
  for (const n of spec.pods ?? []) {
    const ip = `10.1.${id}.${n}`;
    const tap = b.podTap(`tap-pod${n}`, ip);
    b.natInterface(tap, { inside: true, outside: true });
    pods.set(ip, tap);
  }
  return { name: spec.name, id, b, nic, hostTap, bvi, nodeIp, hostIp, podSubnet, pods };
}

/** A contiv-like cluster and its world. */
export interface ContivCluster {
  readonly world: SimWorld;
  readonly clock: ManualClock;
  readonly underlay: Underlay;
  readonly nodes: Record<string, ContivNode>;
}

/**
 * Builds nodes, the VXLAN full mesh (VNI 10, split-horizon group 1), routes to the other nodes'
 * pod and host-interconnect subnets via their BVI, and the underlay (segment 192.168.16.0/24
 * with the gateway at .254; pod, service, VXLAN and interconnect ranges are internal).
 */
export function contivCluster(specs: readonly ContivNodeSpec[], o: { seed?: number; listening?: ListenPolicy } = {}): ContivCluster {
  const nodes = Object.fromEntries(specs.map((s) => [s.name, contivNode(s)]));
  for (const a of Object.values(nodes)) {
    for (const other of Object.values(nodes)) {
      if (other === a) continue;
      const t = a.b.iface(`vxlan_tunnel${other.id}`, 'vxlan', { vxlan: { src: a.nodeIp, dst: other.nodeIp, vni: 10 } });
      a.b.bd(1, [{ swIfIndex: t, shg: 1 }]);
      a.b.route(other.podSubnet, { via: `192.168.30.${other.id}` });
      a.b.route(`172.30.${other.id}.0/24`, { via: `192.168.30.${other.id}` });
    }
  }
  const clock = new ManualClock(1_000_000);
  const underlayNodes: UnderlayNode[] = Object.values(nodes).map((n) => ({
    name: n.name, state: n.b.state, nics: [{ interface: 'GigabitEthernet0/8/0', segment: 'nodes' }], hostInterconnect: 'tap-vpp2',
  }));
  const underlay = new Underlay({
    segments: [{ name: 'nodes', prefix: parseCidr('192.168.16.0/24'), gateway: parseIp4(GATEWAY_IP) }],
    nodes: underlayNodes,
    internalPrefixes: ['10.0.0.0/8', '172.30.0.0/16', '192.168.30.0/24'].map(parseCidr),
  });
  const world = new SimWorld({ underlay, clock, random: seededRandom(o.seed ?? 1), ...(o.listening ? { listening: o.listening } : {}) });
  return { world, clock, underlay, nodes };
}

/** Parses an address (shorthand for tests). */
export const ip = (text: string): Ip4 => parseIp4(text);
