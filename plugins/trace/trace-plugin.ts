/**
 * @module TracePlugin: serves `GET /trace`, `GET /reachability` and the reachability page at `/`
 * over this agent's simulated data plane. Every dependency is optional: without the simulator
 * (the `socket` adapter) or the contiv plugin the routes answer 501; without the policy or
 * service plugin explanations just name fewer objects. Traces run inside the event loop, so
 * they see the data plane between events, never half-way through a transaction.
 */
import { inject } from 'tsyringe';
import type { Datasync } from '../../core/datasync/datasync.ts';
import type { HttpRoutes } from '../../core/http/http-routes.ts';
import { optional } from '../../core/inject.ts';
import { plugin, type Plugin } from '../../core/plugin.ts';
import { DATASYNC, HTTP_ROUTES } from '../../core/tokens.ts';
import { CONTIV_API, type ContivApi } from '../contiv/api.ts';
import { KSR_API, type KsrApi } from '../ksr/api.ts';
import { POLICY_API, type PolicyApi } from '../policy/api.ts';
import { SERVICE_API, type ServiceApi } from '../service/api.ts';
import { VPP_API, type VppApi } from '../vpp/api.ts';
import { NodeTracer } from './node-tracer.ts';
import { traceRoutes, type TraceService } from './trace-routes.ts';
import { loadWebAssets } from './web-assets.ts';

/** The trace plugin. */
@plugin({ name: 'trace' })
export class TracePlugin implements Plugin {
  readonly name = 'trace';

  constructor(
    @inject(HTTP_ROUTES) private readonly http: HttpRoutes,
    @optional(DATASYNC) private readonly datasync?: Datasync,
    @optional(VPP_API) private readonly vpp?: VppApi,
    @optional(CONTIV_API) private readonly contiv?: ContivApi,
    @optional(KSR_API) private readonly ksr?: KsrApi,
    @optional(POLICY_API) private readonly policy?: PolicyApi,
    @optional(SERVICE_API) private readonly services?: ServiceApi,
  ) {}

  async init(): Promise<void> {
    const assets = await loadWebAssets();
    const tracer = new NodeTracer({
      ...(this.vpp ? { vpp: this.vpp } : {}),
      ...(this.contiv ? { contiv: this.contiv } : {}),
      ...(this.ksr ? { ksr: this.ksr } : {}),
      ...(this.policy ? { policy: this.policy } : {}),
      ...(this.services ? { services: this.services } : {}),
    });
    const service: TraceService = {
      trace: (q) => this.#inLoop('trace', `${q.from} → ${q.to} ${q.protocol} ${q.port}`, () => tracer.trace(q)),
      reachability: (q) => this.#inLoop('reachability', q.only ? `matrix on ${q.only.protocol} ${q.only.port}` : 'matrix on declared ports', () => tracer.reachability(q)),
    };
    this.http.mount('/', traceRoutes(service, assets));
  }

  #inLoop<T>(kind: string, summary: string, run: () => T): Promise<T> {
    return this.datasync ? this.datasync.push(kind, summary, run) : Promise.resolve().then(run);
  }
}
