/**
 * @module NodeLayout: the simulated cluster's node network, as the node IPAM controller
 * (`kube-controller-manager --allocate-node-cidrs`) and the infrastructure would lay it out.
 * Every node gets an address on one shared segment (its InternalIP when the Node object gives
 * one, else the lowest free address) and a pod CIDR (`spec.podCIDR` when given, else the lowest
 * free block of the cluster pod subnet, skipping block 0 as contiv's node IDs do). The segment
 * and the pod subnet cover what the Nodes give. Assignments are sticky: later nodes are added
 * without renumbering the running ones. Pure.
 */
import { BadInputError } from '../core/errors.ts';
import {
  cidrContains, cidrCovers, cidrOverlaps, formatCidr, formatIp4, isIp4, lastAddress, maskOf, parseCidr, parseIp4, type Cidr, type Ip4,
} from '../plugins/net/ipv4.ts';
import { compareText } from './compare-text.ts';

/** What a Node object asks for. */
export interface NodeRequest {
  readonly name: string;
  /** Names the Node object in errors (`nodes.yaml document 1 (Node node-1)`). */
  readonly source: string;
  readonly podCIDR?: string;
  /** First InternalIP of `status.addresses`. */
  readonly internalIp?: string;
}

/** A node as laid out. */
export interface LaidOutNode {
  readonly name: string;
  /** Address on the node segment (its InternalIP and the VPP node IP). */
  readonly address: string;
  readonly podCIDR: string;
}

/** Defaults of the layout (contiv's IPAM defaults). */
export interface NodeLayoutOptions {
  /** @default 10.1.0.0/16 */
  readonly podSubnetCIDR?: string;
  /** @default 24 */
  readonly podNetworkPrefixLen?: number;
  /** Segment used when every node address fits in it. @default 192.168.16.0/24 */
  readonly nodeInterconnectCIDR?: string;
  /** Ranges the node segment must stay out of (service CIDR, host interconnect, VXLAN). */
  readonly reserved?: readonly { readonly name: string; readonly cidr: string }[];
}

function covering(prefixes: readonly Cidr[], maxLen: number): Cidr {
  let len = maxLen;
  const first = prefixes[0]!;
  for (const p of prefixes) len = Math.min(len, p.len);
  while (len > 0 && !prefixes.every((p) => ((p.addr & maskOf(len)) >>> 0) === ((first.addr & maskOf(len)) >>> 0))) len--;
  return { addr: (first.addr & maskOf(len)) >>> 0, len };
}

/** The nodes, their segment and gateway, and the cluster pod subnet. */
export class NodeLayout {
  /** The L2 segment every node's main NIC is on. */
  readonly segment: Cidr;
  /** The router to the outside network on the segment. */
  readonly gateway: Ip4;
  /** The cluster pod subnet (contiv `ipam.podSubnetCIDR`). */
  readonly podSubnet: Cidr;
  readonly #podPrefixLen: number;
  readonly #nodes = new Map<string, LaidOutNode>();

  /**
   * Lays out the initial nodes (sorted by name).
   * @throws {BadInputError} naming the Node and field for an unusable or clashing InternalIP or podCIDR
   */
  constructor(requests: readonly NodeRequest[], options: NodeLayoutOptions = {}) {
    const sorted = [...requests].sort((a, b) => compareText(a.name, b.name));
    this.#podPrefixLen = options.podNetworkPrefixLen ?? 24;
    const ips = sorted.flatMap((r) => (r.internalIp === undefined ? [] : [{ r, ip: checkedIp(r) }]));
    const defaultSegment = parseCidr(options.nodeInterconnectCIDR ?? '192.168.16.0/24');
    this.segment = ips.every((x) => cidrContains(defaultSegment, x.ip)) ? defaultSegment : covering(ips.map((x) => ({ addr: x.ip, len: 32 })), 24);
    if (this.segment.len < 8) {
      const r = ips[ips.length - 1]!.r;
      throw new BadInputError(r.source, 'status.addresses', `the InternalIPs of the nodes (${ips.map((x) => formatIp4(x.ip)).join(', ')}) share no subnet of at least /8: simulate puts every node on one segment`);
    }
    for (const res of options.reserved ?? []) {
      if (cidrOverlaps(this.segment, parseCidr(res.cidr))) {
        const r = ips[0]?.r;
        throw new BadInputError(r?.source ?? 'node layout', 'status.addresses', `the node segment ${formatCidr(this.segment)} overlaps the ${res.name} ${res.cidr}`);
      }
    }
    const cidrs = sorted.flatMap((r) => (r.podCIDR === undefined ? [] : [checkedPodCidr(r)]));
    const defaultPods = parseCidr(options.podSubnetCIDR ?? '10.1.0.0/16');
    this.podSubnet = cidrs.every((c) => cidrCovers(defaultPods, c)) ? defaultPods : covering(cidrs, 16);
    if (this.podSubnet.len < 8) {
      throw new BadInputError(sorted.find((r) => r.podCIDR !== undefined)!.source, 'spec.podCIDR', `the pod CIDRs of the nodes share no subnet of at least /8`);
    }
    for (const res of [...(options.reserved ?? []), { name: 'node segment', cidr: formatCidr(this.segment) }]) {
      if (cidrOverlaps(this.podSubnet, parseCidr(res.cidr))) {
        const r = sorted.find((x) => x.podCIDR !== undefined);
        throw new BadInputError(r?.source ?? 'node layout', 'spec.podCIDR', `the cluster pod subnet ${formatCidr(this.podSubnet)} overlaps the ${res.name} ${res.cidr}`);
      }
    }
    const taken = new Set(ips.map((x) => x.ip));
    this.gateway = this.#highestFree(taken);
    for (const r of sorted) this.add(r);
  }

