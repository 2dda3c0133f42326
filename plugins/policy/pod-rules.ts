/**
 * @module The configurator: a local pod's policies → its two rule lists (spec §3.4, upstream
 * semantics). Pod view in, vswitch-view rules out:
 * - ingress (traffic into the pod): `src` = peer, `dst` = any (the pod);
 * - egress (traffic from the pod): `src` = any (the pod), `dst` = peer.
 * Each list is the union of the allows (PERMIT rules, sorted and deduplicated) followed by one
 * DENY of everything when the pod is isolated in that direction; empty = not isolated.
 */
import type { ContainerPort } from '../ksr/model.ts';
import type { Cidr, Ip4 } from '../net/ipv4.ts';
import { ANY_CIDR, formatIp4, hostCidr } from '../net/ipv4.ts';
import type { CheckedPort, PolicyDirection } from './checked-policy.ts';
import type { ContivRule } from './contiv-rule.ts';
import { compareRules, contivRule, ruleKey } from './contiv-rule.ts';
import type { PeerPod, ResolvedPolicy, ResolvedRule } from './policy-resolver.ts';
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
  /** Canonical text of `rules`: equal signatures ⇔ equal lists. */
  readonly signature: string;
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
export const OPEN_DIRECTION: DirectionRules = { isolated: false, isolatedBy: [], rules: [], origins: [], signature: '' };

/** Ports of `pod` named `port.name` with the port's protocol. */
function resolveNamedPort(port: CheckedPort, pod: readonly ContainerPort[]): PortRange[] {
  const out: PortRange[] = [];
  for (const cp of pod) if (cp.name === port.name && protoOf(cp.protocol) === port.proto) out.push(singlePort(cp.containerPort));
  return out;
}

class DirectionCollector {
  readonly #entries = new Map<string, { rule: ContivRule; origins: RuleOrigin[] }>();
  readonly #isolatedBy: string[] = [];

  constructor(readonly direction: PolicyDirection) {}

  isolate(policy: string): void {
    this.#isolatedBy.push(policy);
  }

  permit(peer: Cidr, proto: Proto, ports: PortRange, origin: RuleOrigin): void {
    const rule = this.direction === 'ingress'
      ? contivRule({ action: 'permit', proto, src: peer, dstPorts: ports })
      : contivRule({ action: 'permit', proto, dst: peer, dstPorts: ports });
    const key = ruleKey(rule);
    const e = this.#entries.get(key);
    if (e) e.origins.push(origin);
    else this.#entries.set(key, { rule, origins: [origin] });
  }

  get isolated(): boolean {
    return this.#isolatedBy.length > 0;
  }

  build(): DirectionRules {
    if (!this.isolated) return OPEN_DIRECTION;
    const isolatedBy = [...this.#isolatedBy].sort();
    const entries = [...this.#entries.values()].sort((a, b) => compareRules(a.rule, b.rule));
    // An allow of everything (any protocol, any peer) makes the deny-the-rest unreachable.
    const last = entries[entries.length - 1];
    if (last && last.rule.proto === ANY_PROTO && last.rule.src.len === 0 && last.rule.dst.len === 0) {
      return { ...OPEN_DIRECTION, isolatedBy };
    }
    const rules = entries.map((e) => e.rule);
    const origins: RuleOrigin[][] = entries.map((e) => e.origins);
    rules.push(contivRule({ action: 'deny' }));
    origins.push([{ kind: 'isolation', direction: this.direction, policies: isolatedBy }]);
    return { isolated: true, isolatedBy, rules, origins, signature: rules.map(ruleKey).join('\n') };
  }
}

function addIngressRule(c: DirectionCollector, rule: ResolvedRule, target: TargetPod): void {
  const origin: RuleOrigin = { kind: 'policy', ref: rule.ref };
  const peers: Cidr[] = rule.anyPeer ? [ANY_CIDR] : [...rule.pods.map((p) => hostCidr(p.ip)), ...rule.blocks];
  const ports: { proto: Proto; range: PortRange }[] = rule.allTraffic
    ? [{ proto: ANY_PROTO, range: ANY_PORTS }]
    : rule.ports.flatMap((p) =>
      p.name !== undefined ? resolveNamedPort(p, target.ports).map((range) => ({ proto: p.proto, range })) : [{ proto: p.proto, range: p.range! }]
    );
  for (const peer of peers) for (const p of ports) c.permit(peer, p.proto, p.range, origin);
}

function addEgressRule(c: DirectionCollector, rule: ResolvedRule): void {
  const origin: RuleOrigin = { kind: 'policy', ref: rule.ref };
  const peers: Cidr[] = rule.anyPeer ? [ANY_CIDR] : [...rule.pods.map((p) => hostCidr(p.ip)), ...rule.blocks];
  if (rule.allTraffic) {
    for (const peer of peers) c.permit(peer, ANY_PROTO, ANY_PORTS, origin);
    return;
  }
  for (const port of rule.ports) {
    if (port.name === undefined) {
      for (const peer of peers) c.permit(peer, port.proto, port.range!, origin);
      continue;
    }
    // Named ports resolve against each destination pod; ipBlock peers have none.
    const pods: readonly PeerPod[] = rule.anyPeer ? rule.namedPortPods : rule.pods;
    for (const pod of pods) for (const range of resolveNamedPort(port, pod.ports)) c.permit(hostCidr(pod.ip), port.proto, range, origin);
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
    if (p.ingress) {
      ingress.isolate(p.key);
      for (const r of p.ingress) addIngressRule(ingress, r, target);
    }
    if (p.egress) {
      egress.isolate(p.key);
      for (const r of p.egress) addEgressRule(egress, r);
    }
  }
  for (const c of [ingress, egress]) {
    if (!c.isolated) continue;
    for (const a of nodeAddresses) c.permit(hostCidr(a), ANY_PROTO, ANY_PORTS, { kind: 'node', address: formatIp4(a) });
  }
  return { pod: target.key, ip: target.ip, ingress: ingress.build(), egress: egress.build() };
}

/** Whether two rule sets of a pod are identical. */
export function podRulesEqual(a: PodRules, b: PodRules): boolean {
  return a.ip === b.ip && a.ingress.signature === b.ingress.signature && a.egress.signature === b.egress.signature;
}
