/**
 * @module A small model of VPP ACL enforcement on a cluster of nodes, for checking rendered
 * ACLs against the oracle before the real simulator tracer is wired in (spec §7.4 connection
 * semantics, extended to several nodes and every protocol):
 * - each node has pod interfaces and one outbound interface; ACLs are applied on interface
 *   input (`ingress` list) or output (`egress` list); first matching rule wins, no match on an
 *   interface that has ACLs = deny, no ACL = permit;
 * - a `reflect` rule permits and records a session on that interface; later packets of the same
 *   connection (either direction) on that interface skip its ACLs;
 * - a connection is allowed when the first packet and the reply both get through.
 */
import type { Acl, AclRule } from '../../plugins/vpp/model.ts';

/** A pod as the data plane sees it. */
export interface DataplanePod {
  readonly key: string;
  readonly ip: string;
  readonly interface: string;
}

/** One node: its ACLs, its pods and the interface traffic leaves it through. */
export interface AclNodeState {
  readonly name: string;
  readonly acls: readonly Acl[];
  readonly pods: readonly DataplanePod[];
  readonly outbound: string;
}

/** Where an endpoint is: a pod on a node, or an address outside every node. */
export interface Location {
  readonly ip: string;
  readonly node?: string;
  readonly iface?: string;
}

/** Result of a connection attempt. */
export interface DataplaneVerdict {
  readonly allowed: boolean;
  readonly trace: readonly string[];
}

interface Packet {
  readonly proto: number;
  readonly src: number;
  readonly dst: number;
  readonly sport: number;
  readonly dport: number;
}

function ip(text: string): number {
  return text.split('.').reduce((n, p) => n * 256 + Number(p), 0);
}

function contains(cidr: string, addr: number): boolean {
  const [a, l] = cidr.split('/');
  const block = 2 ** (32 - Number(l ?? 32));
  return Math.floor(ip(a!) / block) === Math.floor(addr / block);
}

function ruleMatches(r: AclRule, p: Packet): boolean {
  if (r.proto !== 0 && r.proto !== p.proto) return false;
  if (!contains(r.src, p.src) || !contains(r.dst, p.dst)) return false;
  if (r.proto === 0 || (p.proto !== 6 && p.proto !== 17 && p.proto !== 132)) return true;
  return p.sport >= r.srcPortFirst && p.sport <= r.srcPortLast && p.dport >= r.dstPortFirst && p.dport <= r.dstPortLast;
}

/** The ACL model of a cluster. */
export class AclDataplane {
  readonly #nodes: ReadonlyMap<string, AclNodeState>;
  readonly #sessions = new Map<string, Set<string>>();

  constructor(nodes: readonly AclNodeState[]) {
    this.#nodes = new Map(nodes.map((n) => [n.name, n]));
  }

  /** Where pod `key` is (throws if it is on no node). */
  locate(key: string): Location {
    for (const n of this.#nodes.values()) {
      const p = n.pods.find((x) => x.key === key);
      if (p) return { ip: p.ip, node: n.name, iface: p.interface };
    }
    throw new Error(`acl-dataplane: pod ${key} is on no node`);
  }

  /** Tries a connection (fresh sessions each time). */
  connect(src: Location, dst: Location, proto: number, dport: number, sport = 40000): DataplaneVerdict {
    this.#sessions.clear();
    const trace: string[] = [];
    const fwd: Packet = { proto, src: ip(src.ip), dst: ip(dst.ip), sport, dport };
    const rev: Packet = { proto, src: fwd.dst, dst: fwd.src, sport: dport, dport: sport };
    const hops = this.#path(src, dst);
    for (const h of hops) if (!this.#pass(h.node, h.iface, h.dir, fwd, trace)) return { allowed: false, trace };
    for (const h of [...hops].reverse()) {
      if (!this.#pass(h.node, h.iface, h.dir === 'in' ? 'out' : 'in', rev, trace)) return { allowed: false, trace };
    }
    return { allowed: true, trace };
  }

  #path(src: Location, dst: Location): { node: string; iface: string; dir: 'in' | 'out' }[] {
    const hops: { node: string; iface: string; dir: 'in' | 'out' }[] = [];
    if (src.node) hops.push({ node: src.node, iface: src.iface!, dir: 'in' });
    if (src.node && dst.node === src.node) {
      hops.push({ node: dst.node, iface: dst.iface!, dir: 'out' });
      return hops;
    }
    if (src.node) hops.push({ node: src.node, iface: this.#nodes.get(src.node)!.outbound, dir: 'out' });
    if (dst.node) {
      hops.push({ node: dst.node, iface: this.#nodes.get(dst.node)!.outbound, dir: 'in' });
      hops.push({ node: dst.node, iface: dst.iface!, dir: 'out' });
    }
    return hops;
  }

  #pass(node: string, iface: string, dir: 'in' | 'out', p: Packet, trace: string[]): boolean {
    const where = `${node}/${iface}/${dir}`;
    const sessionKey = `${node}|${iface}`;
    const flow = [p.proto, ...[`${p.src}:${p.sport}`, `${p.dst}:${p.dport}`].sort()].join('|');
    if (this.#sessions.get(sessionKey)?.has(flow)) {
      trace.push(`${where}: session`);
      return true;
    }
    const acls = this.#nodes.get(node)!.acls
      .filter((a) => (dir === 'in' ? a.ingress : a.egress).includes(iface))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    if (acls.length === 0) return true;
    for (const acl of acls) {
      for (const [i, r] of acl.rules.entries()) {
        if (!ruleMatches(r, p)) continue;
        trace.push(`${where}: ${acl.name} rule ${i} ${r.action}`);
        if (r.action === 'deny') return false;
        if (r.action === 'reflect') {
          let s = this.#sessions.get(sessionKey);
          if (!s) this.#sessions.set(sessionKey, (s = new Set()));
          s.add(flow);
        }
        return true;
      }
    }
    trace.push(`${where}: no rule matched (deny)`);
    return false;
  }
}
