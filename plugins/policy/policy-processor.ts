/**
 * @module PolicyProcessor: keeps the Kubernetes state, works out which **local** pods' rules
 * can change with each input (a correct superset, kept small through per-policy target sets
 * and selector checks against the old and new object), and recomputes only those.
 *
 * Local pods are the pods wired on this node (CONTIV_API local pods): their own IP comes from
 * there, their labels and ports from the Kubernetes state. A local pod is rendered once both
 * are known; a pod that moves to another node simply stops being local here.
 */
import type { BadInputError } from '../../core/errors.ts';
import type { Labels, Namespace, NetworkPolicy, Pod } from '../ksr/model.ts';
import type { Ip4 } from '../net/ipv4.ts';
import type { CheckedPolicy, CheckedRule } from './checked-policy.ts';
import { checkPolicy } from './checked-policy.ts';
import { selectorMatches } from './label-selector.ts';
import { patchResolvedPolicy, peerFieldsEqual, policyDependsOnPod } from './peer-patch.ts';
import type { DirectionCache, DirectionMemo, DirectionRules, PodRules } from './pod-rules.ts';
import { buildPodRules, patchPolicyEntries, podRulesSame } from './pod-rules.ts';
import type { PeerPod } from './policy-cache.ts';
import { objectKey, PolicyCache } from './policy-cache.ts';
import type { PeerMemo, ResolvedPolicy } from './policy-resolver.ts';
import { resolvePolicy } from './policy-resolver.ts';
import { protoOf } from './protocol.ts';

/** A pod wired on this node: its key and the IP it was given here. */
export interface LocalPodRef {
  readonly key: string;
  readonly ip: Ip4;
}

/** New rules of a local pod, or `rules` undefined when it is no longer rendered. */
export interface PodRulesChange {
  readonly pod: string;
  readonly rules?: PodRules;
}

/** The complete Kubernetes state (resync input). */
export interface PolicyState {
  readonly namespaces: readonly Namespace[];
  readonly pods: readonly Pod[];
  readonly policies: readonly NetworkPolicy[];
}

/** Counters of the last flush (for benchmarks and status). */
export interface ProcessorStats {
  readonly policiesResolved: number;
  readonly podsRecomputed: number;
  readonly podsChanged: number;
}

function labelsEqual(a: Labels, b: Labels): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && a[k] === b[k]);
}

function rulesOf(p: CheckedPolicy): readonly CheckedRule[] {
  return [...(p.ingress ?? []), ...(p.egress ?? [])];
}

/** What one flush shares between its pods (the state does not change during a flush). */
interface Pass {
  readonly peers: PeerMemo;
  readonly directions: DirectionMemo;
}

/** Incremental processor: inputs mark work, {@linkcode PolicyProcessor.flush} does it. */
export class PolicyProcessor {
  readonly cache = new PolicyCache();
  readonly #checked = new Map<string, CheckedPolicy>();
  readonly #local = new Map<string, LocalPodRef>();
  readonly #targets = new Map<string, Set<string>>();
  readonly #active = new Map<string, Set<string>>();
  readonly #resolved = new Map<string, ResolvedPolicy>();
  readonly #rules = new Map<string, PodRules>();
  #nodeAddresses: readonly Ip4[] = [];
  /** Policies with issues, and with named ports (status reports iterate only these). */
  readonly #withIssues = new Set<string>();
  readonly #named = new Set<string>();
  #issues: readonly BadInputError[] | undefined;
  /** Directions across flushes, for patching instead of re-merging (pruned to those in use). */
  #directions: DirectionCache = new Map();
  /** See {@linkcode PolicyProcessor.#peerCandidates}. */
  readonly #candidates = new Map<string, readonly string[]>();
  readonly #dirtyPods = new Set<string>();
  readonly #dirtyPolicies = new Set<string>();
  #stats: ProcessorStats = { policiesResolved: 0, podsRecomputed: 0, podsChanged: 0 };

