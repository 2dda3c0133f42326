/**
 * @module Resolves a checked policy against the cluster: the pods each peer selects (with
 * their IPs and container ports, for named ports) and the pods a peer-less egress rule with
 * named ports can reach.
 */
import type { Labels, Pod } from '../ksr/model.ts';
import type { Cidr } from '../net/ipv4.ts';
import type { CheckedPeer, CheckedPolicy, CheckedPort, CheckedRule, PolicyRuleRef } from './checked-policy.ts';
import { selectorMatches } from './label-selector.ts';
import type { PeerPod, PolicyCache } from './policy-cache.ts';
import { byKey, isAddressable, objectKey } from './policy-cache.ts';

/** A rule with its peers resolved. */
export interface ResolvedRule {
  readonly ref: PolicyRuleRef;
  readonly anyPeer: boolean;
  /** Pods selected by the rule's pod/namespace peers, sorted by key, no duplicates. */
  readonly pods: readonly PeerPod[];
  /** ipBlock prefixes (excepts already subtracted). */
  readonly blocks: readonly Cidr[];
  readonly allTraffic: boolean;
  readonly ports: readonly CheckedPort[];
  /** Egress rules without peers but with named ports: every pod having one of those names. */
  readonly namedPortPods: readonly PeerPod[];
}

/** A policy with every rule resolved. */
export interface ResolvedPolicy {
  readonly key: string;
  readonly ingress?: readonly ResolvedRule[];
  readonly egress?: readonly ResolvedRule[];
}

const EMPTY_SELECTOR = { matchLabels: {}, matchExpressions: [] } as const;

/** Whether a pod/namespace peer of a policy in `policyNs` selects `pod` (whose namespace has `nsLabels`). */
export function peerSelectsPod(policyNs: string, peer: CheckedPeer, pod: Pod, nsLabels: Labels): boolean {
  if (peer.kind !== 'pods' || !isAddressable(pod)) return false;
  if (peer.namespaceSelector) {
    if (!selectorMatches(peer.namespaceSelector, nsLabels)) return false;
  } else if (pod.namespace !== policyNs) {
    return false;
  }
  return !peer.podSelector || selectorMatches(peer.podSelector, pod.labels);
}

/**
 * Peer selections already made in one processing pass (valid while the cache does not change),
 * by namespace scope and selectors: many policies name the same peers (`purpose: monitoring`).
 */
export type PeerMemo = Map<string, readonly PeerPod[]>;

type PodsPeer = Extract<CheckedPeer, { kind: 'pods' }>;

// Memo keys of checked peers (immutable, checked once per policy version).
const PEER_KEYS = new WeakMap<PodsPeer, string>();

/** Union of peer lists sorted by key (no duplicates). */
function unionByKey(lists: readonly (readonly PeerPod[])[]): readonly PeerPod[] {
  const nonEmpty = lists.filter((l) => l.length > 0);
  if (nonEmpty.length <= 1) return nonEmpty[0] ?? [];
  const all = new Map<string, PeerPod>();
  for (const l of nonEmpty) for (const p of l) all.set(p.key, p);
  return [...all.values()].sort(byKey);
}

/** The pods a pod/namespace peer of a policy in `policyNs` selects, sorted by key. */
function selectPeers(cache: PolicyCache, policyNs: string, peer: PodsPeer, memo: PeerMemo | undefined): readonly PeerPod[] {
  let key = PEER_KEYS.get(peer);
  if (key === undefined) {
    key = `${peer.namespaceSelector ? JSON.stringify(peer.namespaceSelector) : `ns:${policyNs}`}|${JSON.stringify(peer.podSelector ?? null)}`;
    PEER_KEYS.set(peer, key);
  }
  let pods = memo?.get(key);
  if (!pods) {
    const namespaces = peer.namespaceSelector ? cache.selectNamespaces(peer.namespaceSelector) : [policyNs];
    pods = unionByKey(namespaces.map((ns) => cache.selectPeersInNamespace(ns, peer.podSelector ?? EMPTY_SELECTOR)));
    memo?.set(key, pods);
  }
  return pods;
}

/** Resolves every rule of `checked` against the cache (`memo`: selections shared within one pass). */
export function resolvePolicy(checked: CheckedPolicy, cache: PolicyCache, memo?: PeerMemo): ResolvedPolicy {
  const resolveRule = (rule: CheckedRule): ResolvedRule => {
    const selected: (readonly PeerPod[])[] = [];
    const blocks: Cidr[] = [];
    for (const peer of rule.peers) {
      if (peer.kind === 'block') blocks.push(...peer.cidrs);
      else if (peer.kind === 'pods') selected.push(selectPeers(cache, checked.namespace, peer, memo));
    }
    const namedPortPods = new Map<string, PeerPod>();
    if (rule.ref.direction === 'egress' && rule.anyPeer) {
      for (const name of rule.namedPorts) {
        for (const pod of cache.podsWithPortName(name)) {
          const pp = cache.peerPod(objectKey(pod));
          if (pp) namedPortPods.set(pp.key, pp);
        }
      }
    }
    return {
      ref: rule.ref,
      anyPeer: rule.anyPeer,
      pods: unionByKey(selected),
      blocks,
      allTraffic: rule.allTraffic,
      ports: rule.ports,
      namedPortPods: [...namedPortPods.values()].sort(byKey),
    };
  };
  return {
    key: checked.key,
    ingress: checked.ingress?.map(resolveRule),
    egress: checked.egress?.map(resolveRule),
  };
}
