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
import { compareRules, contivRule, rulesEqual } from './contiv-rule.ts';
import type { PeerPod } from './policy-cache.ts';
import type { ResolvedPolicy, ResolvedRule } from './policy-resolver.ts';
import type { PortRange } from './port-range.ts';
import { ANY_PORTS, singlePort } from './port-range.ts';
import type { Proto } from './protocol.ts';
import { ANY_PROTO, protoOf } from './protocol.ts';
import type { RuleOrigin } from './rule-origin.ts';

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

/** One allow with its origin. */
interface Entry {
  readonly rule: ContivRule;
  readonly origin: RuleOrigin;
}

function entry(direction: PolicyDirection, peer: Cidr, proto: Proto, ports: PortRange, origin: RuleOrigin): Entry {
  const rule = direction === 'ingress'
    ? contivRule({ action: 'permit', proto, src: peer, dstPorts: ports })
    : contivRule({ action: 'permit', proto, dst: peer, dstPorts: ports });
  return { rule, origin };
}

/** Ports of `pod` named `port.name` with the port's protocol. */
function resolveNamedPort(port: CheckedPort, pod: readonly ContainerPort[]): PortRange[] {
  const out: PortRange[] = [];
  for (const cp of pod) if (cp.name === port.name && protoOf(cp.protocol) === port.proto) out.push(singlePort(cp.containerPort));
  return out;
}

function peersOf(rule: ResolvedRule): Cidr[] {
  return rule.anyPeer ? [ANY_CIDR] : [...rule.pods.map((p) => hostCidr(p.ip)), ...rule.blocks];
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
    for (const pod of pods) for (const range of resolveNamedPort(port, pod.ports)) out.push(entry('egress', hostCidr(pod.ip), port.proto, range, origin));
  }
}

/** Target-independent allows of a resolved policy, built once per resolution. */
interface PolicyEntries {
  readonly ingress: readonly Entry[];
  readonly egress: readonly Entry[];
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
    e = { ingress, egress, ingressNamed: (p.ingress ?? []).filter((r) => r.ports.some((x) => x.name !== undefined)) };
    ENTRIES.set(p, e);
  }
  return e;
}

class DirectionCollector {
  readonly #entries: Entry[] = [];
  readonly #isolatedBy: string[] = [];

  constructor(readonly direction: PolicyDirection) {}

  isolate(policy: string): void {
    this.#isolatedBy.push(policy);
  }

  add(e: Entry): void {
    this.#entries.push(e);
  }

  get isolated(): boolean {
    return this.#isolatedBy.length > 0;
  }

  build(): DirectionRules {
    if (!this.isolated) return OPEN_DIRECTION;
    const isolatedBy = [...this.#isolatedBy].sort();
    // Sort, then merge equal neighbours: duplicates removed in O(n log n), origins kept in order.
    const sorted = this.#entries.sort((a, b) => compareRules(a.rule, b.rule));
    const rules: ContivRule[] = [];
    const origins: RuleOrigin[][] = [];
    for (const e of sorted) {
      const n = rules.length;
      if (n > 0 && compareRules(rules[n - 1]!, e.rule) === 0) origins[n - 1]!.push(e.origin);
      else {
        rules.push(e.rule);
        origins.push([e.origin]);
      }
    }
    // An allow of everything (any protocol, any peer) makes the deny-the-rest unreachable.
    const last = rules[rules.length - 1];
    if (last && last.proto === ANY_PROTO && last.src.len === 0 && last.dst.len === 0) {
      return { ...OPEN_DIRECTION, isolatedBy };
    }
    rules.push(contivRule({ action: 'deny' }));
    origins.push([{ kind: 'isolation', direction: this.direction, policies: isolatedBy }]);
    return { isolated: true, isolatedBy, rules, origins };
  }
}

/**
 * The rules of `target` under `policies` (the policies selecting it, any order).
 * `nodeAddresses` are the addresses of the pod's node: always reachable both ways.
 */
export function buildPodRules(target: TargetPod, policies: readonly ResolvedPolicy[], nodeAddresses: readonly Ip4[]): PodRules {
  const ingress = new DirectionCollector('ingress');
  const egress = new DirectionCollector('egress');
  const sorted = [...policies].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const p of sorted) {
    const e = policyEntries(p);
    if (p.ingress) {
      ingress.isolate(p.key);
      for (const x of e.ingress) ingress.add(x);
      const named: Entry[] = [];
      for (const r of e.ingressNamed) ingressEntries(r, target, named);
      for (const x of named) ingress.add(x);
    }
    if (p.egress) {
      egress.isolate(p.key);
      for (const x of e.egress) egress.add(x);
    }
  }
  for (const [c, direction] of [[ingress, 'ingress'], [egress, 'egress']] as const) {
    if (!c.isolated) continue;
    for (const a of nodeAddresses) c.add(entry(direction, hostCidr(a), ANY_PROTO, ANY_PORTS, { kind: 'node', address: formatIp4(a) }));
  }
  return { pod: target.key, ip: target.ip, ingress: ingress.build(), egress: egress.build() };
}

/** Whether two directions have identical rules. */
export function directionsEqual(a: DirectionRules, b: DirectionRules): boolean {
  return a === b || (a.isolated === b.isolated && rulesEqual(a.rules, b.rules));
}

/** Whether two rule sets of a pod are identical. */
export function podRulesEqual(a: PodRules, b: PodRules): boolean {
  return a.ip === b.ip && directionsEqual(a.ingress, b.ingress) && directionsEqual(a.egress, b.egress);
}
