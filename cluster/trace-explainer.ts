/**
 * @module TraceExplainer: a {@linkcode StepExplainer} over the policy and service plugins of
 * the nodes a trace crosses — an ACL rule back to the NetworkPolicy rules (namespace/name and
 * rule index, via `POLICY_API.explainAclRule`) or the isolation that produced it, a NAT44
 * mapping or reject tag back to its Service port (via `SERVICE_API.byTag`). Pure over the APIs.
 */
import type { AclRuleExplanation, PolicyApi, RuleSource } from '../plugins/policy/api.ts';
import { formatOrigin } from '../plugins/policy/rule-origin.ts';
import type { ServiceApi } from '../plugins/service/api.ts';
import type { TraceStep } from '../plugins/vpp/sim/tracer/trace.ts';
import type { StepExplainer } from './probe-result.ts';

/** Tag prefix of a NAT44 mapping standing for a Service reject. */
const REJECT_PREFIX = 'reject:';

/** The plugin APIs of one node (either may be absent in a smaller build). */
export interface NodeApis {
  readonly policy?: PolicyApi;
  readonly service?: ServiceApi;
}

function sourceText(s: RuleSource): string {
  const own = s.origins.map(formatOrigin).join(', ');
  const peer = s.peer ? `; ${s.peer.pod}: ${s.peer.origins.map(formatOrigin).join(', ') || 'not isolated'}` : '';
  const body = own || s.note || 'no policy rule';
  return s.pod ? `${s.pod}: ${body}${peer}` : `${body}${peer}`;
}

/** Text of a policy rule explanation: which pods' policy rules (or isolation) made the ACL rule. */
export function explainAclText(e: AclRuleExplanation): string {
  if (e.table === 'reflection') return 'reflective ACL: replies of connections allowed elsewhere';
  const sources = e.sources.map(sourceText).filter((t) => t !== '');
  return `${e.rule}${sources.length > 0 ? ` — ${sources.join(' | ')}` : ''}`;
}

/** Explains trace steps with the APIs of the node each step ran on. */
export class TraceExplainer implements StepExplainer {
  /** @param apis the plugin APIs of a node by name (undefined for `underlay`, `gateway`, unknown nodes) */
  constructor(private readonly apis: (node: string) => NodeApis | undefined) {}

  explain(step: TraceStep): string | undefined {
    const table = step.table;
    if (table === undefined) return undefined;
    const apis = this.apis(step.node);
    if (!apis) return undefined;
    if ((step.step === 'acl-input' || step.step === 'acl-output') && step.rule !== undefined) {
      const e = apis.policy?.explainAclRule(table, step.rule);
      return e ? explainAclText(e) : undefined;
    }
    if (step.step.startsWith('nat44')) {
      // A reject may be realised as a mapping tagged `reject:<service tag>` (VPP has no NAT reject).
      const rejected = table.startsWith(REJECT_PREFIX);
      const ref = apis.service?.byTag(rejected ? table.slice(REJECT_PREFIX.length) : table);
      if (!ref) return undefined;
      const port = ref.port;
      const what = port ? `Service ${ref.service.id} port ${port.name || port.port} (${port.port}/${port.protocol})` : `Service ${ref.service.id}`;
      const frontend = port?.frontends.find((f) => step.packet.includes(` → ${f.ip}:${f.port} `));
      return rejected ? `${what}: ${frontend?.reason ?? 'no usable endpoint'}` : what;
    }
    return undefined;
  }
}
