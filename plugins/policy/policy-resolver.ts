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
import { isAddressable, objectKey } from './policy-cache.ts';

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

/** Resolves every rule of `checked` against the cache. */
export function resolvePolicy(checked: CheckedPolicy, cache: PolicyCache): ResolvedPolicy {
  const resolveRule = (rule: CheckedRule): ResolvedRule => {
    const pods = new Map<string, PeerPod>();
    const blocks: Cidr[] = [];
    for (const peer of rule.peers) {
      if (peer.kind === 'block') blocks.push(...peer.cidrs);
      if (peer.kind !== 'pods') continue;
      const namespaces = peer.namespaceSelector ? cache.selectNamespaces(peer.namespaceSelector) : [checked.namespace];
      for (const ns of namespaces) {
        for (const pod of cache.selectPodsInNamespace(ns, peer.podSelector ?? EMPTY_SELECTOR)) {
          const pp = cache.peerPod(objectKey(pod));
          if (pp) pods.set(pp.key, pp);
        }
      }
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
    const byKey = (a: PeerPod, b: PeerPod): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
    return {
      ref: rule.ref,
      anyPeer: rule.anyPeer,
      pods: [...pods.values()].sort(byKey),
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
