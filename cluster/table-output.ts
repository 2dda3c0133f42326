/**
 * @module `simulate --output table`: nodes, pods and services, then per protocol/port a
 * reachability matrix (rows: from, columns: to; `.` allowed, `X` dropped, `R` refused), who
 * answered probes to services, nodes and addresses, and the reasons of the denied cells. Pure.
 */
import type { ProbeResultView } from './probe-result.ts';
import type { ScenarioOutput, StepOutput } from './simulation.ts';

function columns(rows: readonly (readonly string[])[], indent = '  '): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map((r) => `${indent}${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')}`.trimEnd());
}

const cell = (r: ProbeResultView): string => (r.allowed ? '.' : r.failure === 'refused' ? 'R' : 'X');

/** The reachability matrices of `results`, one per protocol/port, in first-probe order. */
export function reachabilityMatrices(results: readonly ProbeResultView[]): string[] {
  const groups = new Map<string, ProbeResultView[]>();
  for (const r of results) {
    const k = `${r.protocol}/${r.port}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const out: string[] = [];
  for (const [k, rs] of groups) {
    const froms = [...new Set(rs.map((r) => r.from))];
    const tos = [...new Set(rs.map((r) => r.to))];
    const byPair = new Map(rs.map((r) => [`${r.from}\n${r.to}`, r]));
    const rows = [[k, ...tos], ...froms.map((f) => [f, ...tos.map((t) => { const r = byPair.get(`${f}\n${t}`); return r ? cell(r) : ' '; })])];
    out.push(...columns(rows), '');
  }
  return out;
}

function answered(results: readonly ProbeResultView[]): string[] {
  const rows = results
    .filter((r) => r.allowed && !/^[^:]+\/[^/]+$/.test(r.to))
    .map((r) => [`${r.from} -> ${r.to} ${r.protocol}/${r.port}`, `${r.backend ?? '?'}:${r.backendPort ?? '?'}`, `saw ${r.sourceIP ?? '?'}`, r.backends ? `backends ${r.backends.join(', ')}` : '']);
  return rows.length > 0 ? ['ANSWERED BY', ...columns(rows), ''] : [];
}

function denied(results: readonly ProbeResultView[]): string[] {
  const rows = results.filter((r) => !r.allowed).map((r) => `  ${r.from} -> ${r.to} ${r.protocol}/${r.port}: ${r.reason}`);
  return rows.length > 0 ? ['DENIED', ...rows, ''] : [];
}

function state(s: StepOutput): string[] {
  return [
    'NODES',
    ...columns(s.nodes.map((n) => [n.name, n.address, n.podCIDR])),
    '',
    'PODS',
    ...columns(s.pods.map((p) => [`${p.namespace}/${p.name}`, p.node, p.ip ?? '-'])),
    '',
    ...(s.services.length > 0 ? ['SERVICES', ...columns(s.services.map((v) => [`${v.namespace}/${v.name}`, v.clusterIP ?? '-'])), ''] : []),
  ];
}

/**
 * One state as text.
 * @param previous the state before (scenarios): nodes, pods and services are only printed when they changed
 */
export function stepTable(s: StepOutput, previous?: StepOutput): string {
  const same = previous !== undefined && JSON.stringify([s.nodes, s.pods, s.services]) === JSON.stringify([previous.nodes, previous.pods, previous.services]);
  const lines = [
    ...(same ? ['NODES, PODS, SERVICES unchanged', ''] : state(s)),
    ...(s.results.length > 0 ? ['REACHABILITY (. allowed, X dropped, R refused)', ...reachabilityMatrices(s.results)] : []),
    ...answered(s.results),
    ...denied(s.results),
  ];
  return lines.join('\n').trimEnd();
}

/** A scenario as text: every step's state and results. */
export function scenarioTable(o: ScenarioOutput): string {
  return o.steps.map((s, i) => `=== STEP ${i} ===\n${stepTable(s, o.steps[i - 1])}`).join('\n\n');
}
