/**
 * @module PolicyCache: the Kubernetes state the policy plugin works on (namespaces, pods,
 * NetworkPolicies) with the indexes that make "which policies live in this namespace" and
 * "which pods does this peer select" fast. Keys are structured (maps of maps), never joined
 * strings, because label keys may contain `/`.
 */
import type { ContainerPort, Labels, LabelSelector, Namespace, NetworkPolicy, ObjectId, Pod } from '../ksr/model.ts';
import type { Cidr, Ip4 } from '../net/ipv4.ts';
import { hostCidr, isIp4, parseIp4 } from '../net/ipv4.ts';
import { selectorMatches } from './label-selector.ts';

/** A pod as a policy peer: its key, parsed IP (and its /32) and container ports. */
export interface PeerPod {
  readonly key: string;
  readonly ip: Ip4;
  /** `ip`/32, shared by every rule naming this peer. */
  readonly cidr: Cidr;
  readonly ports: readonly ContainerPort[];
}

/** The label Kubernetes puts on every namespace (immutable, equal to its name). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** `namespace/name` of a namespaced object. */
export function objectKey(o: ObjectId): string {
  return `${o.namespace}/${o.name}`;
}

/**
 * Whether a pod can be a policy peer or target: it has an IP of its own (not the node's)
 * and is not finished (a finished pod's IP may already belong to another pod).
 */
export function isAddressable(pod: Pod): boolean {
  return pod.ip !== undefined && pod.ip !== '' && !pod.hostNetwork && pod.phase !== 'Succeeded' && pod.phase !== 'Failed';
}

/** Labels of namespace `name` as selectors see them (with `kubernetes.io/metadata.name`). */
function effectiveNamespaceLabels(name: string, labels: Labels): Labels {
  return labels[NAMESPACE_NAME_LABEL] === name ? labels : { ...labels, [NAMESPACE_NAME_LABEL]: name };
}

/** Orders peers by key. */
export function byKey(a: { readonly key: string }, b: { readonly key: string }): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** Index: label key → value → pod keys (one per namespace). */
type LabelIndex = Map<string, Map<string, Set<string>>>;

/** The indexed Kubernetes state. Mutated only through its methods. */
export class PolicyCache {
  readonly #namespaces = new Map<string, Labels>();
  readonly #pods = new Map<string, Pod>();
  readonly #peers = new Map<string, PeerPod>();
  readonly #podsByNs = new Map<string, Map<string, Pod>>();
  readonly #labelIndex = new Map<string, LabelIndex>();
  readonly #podsByPortName = new Map<string, Set<string>>();
  readonly #policies = new Map<string, NetworkPolicy>();
  readonly #policiesByNs = new Map<string, Map<string, NetworkPolicy>>();
  /** `namespaceNames()` until a namespace or a namespace's first/last pod changes. */
  #names: readonly string[] | undefined;

  /** Empties the cache (resync starts from nothing). */
  clear(): void {
    this.#names = undefined;
    this.#namespaces.clear();
    this.#pods.clear();
    this.#peers.clear();
    this.#podsByNs.clear();
    this.#labelIndex.clear();
    this.#podsByPortName.clear();
    this.#policies.clear();
    this.#policiesByNs.clear();
  }

  /** Labels of a namespace as selectors see them; a namespace without object has only its name label. */
  namespaceLabels(name: string): Labels {
    return this.#namespaces.get(name) ?? { [NAMESPACE_NAME_LABEL]: name };
  }

