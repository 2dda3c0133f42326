/**
 * @module ContivRule: one renderer-neutral rule (vswitch view, spec §0) and the total order
 * of spec §3.5 extended with protocol ANY and port ranges.
 *
 * The order is a linear extension of containment: if rule A matches a subset of the traffic
 * rule B matches, A sorts first. Tables built so that overlapping rules are nested (or carry
 * the same verdict) therefore keep their first-match meaning when sorted, which makes sorted
 * tables canonical (content-addressable).
 */
import type { Cidr, Ip4 } from '../net/ipv4.ts';
import { ANY_CIDR, cidrContains, formatCidr } from '../net/ipv4.ts';
import type { PortRange } from './port-range.ts';
import { ANY_PORTS, comparePortRanges, formatPortRange, portInRange } from './port-range.ts';
import type { Proto } from './protocol.ts';
import { ANY_PROTO, formatProto, protoRank } from './protocol.ts';

/** What a rule does with matching traffic. */
export type RuleAction = 'deny' | 'permit';

/** A rule. `0.0.0.0/0` networks and the full port range mean "any". */
export interface ContivRule {
  readonly action: RuleAction;
  readonly proto: Proto;
  readonly src: Cidr;
  readonly dst: Cidr;
  readonly srcPorts: PortRange;
  readonly dstPorts: PortRange;
}

/** Which address field of a rule names the peer (the other field is the pod itself). */
export type PeerField = 'src' | 'dst';

/** A packet as rules see it (ports are ignored for protocols without ports). */
export interface RulePacket {
  readonly proto: number;
  readonly src: Ip4;
  readonly dst: Ip4;
  readonly srcPort: number;
  readonly dstPort: number;
}

/** Builds a rule; omitted fields mean "any". */
export function contivRule(r: Partial<ContivRule> & { readonly action: RuleAction }): ContivRule {
  return {
    action: r.action,
    proto: r.proto ?? ANY_PROTO,
    src: r.src ?? ANY_CIDR,
    dst: r.dst ?? ANY_CIDR,
    srcPorts: r.srcPorts ?? ANY_PORTS,
    dstPorts: r.dstPorts ?? ANY_PORTS,
  };
}

/** Interned rules by field, level by level (numbers only: no key strings to build). */
type InternLevel<T> = Map<number, T>;
type InternTable = InternLevel<InternLevel<InternLevel<InternLevel<ContivRule>>>>;

/** Rules interned since the last generation change (and the generation before), see {@linkcode internRule}. */
const INTERNED: { current: InternTable; previous: InternTable; size: number } = { current: new Map(), previous: new Map(), size: 0 };

/** Entries of one intern generation; the older one is dropped when the newer is full. */
const INTERN_GENERATION = 200_000;

function internLevel<T>(m: InternLevel<T>, k: number, make: () => T): T {
  let v = m.get(k);
  if (v === undefined) m.set(k, (v = make()));
  return v;
}

/**
 * The canonical object of a rule value: equal rules built anywhere (by several policies, by
 * successive resolutions of one policy, in several tables) become one object, so the caches
 * keyed by rule identity downstream (ACL conversion, reconciler checks, the simulator) convert
 * each value once, and unchanged rules stay the same objects across recomputations. Rules are
 * immutable. The table keeps two generations of {@linkcode INTERN_GENERATION} entries, so values
 * nobody builds any more are eventually forgotten.
 */
export function internRule(r: ContivRule): ContivRule {
  return internFields(r.action, r.proto, r.src, r.dst, r.srcPorts, r.dstPorts, r);
}

/**
 * {@linkcode internRule} of the rule with these fields, built only when no equal rule is
 * interned: rules are built by the ten thousand on an event, nearly all of them found, and
 * a temporary object per lookup is what the collector pays for. `given`: an object with these
 * fields to keep instead of building one.
 */
