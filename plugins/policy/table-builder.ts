/**
 * @module Pure table construction for one orientation (spec §4.6, §4.7, rebuilt on set
 * algebra): a pod's local table is its own rules plus, for every other local pod whose
 * opposite direction restricts traffic with it, a *block* of rules for that pod's /32 that
 * allows exactly the intersection of both sides. The global table holds every local pod's
 * opposite-direction rules with the pod's address filled in.
 *
 * Why blocks are correct when sorted: a block covers its /32 completely for every protocol
 * that any rule of the table could match for that address before the block's final
 * DENY-any (protocol sections come first in the rule order), and /32 rules sort before every
 * wider rule of the same protocol. Own rules are PERMITs plus one trailing DENY, so their
 * order never matters. Unlike the original (ports.go), nothing assumes where DENY rules are.
 */
import type { Cidr, Ip4 } from '../net/ipv4.ts';
import { ANY_CIDR, cidrContains, hostCidr } from '../net/ipv4.ts';
import type { ContivRule, PeerField } from './contiv-rule.ts';
import { ALLOW_ALL, compareNetworks, compareRules, internFields, sortRules } from './contiv-rule.ts';
import type { Orientation } from './orientation.ts';
import { localPeerField, otherField } from './orientation.ts';
import type { DirectionRules, PodRules } from './pod-rules.ts';
import type { PortRange } from './port-range.ts';
import { ANY_PORTS } from './port-range.ts';
import type { ProtoPortSet } from './proto-port-set.ts';
import { EVERYTHING, intersectSets, NOTHING, ProtoPortSetBuilder, setIncludes } from './proto-port-set.ts';
import type { ConcreteProto, Proto } from './protocol.ts';
import { ANY_PROTO, CONCRETE_PROTOS, protoRank } from './protocol.ts';
import { ALL_PORTS_SET, isAllPorts } from './range-set.ts';

/** A local pod as one renderer cache sees it. */
export interface TablePod {
  readonly key: string;
  readonly ip: Ip4;
  /** Rules forming its local table (pod ingress in egress orientation). */
  readonly own: DirectionRules;
  /** Rules combined into others' tables and the global table. */
  readonly opp: DirectionRules;
}

/** The rules of another local pod combined into a table, for that pod's /32. */
export interface Block {
  readonly peer: Ip4;
  readonly rules: readonly ContivRule[];
}

/** Projects a pod's rules onto an orientation. */
export function tablePodOf(o: Orientation, r: PodRules): TablePod {
  return o === 'egress'
    ? { key: r.pod, ip: r.ip, own: r.ingress, opp: r.egress }
    : { key: r.pod, ip: r.ip, own: r.egress, opp: r.ingress };
}

/** PERMIT rules of a direction split into per-host (/32) rules and wider ones, for point queries. */
interface PermitIndex {
  readonly hosts: Map<Ip4, ContivRule[]>;
  readonly wide: ContivRule[];
}

// Rule lists are immutable, so the index is built once per list and field.
const INDEXES = new WeakMap<DirectionRules, Map<PeerField, PermitIndex>>();

function permitIndex(dir: DirectionRules, field: PeerField): PermitIndex {
  let byField = INDEXES.get(dir);
  if (!byField) INDEXES.set(dir, (byField = new Map()));
  let idx = byField.get(field);
  if (!idx) {
    idx = { hosts: new Map(), wide: [] };
    for (const r of dir.rules) {
      if (r.action !== 'permit') continue;
      const net = r[field];
      if (net.len < 32) idx.wide.push(r);
      else {
        const list = idx.hosts.get(net.addr);
        if (list) list.push(r);
        else idx.hosts.set(net.addr, [r]);
      }
    }
    byField.set(field, idx);
  }
  return idx;
}

/** The addresses at which two versions of a direction may allow different traffic. */
export interface ChangedPoints {
  /** Possibly everywhere (isolation changed, a permit wider than /32 changed, or unsorted input). */
  readonly all: boolean;
  /** Addresses of /32 permits (in `field`) present in only one version. */
  readonly hosts: ReadonlySet<Ip4>;
}

const EVERYWHERE: ChangedPoints = { all: true, hosts: new Set() };

/**
 * Where `allowedAt(a, field, x)` and `allowedAt(b, field, x)` can differ: a merge over the two
 * sorted rule lists. Lets an update recompute only the blocks of the peers a change names.
 */
export function changedPoints(a: DirectionRules, b: DirectionRules, field: PeerField): ChangedPoints {
  if (a === b) return { all: false, hosts: new Set() };
  // Pods with the same policies share rule lists: the diff of a shared pair is computed once.
  let byB = CHANGED.get(a);
  if (!byB) CHANGED.set(a, (byB = new WeakMap()));
  const key = field === 'src' ? 0 : 1;
  let memo = byB.get(b);
  if (!memo) byB.set(b, (memo = []));
  return (memo[key] ??= diffPoints(a, b, field));
}

