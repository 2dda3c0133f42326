/**
 * @module The configurator: a local pod's policies → its two rule lists (spec §3.4, upstream
 * semantics). Pod view in, vswitch-view rules out:
 * - ingress (traffic into the pod): `src` = peer, `dst` = any (the pod);
 * - egress (traffic from the pod): `src` = any (the pod), `dst` = peer.
 * Each list is the union of the allows (PERMIT rules, sorted and deduplicated) followed by one
 * DENY of everything when the pod is isolated in that direction; empty = not isolated.
 *
 * The allows of a policy that do not depend on the target pod (everything but ingress named
 * ports) are built once per resolved policy and shared by all pods it selects.
 */
import type { ContainerPort } from '../ksr/model.ts';
import type { Cidr, Ip4 } from '../net/ipv4.ts';
import { ANY_CIDR, formatIp4, hostCidr } from '../net/ipv4.ts';
import type { CheckedPort, PolicyDirection } from './checked-policy.ts';
import type { ContivRule } from './contiv-rule.ts';
import { DENY_ALL, internFields, rulesEqual } from './contiv-rule.ts';
import type { PeerPod } from './policy-cache.ts';
import type { ResolvedPolicy, ResolvedRule } from './policy-resolver.ts';
import type { PortRange } from './port-range.ts';
import { ANY_PORTS, singlePort } from './port-range.ts';
import type { Proto } from './protocol.ts';
import { ANY_PROTO, protoOf } from './protocol.ts';
import type { Entry, GroupPatch, OriginOrder, RuleGroup } from './rule-group.ts';
import { groupEntries, mergeGroups, patchesBetween, patchGroup, recordPatch } from './rule-group.ts';
import type { RuleOrigin } from './rule-origin.ts';
import { formatOrigin } from './rule-origin.ts';

/** One direction of a pod's rules. */
export interface DirectionRules {
  /**
   * The pod is isolated in this direction (some policy listing it selects the pod) and the
   * union of its allows is not everything: `rules` filter traffic. An isolated pod whose
   * policies allow everything has no rules (nothing to filter).
   */
  readonly isolated: boolean;
  /** Keys of the policies selecting the pod for this direction, sorted. */
  readonly isolatedBy: readonly string[];
  /** Sorted rules: PERMITs, then DENY-all when isolated. */
  readonly rules: readonly ContivRule[];
  /** Origins of each rule (parallel to `rules`). */
  readonly origins: readonly (readonly RuleOrigin[])[];
}

/** The rules of one local pod. */
export interface PodRules {
  /** `namespace/name`. */
  readonly pod: string;
  readonly ip: Ip4;
  readonly ingress: DirectionRules;
  readonly egress: DirectionRules;
}

/** A local pod as the configurator needs it. */
export interface TargetPod {
  readonly key: string;
  readonly ip: Ip4;
  readonly ports: readonly ContainerPort[];
}

/** A direction with no policy: everything allowed. */
export const OPEN_DIRECTION: DirectionRules = { isolated: false, isolatedBy: [], rules: [], origins: [] };

function entry(direction: PolicyDirection, peer: Cidr, proto: Proto, ports: PortRange, origin: RuleOrigin): Entry {
  const rule = direction === 'ingress'
    ? internFields('permit', proto, peer, ANY_CIDR, ANY_PORTS, ports)
    : internFields('permit', proto, ANY_CIDR, peer, ANY_PORTS, ports);
  return { rule, origin };
}

/** Ports of `pod` named `port.name` with the port's protocol. */
function resolveNamedPort(port: CheckedPort, pod: readonly ContainerPort[]): PortRange[] {
  const out: PortRange[] = [];
  for (const cp of pod) if (cp.name === port.name && protoOf(cp.protocol) === port.proto) out.push(singlePort(cp.containerPort));
  return out;
}

function peersOf(rule: ResolvedRule): Cidr[] {
  return rule.anyPeer ? [ANY_CIDR] : [...rule.pods.map((p) => p.cidr), ...rule.blocks];
}

