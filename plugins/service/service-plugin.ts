/**
 * @module The service plugin (`SERVICE_API`): Kubernetes Services → VPP NAT44 (static and
 * load-balanced mappings, rejects) and SNAT of pods' traffic to the outside. A thin shell:
 * it feeds {@linkcode ServicePipeline} with Kubernetes changes and node facts and writes the
 * resulting desired values into the event's VPP transaction.
 */
import { inject } from 'tsyringe';
import type { EventContext } from '../../core/datasync/datasync.ts';
import type { HttpRoutes } from '../../core/http/http-routes.ts';
import type { Logger } from '../../core/log/logger.ts';
import { plugin, type Plugin } from '../../core/plugin.ts';
import type { StatusReporter } from '../../core/status/agent-status.ts';
import { HTTP_ROUTES, LOGGER, STATUS_REPORTER } from '../../core/tokens.ts';
import { CONTIV_API, type ContivApi } from '../contiv/api.ts';
import { KSR_API, type KsrApi, type KsrChange } from '../ksr/api.ts';
import type { Protocol } from '../ksr/model.ts';
import { VPP_API, type VppApi } from '../vpp/api.ts';
import { SERVICE_API, type FrontendRef, type ServiceApi, type TagRef } from './api.ts';
import { SERVICE_CONFIG, serviceConfig, type ServiceConfig } from './config.ts';
import { readNodeContext } from './node-context.ts';
import { CACHED_KINDS } from './service-cache.ts';
import type { ServiceModel } from './service-model.ts';
import { ServicePipeline, type PipelineOutcome } from './service-pipeline.ts';
import { serviceRoutes } from './service-routes.ts';
import type { SnatDecision } from './snat-choice.ts';

/** Implements Kubernetes Services on this node's VPP. */
@plugin({ name: 'service', provides: [SERVICE_API], config: serviceConfig })
export class ServicePlugin implements Plugin, ServiceApi {
  readonly name = 'service';
  readonly #pipeline: ServicePipeline;
  readonly #listeners: (() => void)[] = [];

  constructor(
    @inject(KSR_API) private readonly ksr: KsrApi,
    @inject(CONTIV_API) private readonly contiv: ContivApi,
    @inject(VPP_API) private readonly vpp: VppApi,
    @inject(LOGGER) private readonly log: Logger,
    @inject(STATUS_REPORTER) private readonly status: StatusReporter,
    @inject(HTTP_ROUTES) private readonly routes: HttpRoutes,
    @inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    this.#pipeline = new ServicePipeline(
      { snat: config.snat, weights: { local: config.localBackendWeight, remote: config.remoteBackendWeight } },
      (nodes) => readNodeContext(this.contiv, nodes),
    );
  }

  init(): void {
    this.ksr.subscribe(this.name, CACHED_KINDS, (changes, ctx) => this.#onChanges(changes, ctx));
    // Both listeners run inside the event loop, so the changes join that event's transaction
    // (a pod's NAT feature goes away in the same transaction as its interface).
    this.contiv.onNodeIpChange(() => this.#write(this.#pipeline.nodeChanged(), 'node change'));
    this.contiv.onLocalPodChange(() => this.#write(this.#pipeline.nodeChanged(), 'local pod change'));
    this.routes.mount('/', serviceRoutes(this));
  }

  /** Puts the complete desired NAT44 state (the reconciler removes whatever of ours is not put). */
  resync(): void {
    const outcome = this.#pipeline.resync((kind) => this.ksr.list(kind));
    const txn = this.vpp.txn();
    for (const { key, value } of this.#pipeline.values()) txn.put(key, value);
    this.#report(outcome);
    this.log.info('resynced', { services: this.#pipeline.services().length, values: this.#pipeline.values().length, snat: this.#pipeline.snat() });
  }

  services(): readonly ServiceModel[] {
    return this.#pipeline.services();
  }

  service(id: string): ServiceModel | undefined {
    return this.#pipeline.service(id);
  }

  frontend(protocol: Protocol, ip: string, port: number): FrontendRef | undefined {
    return this.#pipeline.frontend(protocol, ip, port);
  }

  byTag(tag: string): TagRef | undefined {
    return this.#pipeline.byTag(tag);
  }

  snat(): SnatDecision {
    return this.#pipeline.snat();
  }

  onChange(listener: () => void): void {
    this.#listeners.push(listener);
  }

  #onChanges(changes: readonly KsrChange[], ctx: EventContext): void {
    this.#write(this.#pipeline.apply(changes), `event ${ctx.seq}`);
  }

  #write(outcome: PipelineOutcome, why: string): void {
    if (outcome.changes.length > 0) {
      const txn = this.vpp.txn();
      for (const c of outcome.changes) {
        if (c.op === 'put') txn.put(c.key, c.value);
        else txn.delete(c.key);
      }
      this.log.debug('nat44 changes', { why, changes: outcome.changes.map((c) => `${c.op} ${c.key}`) });
    }
    this.#report(outcome);
    if (outcome.changes.length > 0) for (const l of this.#listeners) l();
  }

  #report(outcome: PipelineOutcome): void {
    for (const p of outcome.newProblems) this.log.warn('skipped bad service input', p.toJSON());
    for (const c of outcome.newClashes) this.log.warn('service frontend claimed twice', { slot: c.slot, winner: c.winner, losers: c.losers });
    const problems = this.#pipeline.services().flatMap((m) => m.problems.map((p) => p.toJSON()));
    const clashes = this.#pipeline.clashes();
    this.status.details({ services: this.#pipeline.services().length, snat: this.#pipeline.snat(), problems, clashes });
    this.status.report('ok');
  }
}
