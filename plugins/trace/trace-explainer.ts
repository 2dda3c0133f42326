/**
 * @module From a probe result to an explanation: every step of both walks with the interface's
 * pod, the policy rules behind each ACL rule that decided (via the policy plugin's provenance),
 * the Service behind each NAT44 mapping or reject (via its tag), the step that decided, and the
 * policies and Services involved. Pure over {@linkcode TraceProvenance}.
 */
import type { Protocol } from '../ksr/model.ts';
import { formatIp4 } from '../net/ipv4.ts';
import type { AclRuleExplanation } from '../policy/api.ts';
import { formatOrigin, type RuleOrigin } from '../policy/rule-origin.ts';
import type { ProbeResult } from '../vpp/sim/tracer/probe.ts';
import { describeEndpoint, type Endpoint, type Trace, type TraceEnd } from '../vpp/sim/tracer/trace.ts';
import type { ExplainedStep, PolicyInvolvement, ServiceRef, TraceResult, WalkEnd, WalkName } from './trace-result.ts';

/** Where explanations come from (the plugin adapts POLICY_API, SERVICE_API, CONTIV_API, KSR_API). */
export interface TraceProvenance {
  /** Provenance of rule `rule` of ACL `acl`; undefined if the ACL is not the policy plugin's. */
  aclRule(acl: string, rule: number): AclRuleExplanation | undefined;
  /** The Service behind a NAT44 tag; undefined if not the service plugin's. */
  serviceByTag(tag: string): Omit<ServiceRef, 'tag'> | undefined;
  /** Our tag of a VPP interface (by VPP name). */
  interfaceTag(vppName: string): string | undefined;
  /** The local pod behind an interface tag (`namespace/name`). */
  podByInterface(tag: string): string | undefined;
  /** The pod holding an address (`namespace/name`), on any node. */
  podByIp(ip: string): string | undefined;
  /** Policies selecting a local pod (`namespace/name` each). */
  policiesOf(pod: string): readonly string[];
}

/** The probe as the client asked it. */
export interface TracedProbe {
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly protocol: Protocol;
  readonly node: string;
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

function explainSteps(t: Trace, walk: WalkName, p: TraceProvenance, policies: PolicyInvolvement[], services: Map<string, ServiceRef>): ExplainedStep[] {
  return t.steps.map((s): ExplainedStep => {
    const tag = s.interface === undefined ? undefined : p.interfaceTag(s.interface);
    const pod = tag === undefined ? undefined : p.podByInterface(tag);
    let extra: Partial<ExplainedStep> = {};
    if (ACL_STEPS.has(s.step) && s.table !== undefined && s.rule !== undefined) {
      const e = p.aclRule(s.table, s.rule);
      if (e) {
        extra = { policyRule: e, origins: originTexts(e) };
        policies.push(...involvements(e));
      }
    } else if (NAT_STEPS.has(s.step) && s.table !== undefined) {
      const svc = p.serviceByTag(s.table);
      if (svc) {
        const ref: ServiceRef = { ...svc, tag: s.table };
        extra = { service: ref };
        services.set(`${ref.service}|${ref.port ?? ''}`, ref);
      }
    } else if (SESSION_STEPS.has(s.step) && pod !== undefined) {
      const selecting = p.policiesOf(pod);
      extra = { note: selecting.length > 0 ? `session rules of ${pod} come from ${selecting.join(', ')}` : `no policy selects ${pod}` };
      for (const policy of selecting) policies.push({ policy, effect: 'selects', pod });
    }
    return { ...s, walk, ...(tag !== undefined ? { interfaceTag: tag } : {}), ...(pod !== undefined ? { pod } : {}), ...extra };
  });
}

function endpointName(e: Endpoint, p: TraceProvenance): string {
  const ip = formatIp4(e.ip);
  if (e.kind === 'pod') return p.podByIp(ip) ?? `ip:${ip}`;
  if (e.kind === 'host') return `node:${e.node}`;
  return `ip:${ip}`;
}

function walkEnd(end: TraceEnd, walk: WalkName, p: TraceProvenance): WalkEnd {
  if (end.kind === 'delivered') {
    const name = endpointName(end.endpoint, p);
    const what = describeEndpoint(end.endpoint, formatIp4);
    return { walk, kind: 'delivered', detail: name.startsWith('ip:') || name.startsWith('node:') ? what : `${what}: ${name}` };
  }
  return { walk, kind: end.kind, node: end.node, detail: end.reason };
}

function compareInvolvement(a: PolicyInvolvement, b: PolicyInvolvement): number {
  return a.policy.localeCompare(b.policy) || (a.direction ?? '').localeCompare(b.direction ?? '') || (a.rule ?? -1) - (b.rule ?? -1)
    || a.pod.localeCompare(b.pod) || a.effect.localeCompare(b.effect);
}

function uniqueSorted(list: readonly PolicyInvolvement[]): PolicyInvolvement[] {
  const byKey = new Map(list.map((x) => [JSON.stringify([x.policy, x.direction, x.rule, x.pod, x.effect]), x]));
  return [...byKey.values()].sort(compareInvolvement);
}

/** Denied: the last step that denied, dropped or refused. Allowed: the last permit of the opening packet. */
function decidingStep(steps: readonly ExplainedStep[], allowed: boolean): number | undefined {
  for (let i = steps.length - 1; i >= 0; i--) {
    const s = steps[i];
    if (s?.verdict === undefined) continue;
    if (allowed ? s.walk === 'forward' && s.verdict === 'permit' : DECIDING.has(s.verdict)) return i;
  }
  return undefined;
}

/**
 * Explains `r`, the tracer's result of probe `q`.
 * @example explainProbe(q, probe(world, req), provenance).policies // [{ policy: 'x/deny', effect: 'isolates', ... }]
 */
export function explainProbe(q: TracedProbe, r: ProbeResult, p: TraceProvenance): TraceResult {
  const policies: PolicyInvolvement[] = [];
  const services = new Map<string, ServiceRef>();
  const forward = explainSteps(r.forward, 'forward', p, policies, services);
  const reply = r.reply ? explainSteps(r.reply, 'reply', p, policies, services) : [];
  const trace = [...forward, ...reply];
  const ends = [walkEnd(r.forward.end, 'forward', p), ...(r.reply ? [walkEnd(r.reply.end, 'reply', p)] : [])];
  const decidedBy = decidingStep(trace, r.allowed);
  return {
    from: q.from, to: q.to, port: q.port, protocol: q.protocol,
    allowed: r.allowed,
    ...(r.failure !== undefined ? { failure: r.failure } : {}),
    ...(r.deliveredTo !== undefined ? { backend: endpointName(r.deliveredTo, p) } : {}),
    ...(r.backend !== undefined ? { backendPort: r.backend.port } : {}),
    ...(r.sourceSeenByBackend !== undefined ? { sourceIP: formatIp4(r.sourceSeenByBackend.ip) } : {}),
    reason: r.reason,
    trace,
    node: q.node,
    sourcePort: r.srcPort,
    ends,
    ...(decidedBy !== undefined ? { decidedBy } : {}),
    policies: uniqueSorted(policies),
    services: [...services.values()].sort((a, b) => a.service.localeCompare(b.service) || (a.port ?? 0) - (b.port ?? 0)),
  };
}
