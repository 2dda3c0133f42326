/**
 * @module The simulated underlay that joins several simulated VPPs: L2 segments (the node
 * interconnect subnet) where node NICs and a gateway router live, the outside network beyond the
 * gateway (any address that is not on a segment and not internal), and each node's Linux host
 * network behind its host-interconnect tap. The underlay answers ARP for node NIC addresses and
 * the gateway, and tells the tracer who owns an address. Plain data and lookups, no I/O.
 */
import { cidrContains, formatIp4, maskOf, type Cidr, type Ip4 } from '../../net/ipv4.ts';
import type { SimInterface, SimState } from './sim-state.ts';

/** An L2 segment with its subnet and (optionally) the router to the outside network. */
export interface UnderlaySegment {
  readonly name: string;
  readonly prefix: Cidr;
  /** Address of the gateway router on this segment; absent = the segment has no way out. */
  readonly gateway?: Ip4;
}

/** One simulated node: its VPP state and the facts the underlay needs about it. */
export interface UnderlayNode {
  readonly name: string;
  readonly state: SimState;
  /** VPP interfaces (by name) plugged into segments. */
  readonly nics: readonly { readonly interface: string; readonly segment: string }[];
  /** VPP side of the host-interconnect tap; its host side is the node's host network. */
  readonly hostInterconnect?: string;
  /** Further addresses of the Linux host (e.g. a management IP) routed to it through the tap. */
  readonly hostAddresses?: readonly Ip4[];
}

/** A route of the gateway router: `prefix` is sent to `via`, an address on a segment. */
export interface GatewayRoute {
  readonly prefix: Cidr;
  readonly via: Ip4;
}

/** Configuration of an underlay. */
export interface UnderlayConfig {
  readonly segments: readonly UnderlaySegment[];
  readonly nodes?: readonly UnderlayNode[];
  /** Static routes of the gateway (e.g. a LoadBalancer IP towards a node). */
  readonly gatewayRoutes?: readonly GatewayRoute[];
  /** Prefixes that are never outside hosts (pod, service, VXLAN subnets): the gateway drops them. */
  readonly internalPrefixes?: readonly Cidr[];
}

/** Who owns an address on a segment. */
export type SegmentOwner =
  | { readonly kind: 'nic'; readonly node: UnderlayNode; readonly swIfIndex: number }
  | { readonly kind: 'gateway'; readonly segment: UnderlaySegment };

/** What the gateway does with a packet for `dst`. */
export type GatewayDecision =
  | { readonly kind: 'segment'; readonly segment: UnderlaySegment; readonly nextHop: Ip4; readonly why: string }
  | { readonly kind: 'outside'; readonly why: string }
  | { readonly kind: 'drop'; readonly why: string };

function interfaceByName(state: SimState, name: string): SimInterface | undefined {
  for (const itf of state.interfaces.values()) if (itf.name === name) return itf;
  return undefined;
}

/** The underlay: segments, nodes and the gateway. Nodes can be added and removed as a cluster changes. */
export class Underlay {
  readonly #segments = new Map<string, UnderlaySegment>();
  readonly #nodes = new Map<string, UnderlayNode>();
  #gatewayRoutes: readonly GatewayRoute[];
  readonly #internal: readonly Cidr[];

  constructor(config: UnderlayConfig) {
    for (const s of config.segments) this.#segments.set(s.name, s);
    for (const n of config.nodes ?? []) this.addNode(n);
    this.#gatewayRoutes = config.gatewayRoutes ?? [];
    this.#internal = config.internalPrefixes ?? [];
  }

  /** Adds (or replaces) a node. */
  addNode(node: UnderlayNode): void {
    this.#nodes.set(node.name, node);
  }

  /** Replaces the gateway's static routes (a cluster simulation: Services' external and LoadBalancer IPs change). */
  setGatewayRoutes(routes: readonly GatewayRoute[]): void {
    this.#gatewayRoutes = [...routes];
  }

  /** Removes a node. */
  removeNode(name: string): void {
    this.#nodes.delete(name);
  }

  /** A node by name. */
  node(name: string): UnderlayNode | undefined {
    return this.#nodes.get(name);
  }

