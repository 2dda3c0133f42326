/**
 * @module ControlledStore: a MemoryStore whose faults a test triggers: lost watches,
 * connection-state edges and failing listings.
 */
import type { KeyValueStore, KvConnectionState, KvListing, KvWatch, KvWatchHandlers } from '../../core/kv/key-value-store.ts';
import { KvUnavailableError } from '../../core/kv/kv-errors.ts';
import { MemoryStore } from '../../core/kv/memory-store.ts';

/** A memory store with switches for faults. */
export class ControlledStore implements KeyValueStore {
  readonly kind = 'memory';
  readonly #listeners = new Set<(s: KvConnectionState) => void>();
  readonly #handlers = new Set<KvWatchHandlers>();
  /** When true, `list()` fails as an unreachable etcd would. */
  failLists = false;
  /** Number of `watch()` calls made. */
  watchCalls = 0;

  constructor(readonly inner: MemoryStore) {}

  static async create(): Promise<ControlledStore> {
    return new ControlledStore(await MemoryStore.open());
  }

  get = (key: string) => this.inner.get(key);
  put = (key: string, value: string) => this.inner.put(key, value);
  delete = (key: string) => this.inner.delete(key);
  txn: KeyValueStore['txn'] = (c, s, f) => this.inner.txn(c, s, f);
  batch: KeyValueStore['batch'] = (ops) => this.inner.batch(ops);
  close = () => this.inner.close();

  list(prefix: string): Promise<KvListing> {
    if (this.failLists) return Promise.reject(new KvUnavailableError('memory', 'list'));
    return this.inner.list(prefix);
  }

  async watch(prefix: string, handlers: KvWatchHandlers, fromRevision?: number): Promise<KvWatch> {
    this.watchCalls++;
    this.#handlers.add(handlers);
    const w = await this.inner.watch(prefix, handlers, fromRevision);
    return {
      close: async () => {
        this.#handlers.delete(handlers);
        await w.close();
      },
    };
  }

  onConnectionState(listener: (state: KvConnectionState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Tells every open watch it is lost. */
  loseWatches(reason: string): void {
    for (const h of this.#handlers) h.onLost(reason);
  }

  /** Emits a connection-state edge. */
  setConnection(state: KvConnectionState): void {
    for (const l of this.#listeners) l(state);
  }
}