/** Ingress allows of `rule`; with `target`, only those of its named ports, else only the others. */
function ingressEntries(rule: ResolvedRule, target: TargetPod | undefined, out: Entry[]): void {
  const origin: RuleOrigin = { kind: 'policy', ref: rule.ref };
  const ports: { proto: Proto; range: PortRange }[] = [];
  if (rule.allTraffic) {
    if (!target) ports.push({ proto: ANY_PROTO, range: ANY_PORTS });
  } else {
    for (const p of rule.ports) {
      if (p.name === undefined) {
        if (!target) ports.push({ proto: p.proto, range: p.range! });
      } else if (target) {
        for (const range of resolveNamedPort(p, target.ports)) ports.push({ proto: p.proto, range });
      }
    }
  }
  if (ports.length === 0) return;
  for (const peer of peersOf(rule)) for (const p of ports) out.push(entry('ingress', peer, p.proto, p.range, origin));
}

function egressEntries(rule: ResolvedRule, out: Entry[]): void {
  const origin: RuleOrigin = { kind: 'policy', ref: rule.ref };
  const peers = peersOf(rule);
  if (rule.allTraffic) {
    for (const peer of peers) out.push(entry('egress', peer, ANY_PROTO, ANY_PORTS, origin));
    return;
  }
  for (const port of rule.ports) {
    if (port.name === undefined) {
      for (const peer of peers) out.push(entry('egress', peer, port.proto, port.range!, origin));
      continue;
    }
    // Named ports resolve against each destination pod; ipBlock peers have none.
    const pods: readonly PeerPod[] = rule.anyPeer ? rule.namedPortPods : rule.pods;
    for (const pod of pods) for (const range of resolveNamedPort(port, pod.ports)) out.push(entry('egress', pod.cidr, port.proto, range, origin));
  }
}

const ruleIndexOf: OriginOrder = (o) => (o.kind === 'policy' ? o.ref.rule : -1);

/** The entries one pod peer (`cidr`) gives a rule without named ports. */
function peerEntries(rule: ResolvedRule, cidr: Cidr, out: Entry[]): void {
  const origin: RuleOrigin = { kind: 'policy', ref: rule.ref };
  const direction = rule.ref.direction;
  if (rule.allTraffic) {
    out.push(entry(direction, cidr, ANY_PROTO, ANY_PORTS, origin));
    return;
  }
  for (const p of rule.ports) if (p.name === undefined) out.push(entry(direction, cidr, p.proto, p.range!, origin));
}

/** One rule's change of pod peers: `removed` left it, `added` joined it (both: the pod changed its address). */
export interface PeerPatch {
  /** The rule after the change. */
  readonly rule: ResolvedRule;
  readonly removed?: PeerPod;
  readonly added?: PeerPod;
}

/**
 * Gives `next` the allows of `prev` patched by `patches`, when `next` differs from `prev` only in
 * the pod peers of rules without named ports: the groups are patched, not rebuilt (a pod joining
 * a peer set costs its own rules, not the policy's). The result equals a rebuild. Nothing is
 * done when `prev`'s allows were never built (`next`'s are then built when first needed).
 */
export function patchPolicyEntries(prev: ResolvedPolicy, next: ResolvedPolicy, patches: readonly PeerPatch[]): void {
  const e = ENTRIES.get(prev);
  if (!e) return;
  const patch = (direction: PolicyDirection, group: RuleGroup): RuleGroup => {
    const removed: Entry[] = [];
    const added: Entry[] = [];
    for (const p of patches) {
      if (p.rule.ref.direction !== direction) continue;
      if (p.removed) peerEntries(p.rule, p.removed.cidr, removed);
      if (p.added) peerEntries(p.rule, p.added.cidr, added);
    }
    if (removed.length === 0 && added.length === 0) return group;
    const addedGroup = groupEntries(added);
    const next = patchGroup(group, removed, addedGroup, ruleIndexOf);
    recordPatch(next, { from: group, removed, added: addedGroup });
    return next;
  };
  ENTRIES.set(next, { ingress: patch('ingress', e.ingress), egress: patch('egress', e.egress), ingressNamed: e.ingressNamed });
}

/** Target-independent allows of a resolved policy, built (and grouped) once per resolution. */
interface PolicyEntries {
  readonly ingress: RuleGroup;
  readonly egress: RuleGroup;
  /** Ingress rules with named ports (resolved per target pod). */
  readonly ingressNamed: readonly ResolvedRule[];
}

const ENTRIES = new WeakMap<ResolvedPolicy, PolicyEntries>();

