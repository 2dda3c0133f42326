/**
 * @module Probe results as `simulate` and `trace` print them: the tracer's verdicts of one
 * probe's attempts shaped into `{ from, to, port, protocol, allowed, failure?, backend?,
 * backendPort?, sourceIP?, backends?, reason, trace }`, with the reason naming the rule that
 * decided and the Kubernetes object (NetworkPolicy rule, Service) behind it. Pure: what
 * objects the tables stand for comes in through {@linkcode StepExplainer}.
 */
import { formatIp4, type Ip4 } from '../plugins/net/ipv4.ts';
import type { ProbeResult } from '../plugins/vpp/sim/tracer/probe.ts';
import type { Endpoint, Trace, TraceStep } from '../plugins/vpp/sim/tracer/trace.ts';
import type { ProbeSpec } from './probe-spec.ts';

/** One entry of a result's trace: a step of the opening packet (`forward`) or of the answer (`reply`). */
export interface TraceEntry {
  readonly direction: 'forward' | 'reply';
  /** Simulated node, `underlay`, `gateway` or `outside`. */
  readonly node: string;
  /** The graph node (`acl-output`, `nat44-out2in`, …), or how the walk ended: `delivered`, `dropped`, `refused`. */
  readonly step: string;
  readonly detail: string;
  readonly interface?: string;
  /** ACL, NAT mapping tag, route or session-rule tag that decided. */
  readonly table?: string;
  /** Index of the deciding rule in `table`. */
  readonly rule?: number;
  readonly verdict?: string;
  /** The packet as the step saw it. */
  readonly packet?: string;
  /** The Kubernetes object behind `table`/`rule`: a NetworkPolicy rule or a Service port. */
  readonly origin?: string;
}

/** The result of one probe (contract of `simulate --output json`; keys kept, never renamed). */
export interface ProbeResultView {
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly protocol: string;
  readonly allowed: boolean;
  readonly failure?: 'refused' | 'dropped';
  /** Who answered: `ns/pod`, or `ip:A.B.C.D` (a node's host, an outside host). */
  readonly backend?: string;
  /** The port it was reached on (after DNAT). */
  readonly backendPort?: number;
  /** The source address it saw (after SNAT / twice-NAT). */
  readonly sourceIP?: string;
  /** Distinct backends over the attempts (when the probe asked for attempts), sorted. */
  readonly backends?: readonly string[];
  /** One sentence: the verdict, the deciding rule and the policy or Service behind it. */
  readonly reason: string;
  readonly trace: readonly TraceEntry[];
}

/** Names the Kubernetes object behind a trace step's table and rule, when there is one. */
export interface StepExplainer {
  /** E.g. `y/b: ingress isolation by y/deny-all`, `Service x/web port http (80/TCP)`; undefined if unknown. */
  explain(step: TraceStep): string | undefined;
}

/** Names pods by address (to say which pod answered). */
export interface EndpointNames {
  /** `ns/pod` of the pod with `ip` on `node`, if any. */
  podAt(node: string, ip: Ip4): string | undefined;
}

const DENYING = new Set(['deny', 'drop', 'refuse']);

/** `ns/pod` for a pod endpoint, else `ip:A.B.C.D`. */
export function endpointName(e: Endpoint, names: EndpointNames): string {
  if (e.kind === 'pod') return names.podAt(e.node, e.ip) ?? `ip:${formatIp4(e.ip)}`;
  return `ip:${formatIp4(e.ip)}`;
}

function entries(trace: Trace | undefined, direction: 'forward' | 'reply', explainer: StepExplainer): TraceEntry[] {
  if (!trace) return [];
  const out: TraceEntry[] = trace.steps.map((s) => {
    const origin = s.table !== undefined ? explainer.explain(s) : undefined;
    return { direction, ...s, ...(origin !== undefined ? { origin } : {}) };
  });
  const end = trace.end;
  if (end.kind === 'delivered') out.push({ direction, node: end.endpoint.kind === 'outside' ? 'outside' : end.endpoint.node, step: 'delivered', detail: `delivered to ${end.endpoint.kind} ${formatIp4(end.endpoint.ip)}` });
  else out.push({ direction, node: end.node, step: end.kind, detail: end.reason });
  return out;
}

