/**
 * @module The probes of `simulate --matrix`: every ordered pair of pods with an IP (a pod to
 * itself included, as the upstream reachability matrix has it), on every container port the
 * destination pod declares. Deterministic order: source, destination, protocol, port. Pure.
 */
import type { Pod } from '../plugins/ksr/model.ts';
import { compareText } from './compare-text.ts';
import type { ProbeSpec } from './probe-spec.ts';

/** The matrix probes between `pods`. */
export function matrixProbes(pods: readonly Pod[]): ProbeSpec[] {
  const key = (p: Pod): string => `${p.namespace}/${p.name}`;
  const live = pods.filter((p) => p.ip !== undefined && p.nodeName !== undefined).sort((a, b) => compareText(key(a), key(b)));
  const out: ProbeSpec[] = [];
  for (const to of live) {
    const ports = [...new Map(to.containerPorts.map((c) => [`${c.protocol}/${c.containerPort}`, c])).values()]
      .sort((a, b) => compareText(a.protocol, b.protocol) || a.containerPort - b.containerPort);
    for (const from of live) {
      for (const c of ports) out.push({ from: key(from), to: key(to), port: c.containerPort, protocol: c.protocol });
    }
  }
  return out.sort((a, b) => compareText(a.from, b.from) || compareText(a.to, b.to) || compareText(a.protocol, b.protocol) || a.port - b.port);
}