  /** All nodes, sorted by name. */
  nodes(): UnderlayNode[] {
    return [...this.#nodes.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** A segment by name. */
  segment(name: string): UnderlaySegment | undefined {
    return this.#segments.get(name);
  }

  /** The segment interface `swIfIndex` of `node` is plugged into. */
  segmentOf(node: UnderlayNode, swIfIndex: number): UnderlaySegment | undefined {
    const name = node.state.interfaces.get(swIfIndex)?.name;
    const nic = node.nics.find((n) => n.interface === name);
    return nic ? this.#segments.get(nic.segment) : undefined;
  }

  /** The sw_if_index of a node's NIC on a segment with a gateway (where outside traffic enters). */
  entryNic(node: UnderlayNode): { swIfIndex: number; segment: UnderlaySegment } | undefined {
    for (const nic of node.nics) {
      const segment = this.#segments.get(nic.segment);
      const itf = interfaceByName(node.state, nic.interface);
      if (segment && itf && segment.gateway !== undefined) return { swIfIndex: itf.swIfIndex, segment };
    }
    return undefined;
  }

  /** Who answers ARP for `ip` on `segment`: an admin-up node NIC holding it, or the gateway. */
  ownerOnSegment(segment: UnderlaySegment, ip: Ip4): SegmentOwner | undefined {
    if (segment.gateway === ip) return { kind: 'gateway', segment };
    for (const node of this.nodes()) {
      for (const nic of node.nics) {
        if (nic.segment !== segment.name) continue;
        const itf = interfaceByName(node.state, nic.interface);
        if (itf?.adminUp && itf.addresses.some((a) => a.ip === ip)) return { kind: 'nic', node, swIfIndex: itf.swIfIndex };
      }
    }
    return undefined;
  }

  /** The node whose VPP holds `ip` on one of its interfaces (VXLAN tunnel endpoints). */
  nodeOwning(ip: Ip4): UnderlayNode | undefined {
    for (const node of this.nodes()) {
      for (const itf of node.state.interfaces.values()) if (itf.addresses.some((a) => a.ip === ip)) return node;
    }
    return undefined;
  }

  /** The VPP interface of a node's host interconnect. */
  hostInterconnect(node: UnderlayNode): SimInterface | undefined {
    return node.hostInterconnect === undefined ? undefined : interfaceByName(node.state, node.hostInterconnect);
  }

  /** Addresses of a node's Linux host: the host side of the interconnect tap and `hostAddresses`. */
  hostAddresses(node: UnderlayNode): Ip4[] {
    const tapIp = this.hostInterconnect(node)?.tap?.hostIp4?.ip;
    return [...(tapIp === undefined ? [] : [tapIp]), ...(node.hostAddresses ?? [])];
  }

  /** Whether `ip` is an outside host: on no segment and in no internal prefix. */
  isOutside(ip: Ip4): boolean {
    for (const s of this.#segments.values()) if (cidrContains(s.prefix, ip)) return false;
    return !this.#internal.some((c) => cidrContains(c, ip));
  }

  /** Routing decision of the gateway router for a packet to `dst`. */
  gatewayRoute(dst: Ip4): GatewayDecision {
    for (const s of this.#segments.values()) {
      if (cidrContains(s.prefix, dst)) return { kind: 'segment', segment: s, nextHop: dst, why: `${formatIp4(dst)} is on segment ${s.name}` };
    }
    let best: GatewayRoute | undefined;
    for (const r of this.#gatewayRoutes) {
      if (((dst & maskOf(r.prefix.len)) >>> 0) === r.prefix.addr && (!best || r.prefix.len > best.prefix.len)) best = r;
    }
    if (best) {
      const segment = [...this.#segments.values()].find((s) => cidrContains(s.prefix, best.via));
      if (segment) return { kind: 'segment', segment, nextHop: best.via, why: `gateway route to ${formatIp4(dst)} via ${formatIp4(best.via)}` };
      return { kind: 'drop', why: `gateway route via ${formatIp4(best.via)} is on no segment` };
    }
    if (!this.isOutside(dst)) return { kind: 'drop', why: `gateway has no route to internal address ${formatIp4(dst)}` };
    return { kind: 'outside', why: `${formatIp4(dst)} is an outside host` };
  }
}

/** What {@linkcode singleNodeUnderlay} needs besides the node. */
export interface SingleNodeOptions {
  /** The node's default gateway on its main NIC's subnet. */
  readonly gateway?: Ip4;
  /** Never-outside prefixes (pod, service, VXLAN ranges). */
  readonly internalPrefixes?: readonly Cidr[];
}

/**
 * An underlay around one node (a running agent's own data plane): a segment named `nodes` with
 * the subnet of the node's first NIC address (the gateway's /32 when the NIC has none yet) and
 * the gateway on it.
 */
export function singleNodeUnderlay(node: UnderlayNode, o: SingleNodeOptions = {}): Underlay {
  const nicName = node.nics[0]?.interface;
  const a = nicName === undefined ? undefined : interfaceByName(node.state, nicName)?.addresses[0];
  const prefix = a ? { addr: (a.ip & maskOf(a.len)) >>> 0, len: a.len } : { addr: o.gateway ?? 0, len: o.gateway === undefined ? 0 : 32 };
  const segment = 'nodes';
  return new Underlay({
    segments: [{ name: segment, prefix, ...(o.gateway !== undefined ? { gateway: o.gateway } : {}) }],
    nodes: [{ ...node, nics: node.nics.map((n) => ({ interface: n.interface, segment })) }],
    internalPrefixes: o.internalPrefixes ?? [],
  });
}
