/**
 * @module ServicePipeline: cache → processor → NAT44 export → desired state, incremental.
 * A change re-processes only the Services it affects; a change of the node's addresses
 * re-processes all of them; a change of the node's interfaces or gateway only the base config.
 * No I/O: the plugin feeds it and writes the returned changes into the VPP transaction.
 */
import type { BadInputError } from '../../core/errors.ts';
import type { KsrChange } from '../ksr/api.ts';
import type { KsrKinds, Node, Protocol } from '../ksr/model.ts';
import type { FrontendRef, TagRef } from './api.ts';
import { exportBaseNat } from './nat-base-config.ts';
import { frontendSlot, NAT_PROTOCOL } from './nat-claim.ts';
import { BASE_OWNER, NatDesiredState, type NatChange, type NatClash } from './nat-desired-state.ts';
import { exportServiceNat } from './nat-mapping-export.ts';
import type { NodeContext } from './node-context.ts';
import { ServiceCache, type CachedKind } from './service-cache.ts';
import type { ServiceModel } from './service-model.ts';
import { buildServiceModel, type BackendWeights } from './service-processor.ts';
import { chooseSnat, type SnatDecision } from './snat-choice.ts';
import { serviceTag } from './service-tag.ts';

/** Settings of the pipeline (from the plugin config). */
export interface PipelineOptions {
  readonly weights: BackendWeights;
  /** The plugin's own SNAT switch. */
  readonly snat: boolean;
}

/** What an update produced. */
export interface PipelineOutcome {
  /** Changes of the desired NAT44 state, sorted by key. */
  readonly changes: readonly NatChange[];
  /** Problems that were not reported before (to log once). */
  readonly newProblems: readonly BadInputError[];
  /** Clashes between owners that were not reported before. */
  readonly newClashes: readonly NatClash[];
}

const problemKey = (p: BadInputError): string => `${p.source}\u0000${p.field}\u0000${p.detail}`;

/** Facts of the node context a service model depends on (the rest only feeds the base config). */
const serviceFacts = (c: NodeContext): string => JSON.stringify([c.nodeName, c.podSubnet, c.ownAddresses, c.otherNodeAddresses]);

/** The service plugin's pure core. */
export class ServicePipeline {
  #cache = new ServiceCache();
  #state = new NatDesiredState();
  #models = new Map<string, ServiceModel>();
  #context?: NodeContext;
  #snat: SnatDecision = { reason: 'not resynced yet' };
  #reported = new Set<string>();
  #reportedClashes = new Set<string>();

  /**
   * @param options weights and the SNAT switch
   * @param readContext reads the node context, given the Node objects (from CONTIV_API)
   */
  constructor(
    private readonly options: PipelineOptions,
    private readonly readContext: (nodes: readonly Node[]) => NodeContext,
  ) {}

  /** Whether `resync` ran (changes before it are ignored: the resync reads everything). */
  get resynced(): boolean {
    return this.#context !== undefined;
  }

