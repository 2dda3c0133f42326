/** @module openStore(): the configured KeyValueStore (memory or etcd), for the agent and the CLI. */
import type { KeyValueStore } from './key-value-store.ts';
import type { KvstoreConfig } from './kvstore-config.ts';
import { MemoryStore } from './memory-store.ts';

/**
 * Opens the store a `plugins.kvstore` section describes. The etcd client is only loaded when
 * etcd is configured.
 * @throws {KvUnavailableError} when etcd does not answer within the dial timeout
 * @throws {BadInputError} when the memory store's snapshot file is corrupt
 * @example const store = await openStore(kvstoreConfigSchema.parse({ type: 'etcd', etcd: { endpoints: ['127.0.0.1:2379'] } }));
 */
export async function openStore(config: KvstoreConfig): Promise<KeyValueStore> {
  if (config.type === 'memory') return await MemoryStore.open({ snapshotFile: config.snapshotFile });
  const { EtcdStore } = await import('./etcd-store.ts');
  return await EtcdStore.connect({
    endpoints: config.etcd.endpoints,
    dialTimeoutMs: config.etcd.dialTimeoutMs,
    requestTimeoutMs: config.etcd.requestTimeoutMs,
    tls: config.etcd.tls,
  });
}
