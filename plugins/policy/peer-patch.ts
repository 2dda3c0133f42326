/**
 * @module A pod changing as a peer of resolved policies: which policies it can affect
 * (policyDependsOnPod) and the resolved policy after it joined or left the peers of its rules
 * or changed its address (patchResolvedPolicy: the pod's key removed from or inserted into each
 * rule's sorted peer list, no resolution). Pure; the caller checks that the policy has no named
 * ports (their rules depend on the peers' container ports).
 */
import type { Labels, Pod } from '../ksr/model.ts';
import type { CheckedPolicy, CheckedRule } from './checked-policy.ts';
import type { PeerPatch } from './pod-rules.ts';
import type { PeerPod } from './policy-cache.ts';
import { isAddressable } from './policy-cache.ts';
import type { ResolvedPolicy, ResolvedRule } from './policy-resolver.ts';
import { peerSelectsPod } from './policy-resolver.ts';

/** Whether two versions of a pod look the same to a policy naming it as a peer (address, addressability, ports). */
export function peerFieldsEqual(a: Pod, b: Pod): boolean {
  return a.ip === b.ip && isAddressable(a) === isAddressable(b) &&
    JSON.stringify(a.containerPorts) === JSON.stringify(b.containerPorts);
}

/**
 * Whether the rules of `checked` can change when pod `old` becomes `pod` (either undefined for a
 * create or delete): a peer selects it before or after, or a peer-less egress rule with named
 * ports reaches it.
 */
export function policyDependsOnPod(checked: CheckedPolicy, old: Pod | undefined, pod: Pod | undefined, nsLabelsOf: (ns: string) => Labels): boolean {
  const oldNs = old ? nsLabelsOf(old.namespace) : undefined;
  const newNs = pod ? nsLabelsOf(pod.namespace) : undefined;
  const viewChanged = !old || !pod || !peerFieldsEqual(old, pod);
  for (const rule of [...(checked.ingress ?? []), ...(checked.egress ?? [])]) {
    for (const peer of rule.peers) {
      if (peer.kind !== 'pods') continue;
      const was = old !== undefined && peerSelectsPod(checked.namespace, peer, old, oldNs!);
      const is = pod !== undefined && peerSelectsPod(checked.namespace, peer, pod, newNs!);
      if (was !== is || (is && viewChanged)) return true;
    }
    if (rule.ref.direction === 'egress' && rule.anyPeer && rule.namedPorts.length > 0 && viewChanged) {
      const named = (p: Pod | undefined): boolean => p !== undefined && p.containerPorts.some((cp) => cp.name !== undefined && rule.namedPorts.includes(cp.name));
      if (named(old) || named(pod)) return true;
    }
  }
  return false;
}

/** Index of the pod with `key` in a list sorted by key, or -1. */
function indexOfKey(pods: readonly PeerPod[], key: string): number {
  const i = insertionPoint(pods, key);
  return i < pods.length && pods[i]!.key === key ? i : -1;
}

/** Where `key` goes in a list sorted by key (first index whose key is not below it). */
function insertionPoint(pods: readonly PeerPod[], key: string): number {
  let lo = 0;
  let hi = pods.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pods[mid]!.key < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The pod after the change: its object, its namespace's labels and its peer view (undefined: it cannot be a peer now). */
export interface ChangedPeer {
  readonly key: string;
  readonly pod?: Pod;
  readonly nsLabels?: Labels;
  readonly peer?: PeerPod;
}

/**
 * `prev` with pod `change.key` in exactly the peer lists of the rules whose peers select it now,
 * and the entry patches that change implies (none when only unchanged addresses moved).
 */
export function patchResolvedPolicy(prev: ResolvedPolicy, checked: CheckedPolicy, change: ChangedPeer): { readonly next: ResolvedPolicy; readonly patches: readonly PeerPatch[] } {
  const { key, pod, nsLabels, peer } = change;
  const patches: PeerPatch[] = [];
  const patchRules = (rules: readonly CheckedRule[] | undefined, resolved: readonly ResolvedRule[] | undefined): readonly ResolvedRule[] | undefined =>
    resolved?.map((r, i) => {
      if (r.anyPeer) return r;
      const at = indexOfKey(r.pods, key);
      const isIn = peer !== undefined && pod !== undefined && nsLabels !== undefined &&
        rules![i]!.peers.some((p) => peerSelectsPod(checked.namespace, p, pod, nsLabels));
      if (at < 0 && !isIn) return r;
      const pods = r.pods.slice();
      if (at >= 0) pods.splice(at, 1);
      if (isIn) pods.splice(insertionPoint(pods, key), 0, peer);
      const next: ResolvedRule = { ...r, pods };
      const removed = at >= 0 ? r.pods[at] : undefined;
      if (!(removed && isIn && removed.ip === peer.ip)) patches.push({ rule: next, ...(removed ? { removed } : {}), ...(isIn ? { added: peer } : {}) });
      return next;
    });
  const next: ResolvedPolicy = { key: prev.key, ingress: patchRules(checked.ingress, prev.ingress), egress: patchRules(checked.egress, prev.egress) };
  return { next, patches };
}
