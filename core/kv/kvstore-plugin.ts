/**
 * @module The kvstore plugin (`KV_STORE`): opens the configured store in `init` and reports its
 * connection state to the agent status.
 */
import { inject } from 'tsyringe';
import type { Logger } from '../log/logger.ts';
import { plugin, type Plugin } from '../plugin.ts';
import type { StatusReporter } from '../status/agent-status.ts';
import { KV_STORE, LOGGER, STATUS_REPORTER } from '../tokens.ts';
import type {
  KeyValueStore, KvCompare, KvConnectionState, KvEntry, KvListing, KvOp, KvTxnResult, KvWatch, KvWatchHandlers,
} from './key-value-store.ts';
import { KVSTORE_CONFIG, kvstoreConfig, type KvstoreConfig } from './kvstore-config.ts';
import { KvClosedError } from './kv-errors.ts';
import { openStore } from './open-store.ts';

/**
 * Provides the agent's {@linkcode KeyValueStore}. The plugin instance is the store: it forwards
 * to the memory or etcd store opened in `init` (dependents only use it from their own `init` on).
 */
@plugin({ name: 'kvstore', provides: [KV_STORE], config: kvstoreConfig })
export class KvstorePlugin implements Plugin, KeyValueStore {
  readonly name = 'kvstore';
  #store: KeyValueStore | undefined;
  #unsubscribe: (() => void) | undefined;
  readonly #listeners = new Set<(state: KvConnectionState) => void>();

  constructor(
    @inject(KVSTORE_CONFIG) private readonly config: KvstoreConfig,
    @inject(LOGGER) private readonly log: Logger,
    @inject(STATUS_REPORTER) private readonly status: StatusReporter,
  ) {}

  /** `memory` or `etcd` (from config until the store is open). */
  get kind(): string {
    return this.#store?.kind ?? this.config.type;
  }

  async init(): Promise<void> {
    const store = await openStore(this.config);
    this.#store = store;
    this.#unsubscribe = store.onConnectionState((state) => {
      if (state === 'disconnected') {
        this.log.warn('store disconnected', { store: store.kind });
        this.status.report('error', new Error(`${store.kind} store disconnected`));
      } else {
        this.log.info('store reconnected', { store: store.kind });
        this.status.report('ok');
      }
      this.status.details({ connection: state });
      for (const l of [...this.#listeners]) l(state);
    });
    this.status.details({ store: store.kind, connection: 'connected', ...this.#where() });
    this.log.info('store open', { store: store.kind, ...this.#where() });
  }

  async get(key: string): Promise<KvEntry | undefined> {
    return this.#open('get').get(key);
  }
  async list(prefix: string): Promise<KvListing> {
    return this.#open('list').list(prefix);
  }
  async put(key: string, value: string): Promise<number> {
    return this.#open('put').put(key, value);
  }
  async delete(key: string): Promise<boolean> {
    return this.#open('delete').delete(key);
  }
  async txn(compares: readonly KvCompare[], success: readonly KvOp[], failure?: readonly KvOp[]): Promise<KvTxnResult> {
    return this.#open('txn').txn(compares, success, failure);
  }
  async batch(ops: readonly KvOp[]): Promise<number> {
    return this.#open('batch').batch(ops);
  }
  async watch(prefix: string, handlers: KvWatchHandlers, fromRevision?: number): Promise<KvWatch> {
    return this.#open('watch').watch(prefix, handlers, fromRevision);
  }
  onConnectionState(listener: (state: KvConnectionState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.#unsubscribe?.();
    this.#listeners.clear();
    const store = this.#store;
    this.#store = undefined;
    await store?.close();
  }

  #where(): Record<string, unknown> {
    return this.config.type === 'etcd' ? { endpoints: this.config.etcd.endpoints } : { snapshotFile: this.config.snapshotFile ?? null };
  }

  #open(operation: string): KeyValueStore {
    if (!this.#store) throw new KvClosedError(this.config.type, operation);
    return this.#store;
  }
}
