/**
 * @module What Kubernetes says about a probe when NetworkPolicies (and Services in front of the
 * pods) are in place, from the two independent oracles: the Service oracle decides where a
 * connection to a Service frontend goes and which source address the backend sees; the
 * NetworkPolicy oracle decides whether that connection — from that source to that backend pod
 * on its real IP and port — is allowed. Compared with a traced probe result: the verdict, and
 * for an allowed probe the pod that answered.
 */
import type { ProbeResultView } from '../../cluster/probe-result.ts';
import type { ProbeSpec } from '../../cluster/probe-spec.ts';
import { allowed, type Endpoint } from '../oracle/k8s-oracle.ts';
import type { OracleProbe } from '../oracle/service-oracle.ts';
import { podGateway, type CheckedCluster } from './checked-cluster.ts';

/** The oracles' answer for one probe. */
export interface Expectation {
  readonly allowed: boolean;
  /** The pod (`ns/name`) or host (`ip:A.B.C.D`) that must answer an allowed probe. */
  readonly backend?: string;
  readonly reason: string;
}

const podRef = (text: string): { namespace: string; name: string } => {
  const [namespace, name] = text.split('/') as [string, string];
  return { namespace, name };
};

/** The Service oracle's probe for `p` (a connection to a cluster IP, NodePort or external IP). */
export function serviceProbe(c: CheckedCluster, p: ProbeSpec): OracleProbe {
  const ip = p.to.startsWith('svc:') ? c.clusterIP(p.to.slice(4)) : p.to.startsWith('node:') ? c.nodeAddress(p.to.slice(5)) : p.to.startsWith('ip:') ? p.to.slice(3) : c.ip(p.to);
  const first = c.oracleNodes()[0]!.name;
  const entry = p.enterAt ?? (p.to.startsWith('node:') ? p.to.slice(5) : first);
  const client: OracleProbe['client'] = p.from.startsWith('ip:')
    ? { kind: 'external', ip: p.from.slice(3), enterAt: entry }
    : p.from.startsWith('node:') ? { kind: 'node', node: p.from.slice(5) } : { kind: 'pod', pod: podRef(p.from) };
  return { client, ip, port: p.port, protocol: p.protocol };
}

/**
 * The expected outcome of `p`: to a pod, the policy verdict; to a Service frontend, the Service
 * oracle's single backend (the suites give each such Service one backend, so the verdict does
 * not depend on a draw) and the policy verdict for the source address it sees; to an outside
 * address, the policy verdict of the client pod's egress.
 */
export function expectedOutcome(c: CheckedCluster, p: ProbeSpec): Expectation {
  const state = c.policyState();
  const from: Endpoint = p.from.startsWith('ip:') ? { ip: p.from.slice(3) } : p.from.startsWith('node:') ? { ip: c.nodeAddress(p.from.slice(5)) } : { pod: podRef(p.from) };
  if (!p.to.includes(':')) {
    const v = allowed(state, from, { pod: podRef(p.to) }, p.protocol, p.port);
    return { ...v, ...(v.allowed ? { backend: p.to } : {}) };
  }
  const sp = serviceProbe(c, p);
  const sv = c.serviceOracle().evaluate(sp);
  if (sv.kind === 'not-a-service') {
    if (!p.to.startsWith('ip:')) throw new Error(`probe ${JSON.stringify(p)}: ${sv.reason}`);
    const v = allowed(state, from, { ip: p.to.slice(3) }, p.protocol, p.port);
    return { ...v, ...(v.allowed ? { backend: p.to } : {}) };
  }
  if (sv.kind !== 'forwarded') return { allowed: false, reason: `service: ${sv.reason}` };
  if (sv.backends.length !== 1 || !sv.backends[0]!.pod) throw new Error(`probe ${JSON.stringify(p)}: the suites give a probed Service exactly one pod backend, the oracle found ${sv.backends.length}`);
  const b = sv.backends[0]!;
  // A masqueraded connection comes from the deciding node's twice-NAT address (its pods' gateway).
  const deciding = c.cluster.view().nodeRows().find((n) => n.name === sv.decidingNode)!;
  const source: Endpoint = b.source.kind === 'client' ? from : { ip: podGateway(deciding.podCIDR) };
  const v = allowed(state, source, { pod: b.pod! }, p.protocol, b.port);
  const backend = `${b.pod!.namespace}/${b.pod!.name}`;
  return { allowed: v.allowed, reason: `service ${sv.service} → ${backend}:${b.port}; policy: ${v.reason}`, ...(v.allowed ? { backend } : {}) };
}

/** A line describing how `r` differs from `e`, or undefined when they agree. */
export function disagreement(r: ProbeResultView, e: Expectation): string | undefined {
  const probe = `${r.from} -> ${r.to} ${r.protocol}/${r.port}`;
  if (r.allowed !== e.allowed) return `${probe}: traced ${r.allowed ? 'allowed' : r.failure} (${r.reason}); oracle ${e.allowed ? 'allowed' : 'denied'} (${e.reason})`;
  if (e.allowed && r.backend !== e.backend) return `${probe}: answered by ${r.backend}, oracle expects ${e.backend}`;
  return undefined;
}

/** Probes through the cluster: the traced results and every disagreement with the oracles. */
export function checkProbes(c: CheckedCluster, probes: readonly ProbeSpec[]): { results: ProbeResultView[]; problems: string[] } {
  const results = c.probe(probes);
  return { results, problems: probes.flatMap((p, i) => disagreement(results[i]!, expectedOutcome(c, p)) ?? []) };
}
