/**
 * @module explainProbe(): a probe result shaped as `simulate` shapes it (`cluster/probe-result.ts`,
 * whose reason and entry origins name the policy rule or Service), with what an agent adds to
 * every step: the pod behind the interface, the rendered rule and the policy rules behind an ACL
 * rule, the Service behind a NAT44 tag, the policies selecting a pod for session rules; then the
 * step that decided and the policies and Services involved. Pure over {@linkcode TraceProvenance}.
 */
import { shapeProbeResult, type EndpointNames, type StepExplainer } from '../../cluster/probe-result.ts';
import type { ProbeSpec } from '../../cluster/probe-spec.ts';
import type { AclRuleExplanation } from '../policy/api.ts';
import { formatOrigin, type RuleOrigin } from '../policy/rule-origin.ts';
import type { ProbeResult } from '../vpp/sim/tracer/probe.ts';
import type { Trace, TraceStep } from '../vpp/sim/tracer/trace.ts';
import type { EntryProvenance, ExplainedEntry, PolicyInvolvement, ServiceRef, TraceResult } from './trace-result.ts';

/** Where explanations come from (the plugin adapts POLICY_API, SERVICE_API, CONTIV_API, KSR_API). */
export interface TraceProvenance extends EndpointNames {
  /** Provenance of rule `rule` of ACL `acl`; undefined if the ACL is not the policy plugin's. */
  aclRule(acl: string, rule: number): AclRuleExplanation | undefined;
  /** The Service behind a NAT44 tag; undefined if not the service plugin's. */
  serviceByTag(tag: string): Omit<ServiceRef, 'tag'> | undefined;
  /** Our tag of a VPP interface (by VPP name). */
  interfaceTag(vppName: string): string | undefined;
  /** The local pod behind an interface tag (`namespace/name`). */
  podByInterface(tag: string): string | undefined;
  /** Policies selecting a local pod (`namespace/name` each). */
  policiesOf(pod: string): readonly string[];
  /** One-line origins of entries, as `simulate` writes them. */
  readonly steps: StepExplainer;
}

const ACL_STEPS = new Set(['acl-input', 'acl-output']);
const NAT_STEPS = new Set(['nat44-out2in', 'nat44-in2out', 'nat44-in2out-output', 'nat44-reject']);
const SESSION_STEPS = new Set(['session-rules-local', 'session-rules-global']);
const DECIDING = new Set(['deny', 'drop', 'refuse']);

function involvements(e: AclRuleExplanation): PolicyInvolvement[] {
  const out: PolicyInvolvement[] = [];
  const add = (pod: string, origins: readonly RuleOrigin[]): void => {
    for (const o of origins) {
      if (o.kind === 'policy') out.push({ policy: o.ref.policy, direction: o.ref.direction, rule: o.ref.rule, effect: 'allows', pod });
      else if (o.kind === 'isolation') for (const p of o.policies) out.push({ policy: p, direction: o.direction, effect: 'isolates', pod });
    }
  };
  for (const s of e.sources) {
    add(s.pod, s.origins);
    if (s.peer) add(s.peer.pod, s.peer.origins);
  }
  return out;
}

function originTexts(e: AclRuleExplanation): string[] {
  const texts = e.sources.flatMap((s) => [...s.origins, ...(s.peer?.origins ?? [])].map(formatOrigin));
  const notes = e.sources.flatMap((s) => (s.note === undefined ? [] : [s.note]));
  return [...new Set([...texts, ...notes])];
}

interface Collected {
  readonly policies: PolicyInvolvement[];
  readonly services: Map<string, ServiceRef>;
}