  /** Replaces all state; the next flush reports every rendered pod as new (renderers start empty). */
  resync(state: PolicyState, localPods: readonly LocalPodRef[], nodeAddresses: readonly Ip4[]): void {
    this.#rules.clear();
    this.#dirtyPods.clear();
    this.cache.clear();
    this.#checked.clear();
    this.#withIssues.clear();
    this.#named.clear();
    this.#issues = undefined;
    this.#candidates.clear();
    this.#directions = new Map();
    this.#local.clear();
    this.#targets.clear();
    this.#active.clear();
    this.#resolved.clear();
    this.#dirtyPolicies.clear();
    this.#nodeAddresses = [...nodeAddresses];
    for (const ns of state.namespaces) this.cache.putNamespace(ns);
    for (const pod of state.pods) this.cache.putPod(pod);
    for (const p of state.policies) {
      this.cache.putPolicy(p);
      this.#setChecked(objectKey(p), checkPolicy(p));
    }
    for (const l of localPods) {
      this.#local.set(l.key, l);
      this.#dirtyPods.add(l.key);
      this.#retarget(l.key);
    }
  }

  /** A namespace was put (`ns`) or deleted (`ns` undefined). */
  namespaceChanged(name: string, ns: Namespace | undefined): void {
    const before = this.cache.namespaceLabels(name);
    if (ns) this.cache.putNamespace(ns);
    else this.cache.deleteNamespace(name);
    const after = this.cache.namespaceLabels(name);
    if (labelsEqual(before, after)) return;
    this.#candidates.clear();
    for (const [pk, targets] of this.#active) {
      const checked = this.#checked.get(pk)!;
      const affected = rulesOf(checked).some((r) =>
        r.peers.some((peer) =>
          peer.kind === 'pods' && peer.namespaceSelector !== undefined &&
          selectorMatches(peer.namespaceSelector, before) !== selectorMatches(peer.namespaceSelector, after)
        )
      );
      if (affected) this.#touchPolicy(pk, targets);
    }
  }

