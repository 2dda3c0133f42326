/**
 * @module A trace result as text for people (`contiv-ts trace --output text`): the verdict, each
 * step of both walks with the rule and the policy rules or Service behind it, how each walk
 * ended, and the policies and Services involved. Pure.
 */
import type { ExplainedEntry, PolicyInvolvement, ServiceRef, TraceResult } from './trace-result.ts';

const WALK_TITLE = { forward: 'opening packet', reply: 'answer' } as const;

/** One policy involvement in words. */
export function describeInvolvement(p: PolicyInvolvement): string {
  const dir = p.direction === undefined ? '' : ` ${p.direction}`;
  switch (p.effect) {
    case 'allows':
      return `${p.policy}${dir} rule ${p.rule ?? '?'} allows this traffic of ${p.pod}`;
    case 'isolates':
      return `${p.policy} isolates ${p.pod}${dir}: what no rule allows is denied`;
    case 'selects':
      return `${p.policy} selects ${p.pod}`;
  }
}

function describeService(s: ServiceRef): string {
  return `${s.service}${s.port !== undefined ? ` port ${s.port}${s.portName !== undefined ? ` (${s.portName})` : ''}` : ''} [${s.tag}]`;
}

/** Entries that close a walk (`cluster/probe-result.ts`): how it ended, not a graph node. */
export const END_STEPS: ReadonlySet<string> = new Set(['delivered', 'dropped', 'refused']);

function entryLines(e: ExplainedEntry, n: number, decided: boolean): string[] {
  if (END_STEPS.has(e.step)) return [`  end: ${e.step} at ${e.node}: ${e.detail}`];
  const itf = e.interface === undefined ? '' : ` ${e.interface}${e.pod !== undefined ? ` (${e.pod})` : e.interfaceTag !== undefined ? ` (${e.interfaceTag})` : ''}`;
  const verdict = e.verdict === undefined ? '' : ` [${e.verdict}]`;
  const lines = [`${decided ? '>' : ' '} ${String(n).padStart(2)}. ${e.node} ${e.step}${itf}${verdict}: ${e.detail}`];
  if (e.packet !== undefined) lines.push(`       packet ${e.packet}`);
  if (e.policyRule) lines.push(`       rule: ${e.policyRule.table} table rule ${e.policyRule.ruleIndex}: ${e.policyRule.rule}`);
  for (const o of e.origins ?? []) lines.push(`       from: ${o}`);
  if (e.service) lines.push(`       service: ${describeService(e.service)}`);
  else if (e.origin !== undefined && !e.policyRule) lines.push(`       origin: ${e.origin}`);
  if (e.note !== undefined) lines.push(`       note: ${e.note}`);
  return lines;
}

/**
 * Renders `r` as text (no trailing newline).
 * @example console.log(formatTraceText(await (await fetch(url)).json()))
 */
export function formatTraceText(r: TraceResult): string {
  const verdict = r.allowed ? 'ALLOWED' : `DENIED (${r.failure ?? 'dropped'})`;
  const lines = [`${r.from} → ${r.to} ${r.protocol} ${r.port}: ${verdict} (traced on ${r.node}, client port ${r.sourcePort})`, `reason: ${r.reason}`];
  if (r.backend !== undefined) {
    lines.push(`answered by ${r.backend}${r.backendPort !== undefined ? ` on port ${r.backendPort}` : ''}${r.sourceIP !== undefined ? `, which saw the client as ${r.sourceIP}` : ''}`);
  }
  for (const direction of ['forward', 'reply'] as const) {
    const entries = r.trace.map((e, i) => ({ e, i })).filter(({ e }) => e.direction === direction);
    if (entries.length === 0) continue;
    lines.push('', `${WALK_TITLE[direction]}:`);
    entries.forEach(({ e, i }, n) => lines.push(...entryLines(e, n + 1, i === r.decidedBy)));
  }
  lines.push('', 'policies:');
  if (r.policies.length === 0) lines.push('  none restricts this traffic');
  for (const p of r.policies) lines.push(`  ${describeInvolvement(p)}`);
  if (r.services.length > 0) {
    lines.push('services:');
    for (const s of r.services) lines.push(`  ${describeService(s)}`);
  }
  return lines.join('\n');
}