  /** Stores a namespace; returns its previous effective labels. */
  putNamespace(ns: Namespace): Labels {
    const prev = this.namespaceLabels(ns.name);
    if (!this.#namespaces.has(ns.name)) this.#names = undefined;
    this.#namespaces.set(ns.name, effectiveNamespaceLabels(ns.name, ns.labels));
    return prev;
  }

  /** Removes a namespace object; returns its previous effective labels. */
  deleteNamespace(name: string): Labels {
    const prev = this.namespaceLabels(name);
    if (this.#namespaces.delete(name)) this.#names = undefined;
    return prev;
  }

  /** Every namespace that has an object or pods, sorted. */
  namespaceNames(): readonly string[] {
    this.#names ??= [...new Set([...this.#namespaces.keys(), ...this.#podsByNs.keys()])].sort();
    return this.#names;
  }

  /** A pod by `namespace/name`. */
  pod(key: string): Pod | undefined {
    return this.#pods.get(key);
  }

  /** Stores a pod; returns the previous value. */
  putPod(pod: Pod): Pod | undefined {
    const key = objectKey(pod);
    const prev = this.#pods.get(key);
    if (prev) this.#unindexPod(key, prev);
    this.#pods.set(key, pod);
    // Parsed once here: peers are looked up far more often than pods change.
    if (isAddressable(pod) && isIp4(pod.ip!)) {
      const ip = parseIp4(pod.ip!);
      this.#peers.set(key, { key, ip, cidr: hostCidr(ip), ports: pod.containerPorts });
    }
    else this.#peers.delete(key);
    let inNs = this.#podsByNs.get(pod.namespace);
    if (!inNs) {
      this.#podsByNs.set(pod.namespace, (inNs = new Map()));
      this.#names = undefined;
    }
    inNs.set(key, pod);
    let idx = this.#labelIndex.get(pod.namespace);
    if (!idx) this.#labelIndex.set(pod.namespace, (idx = new Map()));
    for (const [k, v] of Object.entries(pod.labels)) {
      let byValue = idx.get(k);
      if (!byValue) idx.set(k, (byValue = new Map()));
      let keys = byValue.get(v);
      if (!keys) byValue.set(v, (keys = new Set()));
      keys.add(key);
    }
    for (const p of pod.containerPorts) {
      if (!p.name) continue;
      let keys = this.#podsByPortName.get(p.name);
      if (!keys) this.#podsByPortName.set(p.name, (keys = new Set()));
      keys.add(key);
    }
    return prev;
  }

  /** Removes a pod; returns the previous value. */
  deletePod(key: string): Pod | undefined {
    const prev = this.#pods.get(key);
    if (!prev) return undefined;
    this.#unindexPod(key, prev);
    this.#pods.delete(key);
    this.#peers.delete(key);
    return prev;
  }

  #unindexPod(key: string, pod: Pod): void {
    const inNs = this.#podsByNs.get(pod.namespace);
    inNs?.delete(key);
    if (inNs?.size === 0) {
      this.#podsByNs.delete(pod.namespace);
      this.#names = undefined;
    }
    const idx = this.#labelIndex.get(pod.namespace);
    for (const [k, v] of Object.entries(pod.labels)) {
      const byValue = idx?.get(k);
      const keys = byValue?.get(v);
      keys?.delete(key);
      if (keys?.size === 0) byValue!.delete(v);
      if (byValue?.size === 0) idx!.delete(k);
    }
    if (idx?.size === 0) this.#labelIndex.delete(pod.namespace);
    for (const p of pod.containerPorts) {
      if (!p.name) continue;
      const keys = this.#podsByPortName.get(p.name);
      keys?.delete(key);
      if (keys?.size === 0) this.#podsByPortName.delete(p.name);
    }
  }

  /** The pod as a peer, or undefined when it cannot be one (no IP, host network, finished). */
  peerPod(key: string): PeerPod | undefined {
    return this.#peers.get(key);
  }

  /** Pods of a namespace (any state). */
  podsInNamespace(ns: string): Iterable<Pod> {
    return this.#podsByNs.get(ns)?.values() ?? [];
  }

  /** Number of pods. */
  podCount(): number {
    return this.#pods.size;
  }

  /**
   * Addressable pods of namespace `ns` selected by `selector`, narrowed through the label
   * index by one matchLabels entry when there is one.
   */
  selectPodsInNamespace(ns: string, selector: LabelSelector): Pod[] {
    const first = Object.entries(selector.matchLabels)[0];
    let candidates: Iterable<Pod>;
    if (first) {
      const keys = this.#labelIndex.get(ns)?.get(first[0])?.get(first[1]);
      if (!keys) return [];
      candidates = [...keys].map((k) => this.#pods.get(k)!);
    } else {
      candidates = this.podsInNamespace(ns);
    }
    const out: Pod[] = [];
    for (const p of candidates) if (isAddressable(p) && selectorMatches(selector, p.labels)) out.push(p);
    return out;
  }

  /**
   * Peers (addressable pods with an IPv4 address) of namespace `ns` selected by `selector`,
   * sorted by key; narrowed through the label index by one matchLabels entry when there is one.
   */
  selectPeersInNamespace(ns: string, selector: LabelSelector): PeerPod[] {
    const first = Object.entries(selector.matchLabels)[0];
    const keys: Iterable<string> | undefined = first ? this.#labelIndex.get(ns)?.get(first[0])?.get(first[1]) : this.#podsByNs.get(ns)?.keys();
    const out: PeerPod[] = [];
    if (!keys) return out;
    for (const k of keys) {
      const peer = this.#peers.get(k);
      if (peer && selectorMatches(selector, this.#pods.get(k)!.labels)) out.push(peer);
    }
    return out.sort(byKey);
  }

  /** Namespaces (with object or pods) whose labels `selector` selects, sorted. */
  selectNamespaces(selector: LabelSelector): string[] {
    return this.namespaceNames().filter((n) => selectorMatches(selector, this.namespaceLabels(n)));
  }

  /** Addressable pods having a container port named `name`, sorted by key. */
  podsWithPortName(name: string): Pod[] {
    const keys = this.#podsByPortName.get(name);
    if (!keys) return [];
    return [...keys].sort().map((k) => this.#pods.get(k)!).filter(isAddressable);
  }

  /** A policy by `namespace/name`. */
  policy(key: string): NetworkPolicy | undefined {
    return this.#policies.get(key);
  }

  /** Stores a policy; returns the previous value. */
  putPolicy(policy: NetworkPolicy): NetworkPolicy | undefined {
    const key = objectKey(policy);
    const prev = this.#policies.get(key);
    this.#policies.set(key, policy);
    let inNs = this.#policiesByNs.get(policy.namespace);
    if (!inNs) this.#policiesByNs.set(policy.namespace, (inNs = new Map()));
    inNs.set(key, policy);
    return prev;
  }

  /** Removes a policy; returns the previous value. */
  deletePolicy(key: string): NetworkPolicy | undefined {
    const prev = this.#policies.get(key);
    if (!prev) return undefined;
    this.#policies.delete(key);
    const inNs = this.#policiesByNs.get(prev.namespace);
    inNs?.delete(key);
    if (inNs?.size === 0) this.#policiesByNs.delete(prev.namespace);
    return prev;
  }

  /** Policies of a namespace. */
  policiesInNamespace(ns: string): Iterable<NetworkPolicy> {
    return this.#policiesByNs.get(ns)?.values() ?? [];
  }

  /** Every policy. */
  allPolicies(): Iterable<NetworkPolicy> {
    return this.#policies.values();
  }
}