  /** A pod was put (`pod`) or deleted (`pod` undefined). */
  podChanged(key: string, pod: Pod | undefined): void {
    const old = this.cache.pod(key);
    if (pod) this.cache.putPod(pod);
    else this.cache.deletePod(key);
    if (this.#local.has(key)) {
      this.#retarget(key);
      this.#dirtyPods.add(key);
    }
    if (old && pod && old.namespace === pod.namespace && labelsEqual(old.labels, pod.labels) && peerFieldsEqual(old, pod)) return;
    const newPeer = this.cache.peerPod(key);
    const candidates = new Set([...(old ? this.#peerCandidates(old.namespace) : []), ...(pod ? this.#peerCandidates(pod.namespace) : [])]);
    for (const pk of candidates) {
      const targets = this.#active.get(pk)!;
      const checked = this.#checked.get(pk)!;
      if (!policyDependsOnPod(checked, old, pod, (ns) => this.cache.namespaceLabels(ns))) continue;
      const patched = this.#patchPeer(pk, checked, key, pod, newPeer);
      if (patched === 'unpatchable') this.#touchPolicy(pk, targets);
      else if (patched === 'changed') for (const t of targets) this.#dirtyPods.add(t);
    }
  }

  /** A policy was put (`policy`) or deleted (`policy` undefined). */
  policyChanged(key: string, policy: NetworkPolicy | undefined): void {
    this.#candidates.clear();
    for (const podKey of this.#active.get(key) ?? []) {
      this.#targets.get(podKey)?.delete(key);
      this.#dirtyPods.add(podKey);
    }
    this.#active.delete(key);
    this.#resolved.delete(key);
    this.#dirtyPolicies.delete(key);
    if (!policy) {
      this.cache.deletePolicy(key);
      this.#setChecked(key, undefined);
      return;
    }
    this.cache.putPolicy(policy);
    const checked = checkPolicy(policy);
    this.#setChecked(key, checked);
    for (const local of this.#local.keys()) {
      const pod = this.cache.pod(local);
      if (!pod || pod.namespace !== policy.namespace || !selectorMatches(checked.podSelector, pod.labels)) continue;
      this.#link(local, key);
      this.#dirtyPods.add(local);
    }
  }

  /** A pod was wired on this node (`ref`) or unwired (`ref` undefined). */
  localPodChanged(key: string, ref: LocalPodRef | undefined): void {
    if (ref) this.#local.set(key, ref);
    else this.#local.delete(key);
    this.#retarget(key);
    this.#dirtyPods.add(key);
  }

  /** The node's own addresses changed: every rendered pod is recomputed. */
  nodeAddressesChanged(addresses: readonly Ip4[]): void {
    this.#nodeAddresses = [...addresses];
    for (const k of this.#local.keys()) this.#dirtyPods.add(k);
  }

  /** Recomputes the marked pods; returns the pods whose rules changed, sorted by key. */
  flush(): PodRulesChange[] {
    let policiesResolved = 0;
    const pass: Pass = { peers: new Map(), directions: new Map() };
    for (const pk of [...this.#dirtyPolicies].sort()) {
      this.#resolved.delete(pk);
      if (this.#active.has(pk)) {
        this.#resolved.set(pk, resolvePolicy(this.#checked.get(pk)!, this.cache, pass.peers));
        policiesResolved++;
      }
    }
    this.#dirtyPolicies.clear();
    const changes: PodRulesChange[] = [];
    const dirty = [...this.#dirtyPods].sort();
    this.#dirtyPods.clear();
    for (const key of dirty) {
      const next = this.#compute(key, pass, () => policiesResolved++);
      const prev = this.#rules.get(key);
      if (!next) {
        if (prev) {
          this.#rules.delete(key);
          changes.push({ pod: key });
        }
      } else if (!prev || !podRulesSame(prev, next)) {
        this.#rules.set(key, next);
        changes.push({ pod: key, rules: next });
      }
    }
    this.#stats = { policiesResolved, podsRecomputed: dirty.length, podsChanged: changes.length };
    this.#pruneDirections();
    return changes;
  }

  /** Counters of the last flush. */
  stats(): ProcessorStats {
    return this.#stats;
  }

  /** Current rules of a rendered local pod. */
  podRules(key: string): PodRules | undefined {
    return this.#rules.get(key);
  }

  /** Number of rendered local pods. */
  podCount(): number {
    return this.#rules.size;
  }

  /** Every rendered local pod's rules, sorted by pod. */
  allPodRules(): PodRules[] {
    return [...this.#rules.keys()].sort().map((k) => this.#rules.get(k)!);
  }

  /** Keys of the policies selecting a local pod, sorted. */
  policiesOf(podKey: string): string[] {
    return [...(this.#targets.get(podKey) ?? [])].sort();
  }

  /**
   * Named ports of active policies that no pod they could apply to has (ingress: the selected
   * local pods; egress: the peer pods). Not an error in Kubernetes, but usually a typo.
   */
  unresolvedNamedPorts(): { readonly policy: string; readonly rule: string; readonly port: string }[] {
    const out: { policy: string; rule: string; port: string }[] = [];
    for (const pk of [...this.#active.keys()].filter((k) => this.#named.has(k)).sort()) {
      const resolved = this.#resolved.get(pk);
      const checked = this.#checked.get(pk)!;
      for (const rule of rulesOf(checked)) {
        if (rule.namedPorts.length === 0) continue;
        const r = (rule.ref.direction === 'ingress' ? resolved?.ingress : resolved?.egress)?.[rule.ref.rule];
        const owners = rule.ref.direction === 'ingress'
          ? [...this.#active.get(pk)!].map((k) => this.cache.pod(k)?.containerPorts ?? [])
          : [...(r?.pods ?? []), ...(r?.namedPortPods ?? [])].map((p) => p.ports);
        for (const port of rule.ports) {
          if (port.name === undefined) continue;
          if (owners.some((ports) => ports.some((cp) => cp.name === port.name && protoOf(cp.protocol) === port.proto))) continue;
          out.push({ policy: pk, rule: `${rule.ref.direction}[${rule.ref.rule}]`, port: port.name });
        }
      }
    }
    return out;
  }

  /** Problems of every policy (one error per bad field), sorted by policy. */
  issues(): BadInputError[] {
    this.#issues ??= [...this.#withIssues].sort().flatMap((k) => [...this.#checked.get(k)!.issues]);
    return [...this.#issues];
  }

  /** Records a checked policy (or its removal) in the indexes of policies with issues and with named ports. */
  #setChecked(key: string, checked: CheckedPolicy | undefined): void {
    if (checked) this.#checked.set(key, checked);
    else this.#checked.delete(key);
    this.#issues = undefined;
    if (checked && checked.issues.length > 0) this.#withIssues.add(key);
    else this.#withIssues.delete(key);
    if (checked && rulesOf(checked).some((r) => r.namedPorts.length > 0)) this.#named.add(key);
    else this.#named.delete(key);
  }

  #compute(key: string, pass: Pass, onResolve: () => void): PodRules | undefined {
    const local = this.#local.get(key);
    const pod = this.cache.pod(key);
    if (!local || !pod || pod.hostNetwork) return undefined;
    const policies: ResolvedPolicy[] = [];
    for (const pk of this.#targets.get(key) ?? []) {
      let r = this.#resolved.get(pk);
      if (!r) {
        r = resolvePolicy(this.#checked.get(pk)!, this.cache, pass.peers);
        this.#resolved.set(pk, r);
        onResolve();
      }
      policies.push(r);
    }
    return buildPodRules({ key, ip: local.ip, ports: pod.containerPorts }, policies, this.#nodeAddresses, pass.directions, this.#directions);
  }

  /**
   * Updates the resolved policy `pk` for pod `key` joining or leaving its peers (or changing its
   * address) without resolving it again; `unpatchable` when it has to be resolved (not resolved
   * yet, already due, or named ports, whose rules depend on the peers' container ports).
   */
  #patchPeer(pk: string, checked: CheckedPolicy, key: string, pod: Pod | undefined, newPeer: PeerPod | undefined): 'unpatchable' | 'changed' | 'same' {
    const prev = this.#resolved.get(pk);
    if (!prev || this.#dirtyPolicies.has(pk) || this.#named.has(pk)) return 'unpatchable';
    const nsLabels = pod ? this.cache.namespaceLabels(pod.namespace) : undefined;
    const { next, patches } = patchResolvedPolicy(prev, checked, { key, ...(pod ? { pod } : {}), ...(nsLabels ? { nsLabels } : {}), ...(newPeer ? { peer: newPeer } : {}) });
    patchPolicyEntries(prev, next, patches);
    this.#resolved.set(pk, next);
    return patches.length > 0 ? 'changed' : 'same';
  }

  /** Keeps the direction cache to the directions some pod uses once it grew well past that. */
  #pruneDirections(): void {
    if (this.#directions.size <= 2 * Math.max(32, this.#rules.size)) return;
    const used = new Set<DirectionRules>();
    for (const r of this.#rules.values()) used.add(r.ingress).add(r.egress);
    this.#directions = new Map([...this.#directions].filter(([, c]) => used.has(c.dir)));
  }

  #touchPolicy(pk: string, targets: ReadonlySet<string>): void {
    this.#dirtyPolicies.add(pk);
    for (const t of targets) this.#dirtyPods.add(t);
  }

  #link(podKey: string, policyKey: string): void {
    let t = this.#targets.get(podKey);
    if (!t) this.#targets.set(podKey, (t = new Set()));
    t.add(policyKey);
    let a = this.#active.get(policyKey);
    if (!a) {
      this.#active.set(policyKey, (a = new Set()));
      this.#candidates.clear();
    }
    a.add(podKey);
  }

  /**
   * Active policies whose peers can select pods of namespace `ns` (a peer of their own namespace,
   * a namespace selector matching it, or named ports of any pod), in activation order. Kept per
   * namespace until the active policies or namespace labels change: a pod change then checks
   * these instead of every active policy.
   */
  #peerCandidates(ns: string): readonly string[] {
    let list = this.#candidates.get(ns);
    if (!list) {
      const labels = this.cache.namespaceLabels(ns);
      list = [...this.#active.keys()].filter((pk) => {
        const checked = this.#checked.get(pk)!;
        return rulesOf(checked).some((r) =>
          (r.anyPeer && r.namedPorts.length > 0) ||
          r.peers.some((peer) => peer.kind === 'pods' && (peer.namespaceSelector ? selectorMatches(peer.namespaceSelector, labels) : checked.namespace === ns))
        );
      });
      this.#candidates.set(ns, list);
    }
    return list;
  }

  /** Recomputes which policies select local pod `key`. */
  #retarget(key: string): void {
    for (const pk of this.#targets.get(key) ?? []) {
      const a = this.#active.get(pk);
      a?.delete(key);
      if (a?.size === 0) {
        this.#active.delete(pk);
        this.#resolved.delete(pk);
        this.#candidates.clear();
      }
    }
    this.#targets.delete(key);
    const pod = this.cache.pod(key);
    if (!this.#local.has(key) || !pod || pod.hostNetwork) return;
    for (const policy of this.cache.policiesInNamespace(pod.namespace)) {
      const pk = objectKey(policy);
      if (selectorMatches(this.#checked.get(pk)!.podSelector, pod.labels)) this.#link(key, pk);
    }
  }

}
