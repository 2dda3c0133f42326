/**
 * @module ServiceCache: the Kubernetes objects the service plugin reads (Services, Endpoints,
 * EndpointSlices, Pods, Nodes) with the indexes that tell which Services a change affects.
 */
import type { KsrChange } from '../ksr/api.ts';
import type { EndpointSlice, Endpoints, KsrKind, KsrKinds, Node, ObjectId, Pod, Service } from '../ksr/model.ts';

/** What one batch of changes affects. */
export interface CacheImpact {
  /** Services to re-process, sorted. */
  readonly services: readonly string[];
  /** Whether a Node object changed (node addresses may have moved). */
  readonly nodes: boolean;
}

/** The objects of the KSR kinds the service plugin subscribes to. */
export type CachedKind = 'service' | 'endpoints' | 'endpointslice' | 'pod' | 'node';

/** Kinds the service plugin subscribes to. */
export const CACHED_KINDS: readonly CachedKind[] = ['service', 'endpoints', 'endpointslice', 'pod', 'node'];

const idOf = (o: ObjectId): string => `${o.namespace}/${o.name}`;
const sliceServiceId = (s: EndpointSlice): string => `${s.namespace}/${s.serviceName}`;

function addTo(index: Map<string, Set<string>>, key: string, value: string): void {
  let set = index.get(key);
  if (!set) index.set(key, (set = new Set()));
  set.add(value);
}

function removeFrom(index: Map<string, Set<string>>, key: string, value: string): void {
  const set = index.get(key);
  set?.delete(value);
  if (set && set.size === 0) index.delete(key);
}

/** The cached objects and indexes. */
export class ServiceCache {
  readonly #services = new Map<string, Service>();
  readonly #endpoints = new Map<string, Endpoints>();
  readonly #slices = new Map<string, EndpointSlice>();
  readonly #slicesByService = new Map<string, Set<string>>();
  readonly #pods = new Map<string, Pod>();
  readonly #nodes = new Map<string, Node>();
  /** Pod id → Services whose endpoints refer to it. */
  readonly #podUsers = new Map<string, Set<string>>();
  /** Service id → the pods it was last processed with. */
  readonly #servicePods = new Map<string, readonly string[]>();

  /** Replaces the whole content (resync). */
  reset(list: <K extends CachedKind>(kind: K) => readonly KsrKinds[K][]): void {
    for (const m of [this.#services, this.#endpoints, this.#slices, this.#slicesByService, this.#pods, this.#nodes, this.#podUsers, this.#servicePods]) {
      m.clear();
    }
    for (const s of list('service')) this.#services.set(idOf(s), s);
    for (const e of list('endpoints')) this.#endpoints.set(idOf(e), e);
    for (const s of list('endpointslice')) this.#putSlice(s);
    for (const p of list('pod')) this.#pods.set(idOf(p), p);
    for (const n of list('node')) this.#nodes.set(n.name, n);
  }

  /** Applies changes and tells what they affect. Changes of other kinds are ignored. */
  apply(changes: readonly KsrChange[]): CacheImpact {
    const services = new Set<string>();
    let nodes = false;
    for (const c of changes) {
      switch (c.kind) {
        case 'service':
          this.#set(this.#services, c.id, (c as KsrChange<'service'>).value);
          services.add(c.id);
          break;
        case 'endpoints':
          this.#set(this.#endpoints, c.id, (c as KsrChange<'endpoints'>).value);
          services.add(c.id);
          break;
        case 'endpointslice': {
          const { prev, value } = c as KsrChange<'endpointslice'>;
          const old = this.#slices.get(c.id);
          for (const s of [old, prev, value]) if (s) services.add(sliceServiceId(s));
          if (old) this.#dropSlice(c.id, old);
          if (value) this.#putSlice(value);
          break;
        }
        case 'pod':
          this.#set(this.#pods, c.id, (c as KsrChange<'pod'>).value);
          for (const s of this.#podUsers.get(c.id) ?? []) services.add(s);
          break;
        case 'node':
          this.#set(this.#nodes, c.id, (c as KsrChange<'node'>).value);
          nodes = true;
          break;
        default:
          break;
      }
    }
    return { services: [...services].sort(), nodes };
  }

  /** Records which pods Service `id` was processed with (for later pod changes). */
  setServicePods(id: string, pods: readonly string[]): void {
    for (const p of this.#servicePods.get(id) ?? []) removeFrom(this.#podUsers, p, id);
    if (pods.length === 0) this.#servicePods.delete(id);
    else this.#servicePods.set(id, pods);
    for (const p of pods) addTo(this.#podUsers, p, id);
  }

  /** Ids of every Service, sorted. */
  serviceIds(): string[] {
    return [...this.#services.keys()].sort();
  }

  service(id: string): Service | undefined {
    return this.#services.get(id);
  }

  endpoints(id: string): Endpoints | undefined {
    return this.#endpoints.get(id);
  }

  /** The EndpointSlices of Service `id`, sorted by name. */
  slices(id: string): EndpointSlice[] {
    return [...(this.#slicesByService.get(id) ?? [])].sort().map((sid) => this.#slices.get(sid)!);
  }

  pod(id: ObjectId): Pod | undefined {
    return this.#pods.get(idOf(id));
  }

  /** Every Node object, sorted by name. */
  nodes(): Node[] {
    return [...this.#nodes.keys()].sort().map((n) => this.#nodes.get(n)!);
  }

  #set<K extends KsrKind>(map: Map<string, KsrKinds[K]>, id: string, value: KsrKinds[K] | undefined): void {
    if (value === undefined) map.delete(id);
    else map.set(id, value);
  }

  #putSlice(s: EndpointSlice): void {
    const id = idOf(s);
    this.#slices.set(id, s);
    addTo(this.#slicesByService, sliceServiceId(s), id);
  }

  #dropSlice(id: string, s: EndpointSlice): void {
    this.#slices.delete(id);
    removeFrom(this.#slicesByService, sliceServiceId(s), id);
  }
}
