/**
 * @module BenchKsr: a `KSR_API` fed from a workload, for the pipeline benchmark. Its changes run
 * as events of the agent's datasync (so the VPP transaction of the event is committed at its
 * end, as with the real ksr plugin); `load()` replaces the state a resync lists.
 */
import type { Datasync } from '../core/datasync/datasync.ts';
import type { KsrKind, KsrKinds } from '../plugins/ksr/model.ts';
import { MemoryKsr } from '../test/fakes/memory-ksr.ts';
import type { WorkloadState } from './workload.ts';

/** A ksr fake whose changes are datasync events. */
export class BenchKsr extends MemoryKsr {
  #datasync: Datasync | undefined;

  /** The event loop changes are pushed into (set before the first change). */
  attach(datasync: Datasync): void {
    this.#datasync = datasync;
  }

  /** Replaces the whole state (read by the next resync), without events. */
  load(state: WorkloadState): void {
    this.clear();
    const put = <K extends KsrKind>(kind: K, id: string, v: KsrKinds[K]): void => void this.write(kind, id, `k8s/${kind}/${id}`, v);
    for (const n of state.namespaces) put('namespace', n.name, n);
    for (const n of state.nodes) put('node', n.name, n);
    for (const p of state.pods) put('pod', `${p.namespace}/${p.name}`, p);
    for (const p of state.policies) put('policy', `${p.namespace}/${p.name}`, p);
  }

  /** Puts (`value`) or deletes (`value` undefined) one object as one event; resolves when the event (VPP commit included) ended. */
  change<K extends KsrKind>(kind: K, id: string, key: string, value: KsrKinds[K] | undefined): Promise<void> {
    const ds = this.#datasync;
    if (!ds) throw new TypeError('BenchKsr: attach() a datasync first');
    return ds.push('kv', `${value ? 'put' : 'delete'} ${key}`, (ctx) => this.deliver([this.write(kind, id, key, value)], ctx));
  }
}