export function internFields(action: RuleAction, proto: Proto, src: Cidr, dst: Cidr, srcPorts: PortRange, dstPorts: PortRange, given?: ContivRule): ContivRule {
  const k1 = (src.addr * 64 + src.len) * 2 + (action === 'permit' ? 1 : 0);
  const k2 = (dst.addr * 64 + dst.len) * 256 + proto;
  const k3 = srcPorts.first * 65536 + srcPorts.last;
  const k4 = dstPorts.first * 65536 + dstPorts.last;
  const found = INTERNED.current.get(k1)?.get(k2)?.get(k3)?.get(k4);
  if (found) return found;
  const old = INTERNED.previous.get(k1)?.get(k2)?.get(k3)?.get(k4);
  if (INTERNED.size >= INTERN_GENERATION) {
    INTERNED.previous = INTERNED.current;
    INTERNED.current = new Map();
    INTERNED.size = 0;
  }
  const level4 = internLevel(internLevel(internLevel(INTERNED.current, k1, () => new Map()), k2, () => new Map()), k3, () => new Map());
  const canonical = old ?? given ?? { action, proto, src, dst, srcPorts, dstPorts };
  level4.set(k4, canonical);
  INTERNED.size++;
  return canonical;
}

/** The rule denying everything. */
export const DENY_ALL: ContivRule = internRule(contivRule({ action: 'deny' }));
/** The rule allowing everything. */
export const ALLOW_ALL: ContivRule = internRule(contivRule({ action: 'permit' }));

/**
 * Order of networks: longer prefixes first (a nested network always precedes its
 * container), equal lengths by address; "any" (/0) last.
 */
export function compareNetworks(a: Cidr, b: Cidr): number {
  return b.len - a.len || a.addr - b.addr;
}

/** The total rule order: protocol, source, destination, source ports, destination ports, action (deny first). */
export function compareRules(a: ContivRule, b: ContivRule): number {
  return (
    protoRank(a.proto) - protoRank(b.proto) ||
    compareNetworks(a.src, b.src) ||
    compareNetworks(a.dst, b.dst) ||
    comparePortRanges(a.srcPorts, b.srcPorts) ||
    comparePortRanges(a.dstPorts, b.dstPorts) ||
    (a.action === b.action ? 0 : a.action === 'deny' ? -1 : 1)
  );
}

/** Canonical text of a rule; equal rules have equal keys. */
export function ruleKey(r: ContivRule): string {
  return `${r.action === 'permit' ? 'P' : 'D'}|${r.proto}|${r.src.addr}/${r.src.len}|${r.dst.addr}/${r.dst.len}|${r.srcPorts.first}-${r.srcPorts.last}|${r.dstPorts.first}-${r.dstPorts.last}`;
}

/** Sorts by the total order and drops exact duplicates (O(n log n), no pairwise scan). */
export function sortRules(rules: readonly ContivRule[]): ContivRule[] {
  const sorted = [...rules].sort(compareRules);
  const out: ContivRule[] = [];
  for (const r of sorted) {
    const prev = out[out.length - 1];
    if (prev && compareRules(prev, r) === 0) continue;
    out.push(r);
  }
  return out;
}

/** Whether two rule lists are identical. */
export function rulesEqual(a: readonly ContivRule[], b: readonly ContivRule[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && compareRules(a[i]!, b[i]!) !== 0) return false;
  return true;
}

/** Whether `r` matches packet `p`. */
export function ruleMatches(r: ContivRule, p: RulePacket): boolean {
  if (r.proto !== ANY_PROTO && r.proto !== p.proto) return false;
  if (!cidrContains(r.src, p.src) || !cidrContains(r.dst, p.dst)) return false;
  if (r.proto === ANY_PROTO) return true;
  return portInRange(r.srcPorts, p.srcPort) && portInRange(r.dstPorts, p.dstPort);
}

/** First matching rule's action, or undefined when none matches. */
export function firstMatch(rules: readonly ContivRule[], p: RulePacket): RuleAction | undefined {
  for (const r of rules) if (ruleMatches(r, p)) return r.action;
  return undefined;
}

/** `permit TCP 10.0.0.0/8:* -> any:80` */
export function formatRule(r: ContivRule): string {
  const net = (c: Cidr): string => (c.len === 0 ? 'any' : formatCidr(c));
  const ports = (pr: PortRange): string => (r.proto === ANY_PROTO ? '' : `:${formatPortRange(pr)}`);
  return `${r.action} ${formatProto(r.proto)} ${net(r.src)}${ports(r.srcPorts)} -> ${net(r.dst)}${ports(r.dstPorts)}`;
}
