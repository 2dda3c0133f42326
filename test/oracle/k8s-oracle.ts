/**
 * @module A Kubernetes NetworkPolicy oracle written straight from the upstream API
 * documentation, independent of `plugins/policy` (no shared code: its own selector matching
 * and address parsing). It answers "is this connection allowed, and why?" for a snapshot of a
 * cluster. Used as the reference of differential and conformance tests.
 *
 * Semantics (networking.k8s.io/v1):
 * - A pod is isolated for ingress (egress) iff some NetworkPolicy in its namespace selects it
 *   and lists Ingress (Egress) in policyTypes; then only the union of those policies' ingress
 *   (egress) rules is allowed. A connection needs both the source's egress side and the
 *   destination's ingress side to allow it.
 * - A rule matches when one of its peers matches (no peers = everyone) and one of its ports
 *   matches (no ports = every protocol and port, ICMP included).
 * - podSelector alone: pods of the policy's namespace; namespaceSelector alone: every pod of the
 *   selected namespaces; both: the selected pods of the selected namespaces; ipBlock: addresses
 *   in cidr and in none of the excepts (host bits of the CIDRs ignored).
 * - A named port is resolved against the destination pod's container ports (name and
 *   protocol). For egress it only applies to destinations matched as pods (pod or namespace
 *   peers, or no peers); an ipBlock peer or an external address has no named ports.
 * - endPort makes the port a range. Namespaces carry `kubernetes.io/metadata.name`.
 * - A pod can always reach itself, and traffic between a pod and its own node is always allowed.
 * - Host-network pods are neither selected nor matched as pods (policies do not apply to them).
 */
import type { Labels, LabelSelector, Namespace, NetworkPolicy, ObjectId, Pod, PolicyPeer, PolicyPort, PolicyRule } from '../../plugins/ksr/model.ts';

/** A node and the addresses it answers on. */
export interface OracleNode {
  readonly name: string;
  readonly addresses: readonly string[];
}

/** The cluster snapshot the oracle reasons about. */
export interface OracleCluster {
  readonly namespaces: readonly Namespace[];
  readonly pods: readonly Pod[];
  readonly policies: readonly NetworkPolicy[];
  readonly nodes?: readonly OracleNode[];
}

/** One end of a connection: a pod, or any IP address (outside the cluster, a node, ...). */
export type Endpoint = { readonly pod: ObjectId } | { readonly ip: string };

/** Protocols the oracle knows. */
export type OracleProtocol = 'TCP' | 'UDP' | 'SCTP' | 'ICMP';

/** The oracle's answer. */
export interface OracleVerdict {
  readonly allowed: boolean;
  readonly reason: string;
}

function ipToNumber(text: string): number {
  const parts = text.split('.');
  if (parts.length !== 4) throw new Error(`oracle: bad IPv4 address "${text}"`);
  let n = 0;
  for (const p of parts) {
    const v = Number(p);
    if (!/^\d{1,3}$/.test(p) || v > 255) throw new Error(`oracle: bad IPv4 address "${text}"`);
    n = n * 256 + v;
  }
  return n;
}

function inCidr(ip: string, cidr: string): boolean {
  const [addr, lenText] = cidr.split('/');
  const len = lenText === undefined ? 32 : Number(lenText);
  const block = 2 ** (32 - len);
  return Math.floor(ipToNumber(ip) / block) === Math.floor(ipToNumber(addr!) / block);
}

