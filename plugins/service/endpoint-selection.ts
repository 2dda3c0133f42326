/**
 * @module Which endpoints a new connection may use under a traffic policy, as kube-proxy
 * chooses them (KEP-1669, terminating endpoints): ready endpoints; if none, serving
 * terminating ones; `Local` restricts both steps to this node's endpoints.
 */
import type { EndpointCandidate, FrontendAction } from './service-model.ts';

/** The outcome of endpoint selection for one frontend. */
export interface EndpointSelection {
  /** The endpoints a new connection may go to (input order kept). */
  readonly endpoints: readonly EndpointCandidate[];
  /** Whether any endpoint is usable anywhere in the cluster (ready, or serving while terminating). */
  readonly hasUsable: boolean;
  /** forward if `endpoints` is not empty; else drop when usable endpoints exist elsewhere, reject when none. */
  readonly action: FrontendAction;
  /** Why, in words. */
  readonly reason: string;
}

/** An endpoint kube-proxy falls back to when nothing is ready: still serving, but terminating. */
function servingTerminating(e: EndpointCandidate): boolean {
  return e.serving && e.terminating;
}

/** Whether kube-proxy would ever use `e` (ready, or the terminating fallback). */
export function isUsable(e: EndpointCandidate): boolean {
  return e.ready || servingTerminating(e);
}

/**
 * Selects the endpoints of a frontend.
 * @param candidates every endpoint of the service port
 * @param policy `Cluster`: all endpoints; `Local`: only those on this node
 * @example selectEndpoints(eps, 'Local') // → { endpoints: [local ready ones], action: 'forward', ... }
 */
export function selectEndpoints(candidates: readonly EndpointCandidate[], policy: 'Cluster' | 'Local'): EndpointSelection {
  const eligible = policy === 'Local' ? candidates.filter((e) => e.local) : candidates;
  const hasUsable = candidates.some(isUsable);
  const where = policy === 'Local' ? 'local ' : '';
  const ready = eligible.filter((e) => e.ready);
  if (ready.length > 0) {
    return { endpoints: ready, hasUsable, action: 'forward', reason: `${ready.length} ready ${where}endpoint(s)` };
  }
  const terminating = eligible.filter(servingTerminating);
  if (terminating.length > 0) {
    return {
      endpoints: terminating,
      hasUsable,
      action: 'forward',
      reason: `no ready ${where}endpoint: ${terminating.length} serving terminating ${where}endpoint(s)`,
    };
  }
  if (hasUsable) return { endpoints: [], hasUsable, action: 'drop', reason: 'no local endpoints (traffic policy Local)' };
  return { endpoints: [], hasUsable, action: 'reject', reason: 'no endpoints' };
}