function policyEntries(p: ResolvedPolicy): PolicyEntries {
  let e = ENTRIES.get(p);
  if (!e) {
    const ingress: Entry[] = [];
    const egress: Entry[] = [];
    for (const r of p.ingress ?? []) ingressEntries(r, undefined, ingress);
    for (const r of p.egress ?? []) egressEntries(r, egress);
    e = { ingress: groupEntries(ingress), egress: groupEntries(egress), ingressNamed: (p.ingress ?? []).filter((r) => r.ports.some((x) => x.name !== undefined)) };
    ENTRIES.set(p, e);
  }
  return e;
}

const NODE_GROUPS = new WeakMap<readonly Ip4[], { readonly ingress: RuleGroup; readonly egress: RuleGroup }>();

/** The always-allowed node addresses of one direction, as a group (one object per address list). */
function nodeGroup(direction: PolicyDirection, nodeAddresses: readonly Ip4[]): RuleGroup {
  let g = NODE_GROUPS.get(nodeAddresses);
  if (!g) {
    const build = (d: PolicyDirection): RuleGroup =>
      groupEntries(nodeAddresses.map((a) => entry(d, hostCidr(a), ANY_PROTO, ANY_PORTS, { kind: 'node', address: formatIp4(a) })));
    NODE_GROUPS.set(nodeAddresses, (g = { ingress: build('ingress'), egress: build('egress') }));
  }
  return g[direction];
}

/** The rules of one direction from the groups of the policies isolating it (in policy order), the node's group last. */
function buildDirection(direction: PolicyDirection, isolatedBy: readonly string[], parts: RuleGroup[], node: RuleGroup): DirectionRules {
  if (isolatedBy.length === 0) return OPEN_DIRECTION;
  // The deny-the-rest sorts after every permit but an allow of everything, so it joins the
  // merge (no copy of the merged list to append it).
  parts.push(node, { rules: [DENY_ALL], origins: [[{ kind: 'isolation', direction, policies: isolatedBy }]] });
  const merged = mergeGroups(parts);
  // An allow of everything (any protocol, any peer) makes the deny-the-rest unreachable.
  const last = merged.rules[merged.rules.length - 1]!;
  if (last.action === 'permit' && last.proto === ANY_PROTO && last.src.len === 0 && last.dst.len === 0) {
    return { ...OPEN_DIRECTION, isolatedBy };
  }
  return { isolated: true, isolatedBy, rules: merged.rules, origins: merged.origins };
}

/**
 * Directions already built in one processing pass, by direction and policy set: pods selected
 * by the same policies share one (immutable) rule list, which later stages compare by identity.
 */
export type DirectionMemo = Map<string, DirectionRules>;

/** A direction with the groups it was merged from (see {@linkcode DirectionCache}). */
export interface CachedDirection {
  readonly parts: readonly RuleGroup[];
  readonly node: RuleGroup;
  readonly dir: DirectionRules;
}

/**
 * Directions across passes, by the same key as {@linkcode DirectionMemo}: when only some of a
 * direction's policy groups were patched since (a pod joined or left their peers), the same
 * patches are applied to the direction instead of merging all its groups again.
 */
export type DirectionCache = Map<string, CachedDirection>;

/** Origins within a direction: by policy (in `isolatedBy` order) and rule, then the node's, then the isolation deny. */
function directionOrder(isolatedBy: readonly string[]): OriginOrder {
  const rank = new Map(isolatedBy.map((k, i) => [k, i]));
  return (o) => (o.kind === 'policy' ? (rank.get(o.ref.policy) ?? 0) * 65_536 + o.ref.rule : o.kind === 'node' ? 2 ** 40 : 2 ** 41);
}

/** `cached` brought up to `parts` by the patches recorded between their groups, or undefined when it cannot be. */
function deriveDirection(cached: CachedDirection, parts: readonly RuleGroup[], node: RuleGroup, isolatedBy: readonly string[]): DirectionRules | undefined {
  if (cached.node !== node || cached.parts.length !== parts.length) return undefined;
  // The same groups give the same direction (isolatedBy is part of the key), open or isolated.
  if (parts.every((p, i) => p === cached.parts[i])) return cached.dir;
  if (!cached.dir.isolated) return undefined;
  const patches: GroupPatch[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (parts[i] === cached.parts[i]) continue;
    const p = patchesBetween(cached.parts[i]!, parts[i]!);
    if (!p) return undefined;
    patches.push(...p);
  }
  if (patches.length === 0) return cached.dir;
  const order = directionOrder(isolatedBy);
  let g: RuleGroup = cached.dir;
  for (const p of patches) g = patchGroup(g, p.removed, p.added, order);
  const last = g.rules[g.rules.length - 1];
  if (!last || last.action !== 'deny') return undefined;
  return { isolated: true, isolatedBy, rules: g.rules, origins: g.origins };
}

