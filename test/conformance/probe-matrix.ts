/**
 * @module Compares the rendered data plane with the oracle over every probe of a cluster:
 * each ordered pair of endpoints (pods, external addresses, node addresses; at least one pod;
 * never a pod with itself) × protocol/port. Returns the mismatches with both explanations.
 */
import type { Endpoint, OracleProtocol } from '../oracle/k8s-oracle.ts';
import { allowed } from '../oracle/k8s-oracle.ts';
import type { RenderedCluster } from '../oracle/rendered-cluster.ts';

/** One probe: a protocol and destination port. */
export interface Probe {
  readonly protocol: OracleProtocol;
  readonly port: number;
}

/** A disagreement between data plane and oracle. */
export interface Mismatch {
  readonly renderer: 'acl' | 'vpptcp';
  readonly src: string;
  readonly dst: string;
  readonly probe: string;
  readonly oracle: string;
  readonly dataplane: string;
}

/** Probes used by default: TCP 80/81/8080, UDP 53/80, SCTP 9000, ICMP. */
export const DEFAULT_PROBES: readonly Probe[] = [
  { protocol: 'TCP', port: 80 }, { protocol: 'TCP', port: 81 }, { protocol: 'TCP', port: 8080 },
  { protocol: 'UDP', port: 53 }, { protocol: 'UDP', port: 80 }, { protocol: 'SCTP', port: 9000 }, { protocol: 'ICMP', port: 0 },
];

const text = (e: Endpoint): string => ('pod' in e ? `${e.pod.namespace}/${e.pod.name}` : e.ip);

/** Every mismatch between `rc`'s data plane and the oracle. */
export function compareWithOracle(
  rc: RenderedCluster,
  externalIps: readonly string[],
  opts: { readonly probes?: readonly Probe[]; readonly renderers?: readonly ('acl' | 'vpptcp')[] } = {},
): Mismatch[] {
  const cluster = rc.cluster;
  const pods: Endpoint[] = cluster.pods.filter((p) => p.ip !== undefined).map((p) => ({ pod: { namespace: p.namespace, name: p.name } }));
  const ips: Endpoint[] = [...externalIps, ...cluster.nodes.flatMap((n) => n.addresses)].map((ip) => ({ ip }));
  const endpoints = [...pods, ...ips];
  const renderers = opts.renderers ?? ['acl', 'vpptcp'];
  const out: Mismatch[] = [];
  for (const src of endpoints) {
    for (const dst of endpoints) {
      if (src === dst || (!('pod' in src) && !('pod' in dst))) continue;
      for (const probe of opts.probes ?? DEFAULT_PROBES) {
        const o = allowed(cluster, src, dst, probe.protocol, probe.port);
        const base = { src: text(src), dst: text(dst), probe: `${probe.protocol}/${probe.port}`, oracle: `${o.allowed} (${o.reason})` };
        if (renderers.includes('acl')) {
          const a = rc.aclVerdict(src, dst, probe.protocol, probe.port);
          if (a.allowed !== o.allowed) out.push({ renderer: 'acl', ...base, dataplane: `${a.allowed} [${a.trace.join('; ')}]` });
        }
        if (renderers.includes('vpptcp') && (probe.protocol === 'TCP' || probe.protocol === 'UDP')) {
          const s = rc.sessionVerdict(src, dst, probe.protocol, probe.port);
          if (s.allowed !== o.allowed) out.push({ renderer: 'vpptcp', ...base, dataplane: `${s.allowed} [${s.trace.join('; ')}]` });
        }
      }
    }
  }
  return out;
}