function selects(sel: LabelSelector, labels: Labels): boolean {
  for (const [k, v] of Object.entries(sel.matchLabels)) if (labels[k] !== v) return false;
  for (const e of sel.matchExpressions) {
    const has = k(labels, e.key);
    const val = labels[e.key];
    if (e.operator === 'In' && !(has && e.values.includes(val!))) return false;
    if (e.operator === 'NotIn' && has && e.values.includes(val!)) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

function k(labels: Labels, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(labels, key);
}

/** Resolved endpoint: an IP, and the pod when it is a (non host-network) pod. */
interface Side {
  readonly ip: string;
  readonly pod?: Pod;
  readonly text: string;
}

function nsLabels(cluster: OracleCluster, ns: string): Labels {
  const obj = cluster.namespaces.find((n) => n.name === ns);
  return { ...(obj?.labels ?? {}), 'kubernetes.io/metadata.name': ns };
}

function peerMatches(cluster: OracleCluster, policy: NetworkPolicy, peer: PolicyPeer, other: Side): 'pod' | 'ip' | undefined {
  if (peer.ipBlock) {
    if (!inCidr(other.ip, peer.ipBlock.cidr)) return undefined;
    if (peer.ipBlock.except.some((e) => inCidr(other.ip, e))) return undefined;
    return 'ip';
  }
  const pod = other.pod;
  if (!pod) return undefined;
  if (!peer.podSelector && !peer.namespaceSelector) return undefined;
  if (peer.namespaceSelector) {
    if (!selects(peer.namespaceSelector, nsLabels(cluster, pod.namespace))) return undefined;
  } else if (pod.namespace !== policy.namespace) {
    return undefined;
  }
  if (peer.podSelector && !selects(peer.podSelector, pod.labels)) return undefined;
  return 'pod';
}

function portMatches(p: PolicyPort, protocol: OracleProtocol, port: number | undefined, destinationPod: Pod | undefined): boolean {
  if (p.protocol !== protocol) return false;
  if (p.port === undefined) return true;
  if (port === undefined) return false;
  if (typeof p.port === 'number') return port >= p.port && port <= (p.endPort ?? p.port);
  if (!destinationPod) return false;
  return destinationPod.containerPorts.some((c) => c.name === p.port && c.protocol === protocol && c.containerPort === port);
}

/** Whether `rule` of `policy` (selecting `self`) allows traffic with `other`. */
function ruleAllows(cluster: OracleCluster, policy: NetworkPolicy, rule: PolicyRule, direction: 'ingress' | 'egress', self: Side, other: Side, protocol: OracleProtocol, port: number | undefined): boolean {
  const matches: ('pod' | 'ip')[] = rule.peers.length === 0
    ? [other.pod ? 'pod' : 'ip']
    : rule.peers.flatMap((peer) => peerMatches(cluster, policy, peer, other) ?? []);
  if (matches.length === 0) return false;
  if (rule.ports.length === 0) return true;
  // The destination of the connection owns the named ports.
  return matches.some((kind) => {
    const dest = direction === 'ingress' ? self.pod : kind === 'pod' ? other.pod : undefined;
    return rule.ports.some((p) => portMatches(p, protocol, port, dest));
  });
}

/** The verdict of one side: undefined = not isolated, else the allowing rule or undefined. */
function sideVerdict(cluster: OracleCluster, direction: 'ingress' | 'egress', self: Side, other: Side, protocol: OracleProtocol, port: number | undefined): OracleVerdict | undefined {
  const pod = self.pod!;
  const type = direction === 'ingress' ? 'Ingress' : 'Egress';
  const policies = cluster.policies
    .filter((p) => p.namespace === pod.namespace && p.policyTypes.includes(type) && selects(p.podSelector, pod.labels))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (policies.length === 0) return undefined;
  for (const p of policies) {
    const rules = direction === 'ingress' ? p.ingress : p.egress;
    for (const [i, rule] of rules.entries()) {
      if (ruleAllows(cluster, p, rule, direction, self, other, protocol, port)) {
        return { allowed: true, reason: `${self.text} ${direction} allowed by ${p.namespace}/${p.name} ${direction}[${i}]` };
      }
    }
  }
  const names = policies.map((p) => `${p.namespace}/${p.name}`).join(', ');
  return { allowed: false, reason: `${self.text} is ${direction}-isolated by ${names} and no ${direction} rule allows ${other.text}` };
}

function resolve(cluster: OracleCluster, e: Endpoint): Side {
  if ('ip' in e) return { ip: e.ip, text: e.ip };
  const pod = cluster.pods.find((p) => p.namespace === e.pod.namespace && p.name === e.pod.name);
  if (!pod || pod.ip === undefined) throw new Error(`oracle: pod ${e.pod.namespace}/${e.pod.name} unknown or without IP`);
  const text = `${pod.namespace}/${pod.name}`;
  const applies = !pod.hostNetwork && pod.phase !== 'Succeeded' && pod.phase !== 'Failed';
  return applies ? { ip: pod.ip, pod, text } : { ip: pod.ip, text };
}

function nodeAddresses(cluster: OracleCluster, pod: Pod | undefined): readonly string[] {
  if (!pod?.nodeName) return [];
  return cluster.nodes?.find((n) => n.name === pod.nodeName)?.addresses ?? [];
}

/**
 * Whether a connection from `src` to `dst` with `protocol` to destination `port` is allowed.
 * @throws {Error} when a pod endpoint does not exist or has no IP.
 */
export function allowed(cluster: OracleCluster, src: Endpoint, dst: Endpoint, protocol: OracleProtocol, port?: number): OracleVerdict {
  const s = resolve(cluster, src);
  const d = resolve(cluster, dst);
  if (s.pod && d.pod && s.pod === d.pod) return { allowed: true, reason: `${s.text} talks to itself` };
  if (d.pod && nodeAddresses(cluster, d.pod).includes(s.ip)) return { allowed: true, reason: `${s.ip} is the node of ${d.text}` };
  if (s.pod && nodeAddresses(cluster, s.pod).includes(d.ip)) return { allowed: true, reason: `${d.ip} is the node of ${s.text}` };
  const reasons: string[] = [];
  if (s.pod) {
    const v = sideVerdict(cluster, 'egress', s, d, protocol, port);
    if (v && !v.allowed) return v;
    reasons.push(v ? v.reason : `${s.text} is not egress-isolated`);
  }
  if (d.pod) {
    const v = sideVerdict(cluster, 'ingress', d, s, protocol, port);
    if (v && !v.allowed) return v;
    reasons.push(v ? v.reason : `${d.text} is not ingress-isolated`);
  }
  return { allowed: true, reason: reasons.join('; ') || 'no pod involved' };
}
