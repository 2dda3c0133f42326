/**
 * @module The policy plugin (`POLICY_API`): Kubernetes NetworkPolicies → VPP ACLs and/or VPP
 * session rules. A thin shell: it feeds {@linkcode PolicyPipeline} with the KSR state and this
 * node's facts (CONTIV_API) and writes the output into the event's VPP transaction.
 */
import { inject } from 'tsyringe';
import type { HttpRoutes } from '../../core/http/http-routes.ts';
import type { Logger } from '../../core/log/logger.ts';
import { plugin, type Plugin } from '../../core/plugin.ts';
import type { StatusReporter } from '../../core/status/agent-status.ts';
import { HTTP_ROUTES, LOGGER, STATUS_REPORTER } from '../../core/tokens.ts';
import { optional } from '../../core/inject.ts';
import { CONTIV_API, type ContivApi } from '../contiv/api.ts';
import { KSR_API, type KsrApi, type KsrChange } from '../ksr/api.ts';
import type { EventContext } from '../../core/datasync/datasync.ts';
import { SERVICE_API, type ServiceApi } from '../service/api.ts';
import { VPP_API, type VppApi } from '../vpp/api.ts';
import { AclRenderer } from './acl-renderer.ts';
import { POLICY_API, type AclRuleExplanation, type PolicyApi, type PolicyTablesView } from './api.ts';
import { POLICY_CONFIG, policyConfig, type PolicyConfig } from './config.ts';
import { formatRule } from './contiv-rule.ts';
import type { PolicyNode } from './policy-pipeline.ts';
import { PolicyPipeline } from './policy-pipeline.ts';
import type { RendererName } from './policy-renderer.ts';
import { policyRoutes } from './policy-routes.ts';
import { explainGlobalRule, explainLocalRule } from './rule-explainer.ts';
import { serviceFrontends } from './service-frontends.ts';
import { VppTcpRenderer } from './vpptcp-renderer.ts';

/** The KSR kinds the policy plugin watches. */
export const POLICY_KINDS = ['namespace', 'pod', 'policy'] as const;

/**
 * CONTIV_API (and SERVICE_API, when the service plugin runs) as the pipeline's node port. The
 * host side of the host interconnect counts as the node, and so does the pods' gateway: it is
 * the node's twice-NAT address, the source of masqueraded NodePort and hairpin connections
 * (traffic from a pod's own node is always allowed).
 */
export function contivPolicyNode(contiv: ContivApi, services?: ServiceApi): PolicyNode {
  return {
    ...(services ? { serviceFrontends: () => serviceFrontends(services) } : {}),
    localPods: () => contiv.localPods(),
    localPod: (key) => {
      const slash = key.indexOf('/');
      return contiv.localPod({ namespace: key.slice(0, slash), name: key.slice(slash + 1) });
    },
    nodeAddresses: () => [...contiv.nodeAddresses(), contiv.hostInterconnectHostIp(), contiv.podGateway()],
    outboundInterfaces: () => contiv.outboundInterfaces(),
  };
}

/** Enforces Kubernetes NetworkPolicies on this node's VPP. */
@plugin({ name: 'policy', provides: [POLICY_API], config: policyConfig })
export class PolicyPlugin implements Plugin, PolicyApi {
  readonly name = 'policy';
  readonly #node: PolicyNode;
  #pipeline: PolicyPipeline;
  #reportedIssues = new Set<string>();

  constructor(
    @inject(KSR_API) private readonly ksr: KsrApi,
    @inject(CONTIV_API) private readonly contiv: ContivApi,
    @inject(VPP_API) private readonly vpp: VppApi,
    @inject(LOGGER) private readonly log: Logger,
    @inject(STATUS_REPORTER) private readonly status: StatusReporter,
    @inject(HTTP_ROUTES) private readonly routes: HttpRoutes,
    @inject(POLICY_CONFIG) private readonly config: PolicyConfig,
    @optional(SERVICE_API) private readonly services?: ServiceApi,
  ) {
    this.#node = contivPolicyNode(contiv, services);
    this.#pipeline = new PolicyPipeline(this.#node, { renderers: ['acl'] });
  }