const CHANGED = new WeakMap<DirectionRules, WeakMap<DirectionRules, ChangedPoints[]>>();

function diffPoints(a: DirectionRules, b: DirectionRules, field: PeerField): ChangedPoints {
  if (a.isolated !== b.isolated) return EVERYWHERE;
  const hosts = new Set<Ip4>();
  const x = a.rules;
  const y = b.rules;
  let i = 0;
  let j = 0;
  const note = (r: ContivRule): boolean => {
    if (r.action !== 'permit') return true;
    if (r[field].len < 32) return false;
    hosts.add(r[field].addr);
    return true;
  };
  while (i < x.length || j < y.length) {
    // Rules are interned: equal rules are mostly the same object (and cost a full compare otherwise).
    const c = i >= x.length ? 1 : j >= y.length ? -1 : x[i] === y[j] ? 0 : compareRules(x[i]!, y[j]!);
    if (c === 0) {
      i++;
      j++;
      continue;
    }
    const r = c < 0 ? x[i++]! : y[j++]!;
    // Both lists are sorted; a list that is not cannot be merged, so assume the worst.
    if ((i > 1 && i <= x.length && compareRules(x[i - 2]!, x[i - 1]!) > 0) || (j > 1 && j <= y.length && compareRules(y[j - 2]!, y[j - 1]!) > 0)) return EVERYWHERE;
    if (!note(r)) return EVERYWHERE;
  }
  return { all: false, hosts };
}

// Whether a list can be searched by (protocol, `field` network): the other field is "any" in
// every rule and the list is in that order (true of every list the configurator builds).
const SEARCHABLE = new WeakMap<DirectionRules, Map<PeerField, boolean>>();

function searchable(dir: DirectionRules, field: PeerField): boolean {
  let byField = SEARCHABLE.get(dir);
  if (!byField) SEARCHABLE.set(dir, (byField = new Map()));
  let ok = byField.get(field);
  if (ok === undefined) {
    const other = otherField(field);
    ok = true;
    const rules = dir.rules;
    for (let i = 0; i < rules.length && ok; i++) {
      const r = rules[i]!;
      if (r[other].len !== 0) ok = false;
      else if (i > 0) {
        const q = rules[i - 1]!;
        if ((protoRank(q.proto) - protoRank(r.proto) || compareNetworks(q[field], r[field])) > 0) ok = false;
      }
    }
    byField.set(field, ok);
  }
  return ok;
}