function provenanceOf(s: TraceStep, p: TraceProvenance, into: Collected): EntryProvenance {
  const tag = s.interface === undefined ? undefined : p.interfaceTag(s.interface);
  const pod = tag === undefined ? undefined : p.podByInterface(tag);
  const base: EntryProvenance = { ...(tag !== undefined ? { interfaceTag: tag } : {}), ...(pod !== undefined ? { pod } : {}) };
  if (ACL_STEPS.has(s.step) && s.table !== undefined && s.rule !== undefined) {
    const e = p.aclRule(s.table, s.rule);
    if (!e) return base;
    into.policies.push(...involvements(e));
    return { ...base, policyRule: e, origins: originTexts(e) };
  }
  if (NAT_STEPS.has(s.step) && s.table !== undefined) {
    const svc = p.serviceByTag(s.table);
    if (!svc) return base;
    const ref: ServiceRef = { ...svc, tag: s.table };
    into.services.set(`${ref.service}|${ref.port ?? ''}`, ref);
    return { ...base, service: ref };
  }
  if (SESSION_STEPS.has(s.step) && pod !== undefined) {
    const selecting = p.policiesOf(pod);
    for (const policy of selecting) into.policies.push({ policy, effect: 'selects', pod });
    return { ...base, note: selecting.length > 0 ? `session rules of ${pod} come from ${selecting.join(', ')}` : `no policy selects ${pod}` };
  }
  return base;
}

/** Provenance per entry of a shaped walk: one per step, then none for the entry that ends it. */
function walkProvenance(t: Trace | undefined, p: TraceProvenance, into: Collected): (EntryProvenance | undefined)[] {
  return t ? [...t.steps.map((s) => provenanceOf(s, p, into)), undefined] : [];
}

function compareInvolvement(a: PolicyInvolvement, b: PolicyInvolvement): number {
  return a.policy.localeCompare(b.policy) || (a.direction ?? '').localeCompare(b.direction ?? '') || (a.rule ?? -1) - (b.rule ?? -1)
    || a.pod.localeCompare(b.pod) || a.effect.localeCompare(b.effect);
}

function uniqueSorted(list: readonly PolicyInvolvement[]): PolicyInvolvement[] {
  const byKey = new Map(list.map((x) => [JSON.stringify([x.policy, x.direction, x.rule, x.pod, x.effect]), x]));
  return [...byKey.values()].sort(compareInvolvement);
}

/** Denied: the last entry that denied, dropped or refused. Allowed: the opening packet's last permit. */
function decidingEntry(trace: readonly ExplainedEntry[], allowed: boolean): number | undefined {
  for (let i = trace.length - 1; i >= 0; i--) {
    const e = trace[i];
    if (e?.verdict === undefined) continue;
    if (allowed ? e.direction === 'forward' && e.verdict === 'permit' : DECIDING.has(e.verdict)) return i;
  }
  return undefined;
}

/**
 * Explains `r`, the tracer's result of `spec` traced on `node`.
 * @example explainProbe(spec, probe(world, request), provenance, 'node-1').policies // [{ policy: 'x/deny', effect: 'isolates', ... }]
 */
export function explainProbe(spec: ProbeSpec, r: ProbeResult, p: TraceProvenance, node: string): TraceResult {
  const view = shapeProbeResult(spec, [r], p, p.steps);
  const into: Collected = { policies: [], services: new Map() };
  const extras = [...walkProvenance(r.forward, p, into), ...walkProvenance(r.reply, p, into)];
  // The shape is steps then one closing entry per walk; if that ever changes, entries go unannotated.
  const aligned = extras.length === view.trace.length;
  const trace: ExplainedEntry[] = view.trace.map((e, i) => ({ ...e, ...(aligned ? extras[i] : undefined) }));
  const decidedBy = decidingEntry(trace, view.allowed);
  return {
    ...view,
    trace,
    node,
    sourcePort: r.srcPort,
    ...(decidedBy !== undefined ? { decidedBy } : {}),
    policies: uniqueSorted(into.policies),
    services: [...into.services.values()].sort((a, b) => a.service.localeCompare(b.service) || (a.port ?? 0) - (b.port ?? 0)),
  };
}