/** `table rule N` of a step, as the reason names it. */
function stepName(e: TraceEntry): string {
  const what = e.step.startsWith('acl') ? 'ACL' : e.step.startsWith('nat44') ? 'NAT44' : e.step.startsWith('session') ? 'session rule' : e.step;
  return `${what} ${e.table ?? ''}${e.rule !== undefined && e.step.startsWith('acl') ? ` rule ${e.rule}` : ''} on ${e.node}`.replace(/\s+/g, ' ');
}

/**
 * What explains a failure: the origin of the last denying step, or — when that step has none
 * (a route) — of the closest step before it that has one (e.g. the Service mapping that sent
 * the packet there).
 */
function decidingOrigin(trace: readonly TraceEntry[]): string | undefined {
  for (let i = trace.length - 1; i >= 0; i--) {
    const e = trace[i]!;
    if (e.verdict === undefined || !DENYING.has(e.verdict)) continue;
    if (e.origin !== undefined) return e.origin;
    for (let j = i - 1; j >= 0 && trace[j]!.direction === e.direction; j--) if (trace[j]!.origin !== undefined) return trace[j]!.origin;
    return undefined;
  }
  return undefined;
}

/** Distinct explanations of the steps that let the connection through (policies, services). */
function supportingOrigins(trace: readonly TraceEntry[]): string[] {
  const out: string[] = [];
  for (const e of trace) {
    // The reflective ACL lets every connection start; it explains nothing about this one.
    if (e.origin === undefined || e.verdict === undefined || DENYING.has(e.verdict) || e.detail.includes('REFLECT')) continue;
    const text = `${stepName(e)}: ${e.origin}`;
    if (!out.includes(text)) out.push(text);
  }
  return out;
}

function reasonOf(r: ProbeResult, trace: readonly TraceEntry[]): string {
  if (r.allowed) {
    const why = supportingOrigins(trace);
    return `allowed: ${r.reason}${why.length > 0 ? `; ${why.join('; ')}` : ''}`;
  }
  const head = `${r.failure ?? 'dropped'}: ${r.reason}`;
  const origin = decidingOrigin(trace);
  return origin !== undefined ? `${head} (${origin})` : head;
}

/**
 * Shapes the attempts of one probe into its result. The main fields describe the first attempt
 * that failed, or the first attempt when all succeeded; `allowed` holds only if every attempt
 * was allowed; `backends` (when `spec.attempts` is given) lists who answered over all attempts.
 * @param attempts at least one tracer result
 * @throws {RangeError} if `attempts` is empty
 */
export function shapeProbeResult(spec: ProbeSpec, attempts: readonly ProbeResult[], names: EndpointNames, explainer: StepExplainer): ProbeResultView {
  const shown = attempts.find((a) => !a.allowed) ?? attempts[0];
  if (!shown) throw new RangeError(`probe ${spec.from} -> ${spec.to}: no attempt to shape`);
  const trace = [...entries(shown.forward, 'forward', explainer), ...entries(shown.reply, 'reply', explainer)];
  const backend = shown.deliveredTo ? endpointName(shown.deliveredTo, names) : undefined;
  const backends = spec.attempts !== undefined
    ? [...new Set(attempts.flatMap((a) => (a.deliveredTo ? [endpointName(a.deliveredTo, names)] : [])))].sort()
    : undefined;
  return {
    from: spec.from,
    to: spec.to,
    port: spec.port,
    protocol: spec.protocol,
    allowed: attempts.every((a) => a.allowed),
    ...(shown.failure !== undefined ? { failure: shown.failure } : {}),
    ...(backend !== undefined ? { backend } : {}),
    ...(shown.backend ? { backendPort: shown.backend.port } : {}),
    ...(shown.sourceSeenByBackend ? { sourceIP: formatIp4(shown.sourceSeenByBackend.ip) } : {}),
    ...(backends !== undefined ? { backends } : {}),
    reason: reasonOf(shown, trace),
    trace,
  };
}