/** First index whose (protocol rank, `field` network) is not below (`rank`, `net`). */
function lowerBound(rules: readonly ContivRule[], field: PeerField, rank: number, net: Cidr): number {
  let lo = 0;
  let hi = rules.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const r = rules[mid]!;
    if ((protoRank(r.proto) - rank || compareNetworks(r[field], net)) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * What `dir` allows with address `point` (in rule field `field`), and which protocols its
 * matching rules name. Sorted lists are binary-searched per protocol (the point's /32 rules,
 * then the wider ones at the end of each protocol's section), so a new list costs no index.
 */
export function allowedAt(dir: DirectionRules, field: PeerField, point: Ip4): Allowed {
  if (!dir.isolated) return { set: EVERYTHING, protos: new Set() };
  // Pods with the same policies share rule lists, so the same (list, address) query recurs.
  let byPoint = ALLOWED.get(dir);
  if (!byPoint) ALLOWED.set(dir, (byPoint = new Map()));
  const k = point * 2 + (field === 'src' ? 0 : 1);
  let a = byPoint.get(k);
  if (!a) byPoint.set(k, (a = computeAllowed(dir, field, point)));
  return a;
}

/** What a direction allows at one address, and the protocols its matching rules name (shared: do not change). */
export interface Allowed {
  readonly set: ProtoPortSet;
  readonly protos: ReadonlySet<ConcreteProto>;
}

const ALLOWED = new WeakMap<DirectionRules, Map<number, Allowed>>();

function computeAllowed(dir: DirectionRules, field: PeerField, point: Ip4): Allowed {
  const matched: ContivRule[] = [];
  if (!searchable(dir, field)) {
    const idx = permitIndex(dir, field);
    for (const r of idx.hosts.get(point) ?? []) matched.push(r);
    for (const r of idx.wide) if (cidrContains(r[field], point)) matched.push(r);
  } else {
    const rules = dir.rules;
    const host: Cidr = { addr: point, len: 32 };
    for (let rank = 0; rank < 4; rank++) {
      for (let i = lowerBound(rules, field, rank, host); i < rules.length; i++) {
        const r = rules[i]!;
        if (protoRank(r.proto) !== rank || r[field].len !== 32 || r[field].addr !== point) break;
        if (r.action === 'permit') matched.push(r);
      }
      for (let i = lowerBound(rules, field, rank, WIDEST_BELOW_HOST); i < rules.length; i++) {
        const r = rules[i]!;
        if (protoRank(r.proto) !== rank) break;
        if (r.action === 'permit' && cidrContains(r[field], point)) matched.push(r);
      }
    }
  }
  // Most addresses match nothing (the isolation deny decides): no set to build then.
  if (matched.length === 0) return NOTHING_ALLOWED;
  const protos = new Set<ConcreteProto>();
  const b = new ProtoPortSetBuilder();
  for (const r of matched) {
    b.add(r.proto, r.dstPorts);
    if (r.proto !== ANY_PROTO) protos.add(r.proto);
  }
  return { set: b.build(), protos };
}

const NOTHING_ALLOWED: Allowed = { set: NOTHING, protos: new Set() };

/** Sorts after every /32 and before every wider network (networks sort longer prefix first). */
const WIDEST_BELOW_HOST: Cidr = { addr: 0, len: 31 };

function ruleFor(field: PeerField, action: 'permit' | 'deny', net: Cidr, proto: Proto, ports: PortRange): ContivRule {
  return field === 'src'
    ? internFields(action, proto, net, ANY_CIDR, ANY_PORTS, ports)
    : internFields(action, proto, ANY_CIDR, net, ANY_PORTS, ports);
}

/**
 * The block `other` contributes to `target`'s table, or undefined when `other`'s opposite
 * rules allow everything `target`'s own rules allow with it (then own rules suffice).
 * A pod never blocks itself: traffic to its own address does not pass the vswitch.
 */
export function buildBlock(o: Orientation, target: TablePod, other: TablePod): Block | undefined {
  if (other.key === target.key || !other.opp.isolated) return undefined;
  const field = localPeerField(o);
  const own = allowedAt(target.own, field, other.ip);
  const opp = allowedAt(other.opp, otherField(field), target.ip).set;
  if (setIncludes(opp, own.set)) return undefined;
  const allowed = intersectSets(own.set, opp);
  const rules: ContivRule[] = [];
  const net = hostCidr(other.ip);
  for (const c of CONCRETE_PROTOS) {
    const ranges = allowed.all ? ALL_PORTS_SET : allowed.ports.get(c);
    if (!own.protos.has(c) && !ranges) continue;
    for (const r of ranges ?? []) rules.push(ruleFor(field, 'permit', net, c, r));
    if (!ranges || !isAllPorts(ranges)) rules.push(ruleFor(field, 'deny', net, c, ANY_PORTS));
  }
  rules.push(ruleFor(field, allowed.all ? 'permit' : 'deny', net, ANY_PROTO, ANY_PORTS));
  // Emitted by protocol; within one, ranges of several sizes may need the rule order.
  return { peer: other.ip, rules: isSorted(rules) ? rules : sortRules(rules) };
}

function isSorted(rules: readonly ContivRule[]): boolean {
  for (let i = 1; i < rules.length; i++) if (compareRules(rules[i - 1]!, rules[i]!) >= 0) return false;
  return true;
}

/**
 * The rules of a table's blocks in the rule order, without a general sort: every block rule is
 * for its peer's /32 (the other side "any"), so the order is by protocol, then peer address,
 * then the block's own (sorted) order. Peers sharing an address fall back to a sort.
 */
function blockRules(blocks: readonly Block[]): ContivRule[] {
  const byPeer = blocks.length < 2 ? blocks : [...blocks].sort((a, b) => a.peer - b.peer);
  for (let i = 1; i < byPeer.length; i++) {
    if (byPeer[i - 1]!.peer === byPeer[i]!.peer) return sortRules(blocks.flatMap((b) => b.rules));
  }
  const ranks: ContivRule[][] = [[], [], [], []];
  for (const b of byPeer) for (const r of b.rules) ranks[protoRank(r.proto)]!.push(r);
  return ranks[0]!.concat(ranks[1]!, ranks[2]!, ranks[3]!);
}

/** The local table of `target`: own rules (minus those its blocks replace) plus blocks, sorted. */
export function buildLocalTable(o: Orientation, target: TablePod, blocks: readonly Block[]): readonly ContivRule[] {
  // Without blocks the table is the pod's own (shared, immutable) list: its ID is then hashed once.
  if (blocks.length === 0) return target.own.rules;
  const field = localPeerField(o);
  // Own /32 permits of a blocked peer go (the block replaces them), found by binary search in
  // the sorted own list when the blocks are few: a table whose own rules name none of its
  // blocked peers then keeps the shared own list without a pass over it.
  const dropped = replacedByBlocks(target.own, field, blocks);
  const extra = blockRules(blocks);
  // A table with rules ends in VPP's implicit deny; a pod not isolated itself must stay open.
  // (Allow-all sorts after every rule: protocol "any", both networks "any", permit.)
  if (!target.own.isolated && (extra.length === 0 || extra[extra.length - 1] !== ALLOW_ALL)) extra.push(ALLOW_ALL);
  // Own rules are sorted already (DirectionRules), block rules are put in order above.
  return mergeSortedRules(target.own.rules, extra, dropped);
}

/** The own /32 permits for the blocks' peers (undefined: none). */
function replacedByBlocks(own: DirectionRules, field: PeerField, blocks: readonly Block[]): Set<ContivRule> | undefined {
  let out: Set<ContivRule> | undefined;
  const rules = own.rules;
  // A search per block and protocol pays off when the blocks are few for the list's length.
  if (blocks.length * 64 > rules.length || !searchable(own, field)) {
    const blocked = new Set(blocks.map((b) => b.peer));
    for (const r of rules) {
      const net = field === 'src' ? r.src : r.dst;
      if (r.action === 'permit' && net.len === 32 && blocked.has(net.addr)) (out ??= new Set()).add(r);
    }
    return out;
  }
  for (const b of blocks) {
    const host: Cidr = { addr: b.peer, len: 32 };
    for (let rank = 0; rank < 4; rank++) {
      for (let i = lowerBound(rules, field, rank, host); i < rules.length; i++) {
        const r = rules[i]!;
        const net = field === 'src' ? r.src : r.dst;
        if (protoRank(r.proto) !== rank || net.len !== 32 || net.addr !== b.peer) break;
        if (r.action === 'permit') (out ??= new Set()).add(r);
      }
    }
  }
  return out;
}

/**
 * Two sorted rule lists (each without duplicates) merged, equal rules once, the rules of `a` in
 * `dropped` left out. One pass into one array of the final size at most: this runs for every
 * table an event changes, and intermediate copies of 1 000-rule lists are what the collector
 * pays for.
 */
function mergeSortedRules(a: readonly ContivRule[], b: readonly ContivRule[], dropped?: ReadonlySet<ContivRule>): ContivRule[] {
  if (b.length === 0 && dropped === undefined) return a.slice();
  const out = new Array<ContivRule>(a.length + b.length);
  let k = 0;
  let i = 0;
  if (b.length * 8 < a.length) {
    // A few block rules into a long own list: binary-search their places, copy the runs between.
    for (const r of b) {
      let lo = i;
      let hi = a.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (compareRules(a[mid]!, r) < 0) lo = mid + 1;
        else hi = mid;
      }
      if (dropped === undefined) while (i < lo) out[k++] = a[i++]!;
      else for (; i < lo; i++) if (!dropped.has(a[i]!)) out[k++] = a[i]!;
      if (i < a.length && (a[i] === r || compareRules(a[i]!, r) === 0)) {
        out[k++] = dropped?.has(a[i]!) ? r : a[i]!;
        i++;
      } else out[k++] = r;
    }
    if (dropped === undefined) while (i < a.length) out[k++] = a[i++]!;
    else for (; i < a.length; i++) if (!dropped.has(a[i]!)) out[k++] = a[i]!;
    out.length = k;
    return out;
  }
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && dropped?.has(a[i]!)) {
      i++;
      continue;
    }
    const c = i >= a.length ? 1 : j >= b.length ? -1 : a[i] === b[j] ? 0 : compareRules(a[i]!, b[j]!);
    const r = c <= 0 ? a[i++]! : b[j++]!;
    if (c === 0) j++;
    out[k++] = r;
  }
  out.length = k;
  return out;
}

/** The global table: every pod's opposite rules with the pod's /32 filled in, then allow-the-rest. */
export function buildGlobalTable(o: Orientation, pods: Iterable<TablePod>): ContivRule[] {
  const podField = localPeerField(o);
  const all: ContivRule[] = [];
  for (const p of pods) {
    if (!p.opp.isolated) continue;
    const self = hostCidr(p.ip);
    for (const r of p.opp.rules) all.push(podField === 'src' ? internFields(r.action, r.proto, self, r.dst, r.srcPorts, r.dstPorts) : internFields(r.action, r.proto, r.src, self, r.srcPorts, r.dstPorts));
  }
  if (all.length === 0) return [];
  all.push(ALLOW_ALL);
  return sortRules(all);
}