  /**
   * Rebuilds everything from the complete state.
   * @returns the changes against an empty state: a put of every desired value
   */
  resync(list: <K extends CachedKind>(kind: K) => readonly KsrKinds[K][]): PipelineOutcome {
    this.#cache = new ServiceCache();
    this.#cache.reset(list);
    this.#state = new NatDesiredState();
    this.#models.clear();
    this.#context = this.readContext(this.#cache.nodes());
    const changes = [...this.#exportBase(), ...this.#cache.serviceIds().flatMap((id) => this.#process(id))];
    return this.#outcome(changes);
  }

  /** Applies Kubernetes changes (one event). */
  apply(changes: readonly KsrChange[]): PipelineOutcome {
    if (!this.resynced) return this.#outcome([]);
    const impact = this.#cache.apply(changes);
    const out: NatChange[] = [];
    // Re-read on every event, not only on Node changes: other nodes' IPs come from contiv's
    // node registry, which has no change notification of its own.
    const all = this.#refreshContext(out);
    for (const id of all ? this.#allIds() : impact.services) out.push(...this.#process(id));
    return this.#outcome(out);
  }

  /** Re-reads the node context (node IP / gateway change, a pod wired or unwired). */
  nodeChanged(): PipelineOutcome {
    if (!this.resynced) return this.#outcome([]);
    const out: NatChange[] = [];
    if (this.#refreshContext(out)) for (const id of this.#allIds()) out.push(...this.#process(id));
    return this.#outcome(out);
  }

  /** Every desired value now, sorted by key. */
  values(): ReturnType<NatDesiredState['values']> {
    return this.#state.values();
  }

  /** Every Service model, sorted by id. */
  services(): ServiceModel[] {
    return [...this.#models.keys()].sort().map((id) => this.#models.get(id)!);
  }

  service(id: string): ServiceModel | undefined {
    return this.#models.get(id);
  }

  snat(): SnatDecision {
    return this.#snat;
  }

  /** Clashes between owners of one frontend, sorted. */
  clashes(): NatClash[] {
    return this.#state.clashes();
  }

  /** The frontend answering `protocol` `ip`:`port`: the one whose NAT44 value is in effect. */
  frontend(protocol: Protocol, ip: string, port: number): FrontendRef | undefined {
    for (const service of this.services()) {
      for (const p of service.ports) {
        const frontend = p.frontends.find((f) => f.protocol === protocol && f.ip === ip && f.port === port);
        if (frontend && this.#ownsFrontend(service.id, frontend.ip, frontend.port, protocol)) return { service, port: p, frontend };
      }
    }
    return undefined;
  }

  /** The Service (and port) a tag names. */
  byTag(tag: string): TagRef | undefined {
    for (const service of this.services()) {
      if (serviceTag(service.service.namespace, service.service.name) === tag) return { service };
      const port = service.ports.find((p) => p.tag === tag);
      if (port) return { service, port };
    }
    return undefined;
  }

  #ownsFrontend(id: string, ip: string, port: number, protocol: Protocol): boolean {
    return this.#state.ownerOf(frontendSlot(NAT_PROTOCOL[protocol], ip, port)) === id;
  }

  #allIds(): string[] {
    return [...new Set([...this.#cache.serviceIds(), ...this.#models.keys()])].sort();
  }

  /** Re-reads the context; exports the base config if it changed. @returns whether Services must be re-processed */
  #refreshContext(out: NatChange[]): boolean {
    const before = this.#context!;
    this.#context = this.readContext(this.#cache.nodes());
    if (JSON.stringify(before) !== JSON.stringify(this.#context)) out.push(...this.#exportBase());
    return serviceFacts(before) !== serviceFacts(this.#context);
  }

  #exportBase(): NatChange[] {
    this.#snat = chooseSnat(this.#context!, this.options.snat);
    return this.#state.set(BASE_OWNER, exportBaseNat(this.#context!, this.#snat.choice));
  }

  #process(id: string): NatChange[] {
    const service = this.#cache.service(id);
    if (!service) {
      this.#models.delete(id);
      this.#cache.setServicePods(id, []);
      return this.#state.set(id, []);
    }
    const endpoints = this.#cache.endpoints(id);
    const { model, pods } = buildServiceModel({
      service,
      ...(endpoints ? { endpoints } : {}),
      slices: this.#cache.slices(id),
      pod: (p) => this.#cache.pod(p),
      node: this.#context!,
      weights: this.options.weights,
    });
    this.#models.set(id, model);
    this.#cache.setServicePods(id, pods);
    return this.#state.set(id, exportServiceNat(model));
  }

  #outcome(changes: NatChange[]): PipelineOutcome {
    const newProblems: BadInputError[] = [];
    const current = new Set<string>();
    for (const m of this.services()) {
      for (const p of m.problems) {
        const key = problemKey(p);
        current.add(key);
        if (!this.#reported.has(key)) newProblems.push(p);
      }
    }
    this.#reported = current;
    const clashes = this.#state.clashes();
    const clashKeys = new Set(clashes.map((c) => JSON.stringify(c)));
    const newClashes = clashes.filter((c) => !this.#reportedClashes.has(JSON.stringify(c)));
    this.#reportedClashes = clashKeys;
    return { changes, newProblems, newClashes };
  }
}
