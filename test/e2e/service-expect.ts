/**
 * @module Compares traced Service probes with the Service oracle (`test/oracle/service-oracle.ts`):
 * the verdict (forwarded, refused, dropped), the backends that answered, the port each was
 * reached on, the source address it saw, and that the answer came back from the address the
 * client connected to. Client-IP affinity over time goes through the oracle's AffinityOracle.
 */
import type { ProbeResultView } from '../../cluster/probe-result.ts';
import type { ProbeSpec } from '../../cluster/probe-spec.ts';
import type { AffinityOracle, OracleVerdict } from '../oracle/service-oracle.ts';
import type { CheckedCluster } from './checked-cluster.ts';
import { serviceProbe } from './policy-expect.ts';

/** `ip:port` the client saw the answer come from (the last packet of the reply trace). */
export function replySource(r: ProbeResultView): string | undefined {
  const last = [...r.trace].reverse().find((t) => t.direction === 'reply' && t.packet !== undefined);
  return last?.packet?.split(' → ')[0];
}

/** The address a probe's client connects to. */
function frontend(c: CheckedCluster, p: ProbeSpec): string {
  return `${serviceProbe(c, p).ip}:${p.port}`;
}

/** The client's own address, as a backend would see it unmasqueraded. */
function clientIp(c: CheckedCluster, p: ProbeSpec): string | undefined {
  if (p.from.startsWith('ip:')) return p.from.slice(3);
  if (p.from.startsWith('node:')) return undefined;
  return c.ip(p.from);
}

/**
 * How result `r` of probe `p` differs from what the Service oracle says (`v`: its verdict, or
 * the oracle's for the cluster now), or undefined when they agree. Probes where the agent
 * knowingly differs from Kubernetes (`agentDeviation`) are reported as such, never skipped.
 */
export function serviceDisagreement(c: CheckedCluster, p: ProbeSpec, r: ProbeResultView, v?: OracleVerdict): string | undefined {
  const oracle = c.serviceOracle();
  const sp = serviceProbe(c, p);
  const at = `${p.from} -> ${p.to}:${p.port}/${p.protocol}`;
  const deviation = oracle.agentDeviation(sp);
  if (deviation) return `${at}: the suites must not probe a known deviation (${deviation})`;
  const verdict = v ?? oracle.evaluate(sp);
  if (verdict.kind === 'not-a-service') return `${at}: not a Service frontend (${verdict.reason})`;
  if (verdict.kind !== 'forwarded') {
    if (r.allowed) return `${at}: expected ${verdict.kind} (${verdict.reason}), traced allowed (${r.reason})`;
    if (verdict.kind !== 'unanswered' && !verdict.acceptableFailures.includes(r.failure!)) return `${at}: expected ${verdict.kind} (${verdict.reason}), traced ${r.failure} (${r.reason})`;
    return undefined;
  }
  if (!r.allowed) return `${at}: expected forwarded (${verdict.reason}), traced ${r.failure} (${r.reason})`;
  const names = verdict.backends.map((b) => (b.pod ? `${b.pod.namespace}/${b.pod.name}` : `ip:${b.ip}`));
  const stray = (r.backends ?? [r.backend!]).filter((b) => !names.includes(b));
  if (stray.length > 0) return `${at}: answered by ${stray.join(', ')}, the oracle allows ${names.join(', ')}`;
  const b = verdict.backends[names.indexOf(r.backend!)]!;
  if (r.backendPort !== b.port) return `${at}: ${r.backend} reached on port ${r.backendPort}, expected ${b.port}`;
  const sources = b.source.kind === 'client'
    ? [clientIp(c, p)]
    : c.oracleNodes().filter((n) => (b.source.kind === 'node' ? b.source.nodes : []).includes(n.name)).flatMap((n) => n.addresses);
  if (!sources.includes(r.sourceIP)) return `${at}: ${r.backend} saw source ${r.sourceIP}, expected ${b.source.kind === 'client' ? 'the client' : 'a node address'} (${sources.join(', ')})`;
  const answered = replySource(r);
  if (answered !== frontend(c, p)) return `${at}: the answer came from ${answered}, not from ${frontend(c, p)}`;
  return undefined;
}

/** Probes and compares each with the Service oracle; returns the results and the disagreements. */
export function checkServiceProbes(c: CheckedCluster, probes: readonly ProbeSpec[]): { results: ProbeResultView[]; problems: string[] } {
  const results = c.probe(probes);
  return { results, problems: probes.flatMap((p, i) => serviceDisagreement(c, p, results[i]!) ?? []) };
}

/**
 * Probes one at a time at the cluster's current time, each checked against `affinity`'s
 * verdict (narrowed to the remembered backend while the client's affinity lasts) and then
 * recorded, as kube-proxy would remember it.
 */
export function checkAffinityProbes(c: CheckedCluster, affinity: AffinityOracle, nowSeconds: number, probes: readonly ProbeSpec[]): { results: ProbeResultView[]; problems: string[] } {
  const results: ProbeResultView[] = [];
  const problems: string[] = [];
  for (const p of probes) {
    const [r] = c.probe([p]);
    results.push(r!);
    const sp = serviceProbe(c, p);
    const wrong = serviceDisagreement(c, p, r!, affinity.expect(sp, p.from, nowSeconds));
    if (wrong) problems.push(`t=${nowSeconds}s ${wrong}`);
    if (r!.allowed && r!.backend) affinity.record(sp, p.from, nowSeconds, { ip: c.ip(r!.backend), port: r!.backendPort! });
  }
  return { results, problems };
}