/**
 * The rules of `target` under `policies` (the policies selecting it, any order).
 * `nodeAddresses` are the addresses of the pod's node: always reachable both ways. With
 * `memo` (valid while the resolved policies and node addresses stay the same), pods with the
 * same policies get the same rule lists.
 */
export function buildPodRules(
  target: TargetPod,
  policies: readonly ResolvedPolicy[],
  nodeAddresses: readonly Ip4[],
  memo?: DirectionMemo,
  cache?: DirectionCache,
): PodRules {
  const sorted = [...policies].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const ingressBy = sorted.filter((p) => p.ingress).map((p) => p.key);
  const egressBy = sorted.filter((p) => p.egress).map((p) => p.key);
  const named = sorted.some((p) => p.ingress && policyEntries(p).ingressNamed.length > 0);
  // Ingress rules with named ports depend on the target's container ports.
  const ingressKey = `i|${ingressBy.join(' ')}${named ? `|${JSON.stringify(target.ports)}` : ''}`;
  const egressKey = `e|${egressBy.join(' ')}`;
  let ingress = memo?.get(ingressKey);
  if (!ingress) {
    const parts: RuleGroup[] = [];
    for (const p of sorted) {
      if (!p.ingress) continue;
      const e = policyEntries(p);
      parts.push(e.ingress);
      if (e.ingressNamed.length > 0) {
        const own: Entry[] = [];
        for (const r of e.ingressNamed) ingressEntries(r, target, own);
        parts.push(groupEntries(own));
      }
    }
    ingress = directionOf('ingress', ingressKey, ingressBy, parts, nodeGroup('ingress', nodeAddresses), cache);
    memo?.set(ingressKey, ingress);
  }
  let egress = memo?.get(egressKey);
  if (!egress) {
    const parts = sorted.filter((p) => p.egress).map((p) => policyEntries(p).egress);
    egress = directionOf('egress', egressKey, egressBy, parts, nodeGroup('egress', nodeAddresses), cache);
    memo?.set(egressKey, egress);
  }
  return { pod: target.key, ip: target.ip, ingress, egress };
}

/** The direction from `parts`: derived from the cached one when possible, else merged. */
function directionOf(direction: PolicyDirection, key: string, isolatedBy: readonly string[], parts: RuleGroup[], node: RuleGroup, cache: DirectionCache | undefined): DirectionRules {
  const cached = cache?.get(key);
  const derived = cached && deriveDirection(cached, parts, node, isolatedBy);
  const dir = derived ?? buildDirection(direction, isolatedBy, [...parts], node);
  cache?.set(key, { parts, node, dir });
  return dir;
}

/** Whether two directions have identical rules. */
export function directionsEqual(a: DirectionRules, b: DirectionRules): boolean {
  return a === b || (a.isolated === b.isolated && rulesEqual(a.rules, b.rules));
}

/** Whether two rule sets of a pod are identical. */
export function podRulesEqual(a: PodRules, b: PodRules): boolean {
  return a.ip === b.ip && directionsEqual(a.ingress, b.ingress) && directionsEqual(a.egress, b.egress);
}

function originsSame(a: readonly (readonly RuleOrigin[])[], b: readonly (readonly RuleOrigin[])[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (x.length !== y.length || x.some((o, j) => formatOrigin(o) !== formatOrigin(y[j]!))) return false;
  }
  return true;
}

function directionsSame(a: DirectionRules, b: DirectionRules): boolean {
  return a === b || (directionsEqual(a, b) && a.isolatedBy.join(' ') === b.isolatedBy.join(' ') && originsSame(a.origins, b.origins));
}

/** Whether two rule sets of a pod are identical, including where each rule comes from (what explanations show). */
export function podRulesSame(a: PodRules, b: PodRules): boolean {
  return a.ip === b.ip && directionsSame(a.ingress, b.ingress) && directionsSame(a.egress, b.egress);
}