  init(): void {
    this.ksr.subscribe(this.name, POLICY_KINDS, (changes, ctx) => this.#onChanges(changes, ctx));
    // Both listeners run inside the event loop: the ACL changes join that event's transaction.
    this.contiv.onLocalPodChange((change) => {
      this.#pipeline.localPodChanged(change, this.vpp.txn());
      this.#report(`local pod ${change.type}`);
    });
    this.contiv.onNodeIpChange(() => {
      this.#pipeline.nodeChanged(this.vpp.txn());
      this.#report('node change');
    });
    // VPPTCP judges connections to Service frontends by their backends (the service plugin
    // handles an event before this plugin, so its models are current here).
    this.services?.onChange(() => {
      this.#pipeline.servicesChanged(this.vpp.txn());
      this.#report('service change');
    });
    this.routes.mount('/', policyRoutes(this));
  }

  /** Rebuilds from the KSR state and puts the complete desired state (the reconciler diffs it). */
  resync(): void {
    this.#pipeline = new PolicyPipeline(this.#node, { renderers: this.#renderers(), maxRangePorts: this.config.maxRangePorts });
    this.#pipeline.resync(
      { namespaces: this.ksr.list('namespace'), pods: this.ksr.list('pod'), policies: this.ksr.list('policy') },
      this.vpp.txn(),
    );
    this.#report('resync');
    const tables = this.#pipeline.renderers().map((r) => `${r.name}:${r.cache.tableCount()}`);
    this.log.info('resynced', { localPods: this.#pipeline.processor.podCount(), tables });
  }

  tables(): PolicyTablesView {
    const renderers = this.#pipeline.renderers().map((r) => ({
      renderer: r.name,
      orientation: r.cache.orientation,
      localTables: r.cache.localTables().map((t) => ({
        id: t.id,
        ...(r instanceof AclRenderer ? { acl: r.aclNameOf(t.id) } : {}),
        pods: t.pods,
        rules: t.rules.map(formatRule),
      })),
      global: r.cache.globalTable().map(formatRule),
      isolatedPods: r.cache.isolatedPods(),
    }));
    const pods = this.#pipeline.processor.allPodRules().map((p) => ({
      pod: p.pod,
      policies: this.#pipeline.processor.policiesOf(p.pod),
      ingress: { isolated: p.ingress.isolated, rules: p.ingress.rules.map(formatRule) },
      egress: { isolated: p.egress.isolated, rules: p.egress.rules.map(formatRule) },
    }));
    return { renderers, pods, issues: this.issues() };
  }

  explainAclRule(aclName: string, ruleIndex: number): AclRuleExplanation | undefined {
    const acl = this.#pipeline.renderers().find((r): r is AclRenderer => r instanceof AclRenderer);
    const origin = acl?.originOf(aclName);
    if (!acl || !origin) return undefined;
    if (origin.kind === 'reflection') {
      if (ruleIndex !== 0) return undefined;
      return {
        acl: aclName, ruleIndex, rule: 'reflect ANY any -> any', table: 'reflection',
        sources: [{ pod: '', origins: [], note: 'permits and remembers sessions so that replies of connections allowed elsewhere come back' }],
      };
    }
    const e = origin.kind === 'local' ? explainLocalRule(acl.cache, origin.tableId, ruleIndex) : explainGlobalRule(acl.cache, ruleIndex);
    if (!e) return undefined;
    return {
      acl: aclName, ruleIndex, rule: formatRule(e.rule), table: origin.kind,
      ...(origin.kind === 'local' ? { tableId: origin.tableId } : {}),
      sources: e.sources,
    };
  }

  policiesOf(pod: string): readonly string[] {
    return this.#pipeline.processor.policiesOf(pod);
  }

  issues(): readonly Record<string, unknown>[] {
    return this.#pipeline.processor.issues().map((e) => e.toJSON());
  }

  #renderers(): RendererName[] {
    const wanted = this.config.renderers;
    if (!wanted.includes('vpptcp') || this.config.vpptcpWithoutTcpStack || this.contiv.tcpStackEnabled()) return [...wanted];
    this.log.warn('vpptcp renderer skipped: the VPP TCP stack is disabled', { renderers: wanted });
    const rest = wanted.filter((r) => r !== 'vpptcp');
    return rest;
  }

  #onChanges(changes: readonly KsrChange[], ctx: EventContext): void {
    this.#pipeline.applyKsrChanges(changes, this.vpp.txn());
    this.#report(`event ${ctx.seq}`);
  }

  #report(why: string): void {
    const issues = this.#pipeline.processor.issues();
    const now = new Set(issues.map((e) => e.message));
    for (const e of issues) if (!this.#reportedIssues.has(e.message)) this.log.warn('skipped bad policy input', e.toJSON());
    this.#reportedIssues = now;
    const stats = this.#pipeline.stats();
    if (this.log.enabled('debug')) this.log.debug('policy event', { why, ...stats });
    const unresolved = this.#pipeline.processor.unresolvedNamedPorts();
    const truncated = this.#pipeline.renderers().flatMap((r) => (r instanceof VppTcpRenderer ? [...r.truncated].sort() : []));
    this.status.details({
      localPods: this.#pipeline.processor.podCount(),
      renderers: this.#pipeline.renderers().map((r) => ({ name: r.name, localTables: r.cache.tableCount(), globalRules: r.cache.globalTable().length })),
      issues: issues.map((e) => e.toJSON()),
      ...(unresolved.length > 0 ? { unresolvedNamedPorts: unresolved } : {}),
      ...(truncated.length > 0 ? { truncatedRanges: truncated } : {}),
    });
    this.status.report('ok');
  }
}
