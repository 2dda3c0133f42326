/**
 * @module BenchKsr: a `KSR_API` fed from a workload, for the pipeline benchmark. Its changes run
 * as events of the agent's datasync (so the VPP transaction of the event is committed at its
 * end, as with the real ksr plugin); `load()` replaces the state a resync lists.
 */
import type { Datasync } from '../core/datasync/datasync.ts';
import type { BadKsrObject, KsrApi, KsrChange, KsrChangeHandler } from '../plugins/ksr/api.ts';
import type { KsrKind, KsrKinds } from '../plugins/ksr/model.ts';
import type { WorkloadState } from './workload.ts';

/** A ksr fake whose changes are datasync events. */
export class BenchKsr implements KsrApi {
  readonly #objects = new Map<KsrKind, Map<string, unknown>>();
  readonly #subs: { readonly kinds: readonly KsrKind[]; readonly handler: KsrChangeHandler }[] = [];
  #datasync: Datasync | undefined;

  /** The event loop changes are pushed into (set before the first change). */
  attach(datasync: Datasync): void {
    this.#datasync = datasync;
  }

  /** Replaces the whole state (read by the next resync), without events. */
  load(state: WorkloadState): void {
    this.#objects.clear();
    const put = (kind: KsrKind, id: string, v: unknown): void => {
      let m = this.#objects.get(kind);
      if (!m) this.#objects.set(kind, (m = new Map()));
      m.set(id, v);
    };
    for (const n of state.namespaces) put('namespace', n.name, n);
    for (const n of state.nodes) put('node', n.name, n);
    for (const p of state.pods) put('pod', `${p.namespace}/${p.name}`, p);
    for (const p of state.policies) put('policy', `${p.namespace}/${p.name}`, p);
  }

  list<K extends KsrKind>(kind: K): readonly KsrKinds[K][] {
    const m = this.#objects.get(kind);
    if (!m) return [];
    return [...m.keys()].sort().map((k) => m.get(k) as KsrKinds[K]);
  }

  get<K extends KsrKind>(kind: K, id: string): KsrKinds[K] | undefined {
    return this.#objects.get(kind)?.get(id) as KsrKinds[K] | undefined;
  }

  subscribe(_owner: string, kinds: readonly KsrKind[], handler: KsrChangeHandler): void {
    this.#subs.push({ kinds, handler });
  }

  badObjects(): readonly BadKsrObject[] {
    return [];
  }

  /** Puts (`value`) or deletes (`value` undefined) one object as one event; resolves when the event (VPP commit included) ended. */
  change<K extends KsrKind>(kind: K, id: string, key: string, value: KsrKinds[K] | undefined): Promise<void> {
    const ds = this.#datasync;
    if (!ds) throw new TypeError('BenchKsr: attach() a datasync first');
    return ds.push('kv', `${value ? 'put' : 'delete'} ${key}`, async (ctx) => {
      let m = this.#objects.get(kind);
      if (!m) this.#objects.set(kind, (m = new Map()));
      const prev = m.get(id) as KsrKinds[K] | undefined;
      if (value === undefined) m.delete(id);
      else m.set(id, value);
      const change = { kind, key, id, ...(prev ? { prev } : {}), ...(value ? { value } : {}) } as KsrChange;
      for (const s of this.#subs) if (s.kinds.includes(kind)) await s.handler([change], ctx);
    });
  }
}