  /** A node by name. */
  node(name: string): LaidOutNode | undefined {
    return this.#nodes.get(name);
  }

  /** Every node, sorted by name. */
  nodes(): LaidOutNode[] {
    return [...this.#nodes.values()].sort((a, b) => compareText(a.name, b.name));
  }

  /**
   * Adds a node, or checks a known node's request against its layout (both are immutable here).
   * @throws {BadInputError} when the address or pod CIDR is unusable, taken, or differs from the node's
   */
  add(r: NodeRequest): LaidOutNode {
    const known = this.#nodes.get(r.name);
    if (known) {
      if (r.internalIp !== undefined && r.internalIp !== known.address) {
        throw new BadInputError(r.source, 'status.addresses', `InternalIP ${r.internalIp} differs from the node's address ${known.address}: simulate cannot re-address a running node`);
      }
      if (r.podCIDR !== undefined && formatCidr(checkedPodCidr(r)) !== known.podCIDR) {
        throw new BadInputError(r.source, 'spec.podCIDR', `${r.podCIDR} differs from the node's pod CIDR ${known.podCIDR} (spec.podCIDR is immutable)`);
      }
      return known;
    }
    const address = r.internalIp !== undefined ? this.#givenAddress(r) : this.#freeAddress();
    const podCIDR = r.podCIDR !== undefined ? this.#givenPodCidr(r) : this.#freePodCidr(r);
    const node = { name: r.name, address: formatIp4(address), podCIDR: formatCidr(podCIDR) };
    this.#nodes.set(r.name, node);
    return node;
  }

  #usedAddresses(): Set<Ip4> {
    return new Set([...this.#nodes.values()].map((n) => parseIp4(n.address)));
  }

  #givenAddress(r: NodeRequest): Ip4 {
    const ip = checkedIp(r);
    const bad = (detail: string) => new BadInputError(r.source, 'status.addresses', detail);
    if (!cidrContains(this.segment, ip)) throw bad(`InternalIP ${formatIp4(ip)} is not on the node segment ${formatCidr(this.segment)}`);
    if (ip === this.gateway) throw bad(`InternalIP ${formatIp4(ip)} is the segment's gateway`);
    const owner = [...this.#nodes.values()].find((n) => n.address === formatIp4(ip));
    if (owner) throw bad(`InternalIP ${formatIp4(ip)} is already the address of node ${owner.name}`);
    return ip;
  }

  #freeAddress(): Ip4 {
    const used = this.#usedAddresses();
    for (let ip = this.segment.addr + 1; ip < lastAddress(this.segment); ip++) {
      if (ip !== this.gateway && !used.has(ip)) return ip;
    }
    throw new BadInputError('node layout', 'status.addresses', `no free address left on the node segment ${formatCidr(this.segment)}`);
  }

  #highestFree(taken: ReadonlySet<Ip4>): Ip4 {
    for (let ip = lastAddress(this.segment) - 1; ip > this.segment.addr; ip--) if (!taken.has(ip)) return ip;
    throw new BadInputError('node layout', 'status.addresses', `no address left for the gateway on ${formatCidr(this.segment)}`);
  }

  #givenPodCidr(r: NodeRequest): Cidr {
    const c = checkedPodCidr(r);
    if (!cidrCovers(this.podSubnet, c)) throw new BadInputError(r.source, 'spec.podCIDR', `${formatCidr(c)} is outside the cluster pod subnet ${formatCidr(this.podSubnet)}`);
    const other = [...this.#nodes.values()].find((n) => cidrOverlaps(parseCidr(n.podCIDR), c));
    if (other) throw new BadInputError(r.source, 'spec.podCIDR', `${formatCidr(c)} overlaps the pod CIDR ${other.podCIDR} of node ${other.name}`);
    return c;
  }

  #freePodCidr(r: NodeRequest): Cidr {
    const len = Math.max(this.#podPrefixLen, this.podSubnet.len + 1);
    const blocks = 2 ** (len - this.podSubnet.len);
    const used = [...this.#nodes.values()].map((n) => parseCidr(n.podCIDR));
    for (let i = 1; i < blocks; i++) {
      const c = { addr: (this.podSubnet.addr + i * 2 ** (32 - len)) >>> 0, len };
      if (!used.some((u) => cidrOverlaps(u, c))) return c;
    }
    throw new BadInputError(r.source, 'spec.podCIDR', `no free /${len} left in the cluster pod subnet ${formatCidr(this.podSubnet)}`);
  }
}

function checkedIp(r: NodeRequest): Ip4 {
  if (r.internalIp === undefined || !isIp4(r.internalIp)) throw new BadInputError(r.source, 'status.addresses', `InternalIP "${r.internalIp ?? ''}" is not an IPv4 address`);
  return parseIp4(r.internalIp);
}

function checkedPodCidr(r: NodeRequest): Cidr {
  const c = parseCidr(r.podCIDR ?? '');
  if (c.len > 30) throw new BadInputError(r.source, 'spec.podCIDR', `${r.podCIDR} is too small for pods: at most /30`);
  return c;
}
