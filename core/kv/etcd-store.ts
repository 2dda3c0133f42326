/**
 * @module EtcdStore: the KeyValueStore over a real etcd (etcd3 client, loaded lazily so the
 * default memory path stays light). Fault handling is tuned so the first call after an etcd
 * restart does not wait seconds (no per-host circuit breaker, one quick retry, watch backoff ≤ 1 s).
 */
import { readFile } from 'node:fs/promises';
import type { IBackoff } from 'cockatiel';
import type { Etcd3, ICompare, IKeyValue, IOptions, IRequestOp } from 'etcd3';
import type {
  KeyValueStore, KvCompare, KvConnectionState, KvEntry, KvListing, KvOp, KvTxnResult, KvWatch, KvWatchHandlers,
} from './key-value-store.ts';
import { ConnectionState } from './connection-state.ts';
import { openEtcdWatch } from './etcd-watch.ts';
import { KvClosedError, KvRequestError, KvUnavailableError } from './kv-errors.ts';
import { chunkOps } from './op-chunks.ts';
import { prefixRangeEnd } from './revision-groups.ts';

/** TLS files (PEM paths). */
export interface EtcdTlsOptions {
  readonly ca?: string;
  readonly cert?: string;
  readonly key?: string;
}

/** Options of {@linkcode EtcdStore.connect}. */
export interface EtcdStoreOptions {
  /** `host:port` of each member. */
  readonly endpoints: readonly string[];
  /** Limit for establishing the connection. @default 2000 */
  readonly dialTimeoutMs?: number;
  /** Deadline of each call. @default 3000 */
  readonly requestTimeoutMs?: number;
  /** Use TLS (https) with these files. */
  readonly tls?: EtcdTlsOptions;
  /** Probe interval while disconnected. @default 500 */
  readonly reconnectProbeMs?: number;
  /** Keys per page when listing (pages read at one revision). @default 5000 */
  readonly listPageSize?: number;
}

type Etcd3Module = typeof import('etcd3');

const enc = new TextEncoder();
const bytes = (s: string): Buffer => Buffer.from(enc.encode(s));

/** The etcd {@linkcode KeyValueStore}. */
export class EtcdStore implements KeyValueStore {
  readonly kind = 'etcd';
  readonly #watches = new Set<KvWatch>();
  #closed = false;
  readonly #connection: ConnectionState;

  private constructor(
    private readonly mod: Etcd3Module,
    private readonly client: Etcd3,
    private readonly options: Required<Omit<EtcdStoreOptions, 'tls'>>,
  ) {
    this.#connection = new ConnectionState({
      probe: async () => {
        await this.client.kv.range({ key: bytes('\0'), count_only: true, limit: 1 });
      },
      probeIntervalMs: options.reconnectProbeMs,
    });
  }

  /**
   * Connects and checks that etcd answers within the dial timeout.
   * @throws {KvUnavailableError} when no endpoint answers
   * @example const store = await EtcdStore.connect({ endpoints: ['127.0.0.1:2379'] });
   */
  static async connect(options: EtcdStoreOptions): Promise<EtcdStore> {
    const mod = await import('etcd3');
    const cockatiel = await import('cockatiel');
    const requestTimeoutMs = options.requestTimeoutMs ?? 3000;
    const scheme = options.tls ? 'https' : 'http';
    const etcdOptions: IOptions = {
      hosts: options.endpoints.map((e) => `${scheme}://${e}`),
      dialTimeout: options.dialTimeoutMs ?? 2000,
      defaultCallOptions: (c) => (c.isStream ? {} : { deadline: Date.now() + requestTimeoutMs }),
      // grpc-js refuses responses over 4 MiB by default; a listing page can be larger.
      grpcOptions: { 'grpc.max_receive_message_length': 256 * 1024 * 1024 },
      faultHandling: {
        // The default breaker opens for 5 s after 3 failures: the first call after an etcd
        // restart would wait for it. Calls fail fast instead; the datasync resyncs.
        host: () => cockatiel.noop,
        global: cockatiel.retry(cockatiel.handleWhen(mod.isRecoverableError), {
          maxAttempts: 1,
          backoff: new cockatiel.ConstantBackoff(50),
        }),
        // etcd3 calls `.next()` on this value to start a backoff: a factory is what it really
        // needs, although its type names the state (`IBackoff`).
        watchBackoff: new cockatiel.ExponentialBackoff({ initialDelay: 100, maxDelay: 1000 }) as unknown as IBackoff<unknown>,
      },
    };
    if (options.tls && (options.tls.ca || options.tls.cert || options.tls.key)) {
      etcdOptions.credentials = {
        rootCertificate: options.tls.ca ? await readFile(options.tls.ca) : Buffer.alloc(0),
        ...(options.tls.key ? { privateKey: await readFile(options.tls.key) } : {}),
        ...(options.tls.cert ? { certChain: await readFile(options.tls.cert) } : {}),
      };
    }
    const client = new mod.Etcd3(etcdOptions);
    const store = new EtcdStore(mod, client, {
      endpoints: options.endpoints,
      dialTimeoutMs: options.dialTimeoutMs ?? 2000,
      requestTimeoutMs,
      reconnectProbeMs: options.reconnectProbeMs ?? 500,
      listPageSize: options.listPageSize ?? 5000,
    });
    try {
      await store.#call('connect', () => client.kv.range({ key: bytes('\0'), count_only: true, limit: 1 }));
    } catch (err: unknown) {
      client.close();
      throw err;
    }
    return store;
  }

  /** Current connection state. */
  connectionState(): KvConnectionState {
    return this.#connection.state;
  }

  async get(key: string): Promise<KvEntry | undefined> {
    const res = await this.#call('get', () => this.client.kv.range({ key: bytes(key) }));
    const kv = res.kvs[0];
    return kv ? toEntry(kv) : undefined;
  }

  async list(prefix: string): Promise<KvListing> {
    const start = prefix === '' ? bytes('\0') : bytes(prefix);
    const end = Buffer.from(prefixRangeEnd(bytes(prefix)));
    const entries: KvEntry[] = [];
    let revision: number | undefined;
    let from = start;
    // Pages are read at the revision of the first page, so the listing is one consistent state.
    for (;;) {
      const res = await this.#call('list', () =>
        this.client.kv.range({
          key: from, range_end: end, limit: this.options.listPageSize,
          ...(revision !== undefined ? { revision } : {}),
        }),
      );
      revision ??= Number(res.header.revision);
      for (const kv of res.kvs) entries.push(toEntry(kv));
      if (!res.more || res.kvs.length === 0) break;
      from = Buffer.concat([res.kvs[res.kvs.length - 1]!.key, Buffer.of(0)]);
    }
    entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return { entries, revision };
  }

  async put(key: string, value: string): Promise<number> {
    const res = await this.#call('put', () => this.client.kv.put({ key: bytes(key), value: bytes(value) }));
    return Number(res.header.revision);
  }

  async delete(key: string): Promise<boolean> {
    const res = await this.#call('delete', () => this.client.kv.deleteRange({ key: bytes(key) }));
    return Number(res.deleted) > 0;
  }

  async txn(compares: readonly KvCompare[], success: readonly KvOp[], failure: readonly KvOp[] = []): Promise<KvTxnResult> {
    const res = await this.#call('txn', () =>
      this.client.kv.txn({ compare: compares.map(toCompare), success: success.map(toRequestOp), failure: failure.map(toRequestOp) }),
    );
    return { succeeded: res.succeeded, revision: Number(res.header.revision) };
  }

  async batch(ops: readonly KvOp[]): Promise<number> {
    let revision = 0;
    for (const chunk of chunkOps(ops)) revision = (await this.txn([], chunk)).revision;
    return revision;
  }

  async watch(prefix: string, handlers: KvWatchHandlers, fromRevision?: number): Promise<KvWatch> {
    this.#check('watch');
    const inner = await openEtcdWatch(
      {
        client: this.client,
        connection: this.#connection,
        createTimeoutMs: this.options.requestTimeoutMs,
        isCompacted: (rev) => this.#isCompacted(prefix, rev),
      },
      prefix, handlers, fromRevision,
    );
    const w: KvWatch = {
      close: async () => {
        this.#watches.delete(w);
        await inner.close();
      },
    };
    this.#watches.add(w);
    return w;
  }

  onConnectionState(listener: (state: KvConnectionState) => void): () => void {
    return this.#connection.subscribe(listener);
  }

  /** Compacts etcd's history up to `revision` (tests and tools; watches from before it are lost). */
  async compact(revision: number): Promise<void> {
    await this.#call('compact', () => this.client.kv.compact({ revision, physical: true }));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#connection.stop();
    await Promise.all([...this.#watches].map((w) => w.close()));
    this.client.close();
  }

  async #isCompacted(prefix: string, revision: number): Promise<boolean> {
    try {
      await this.client.kv.range({ key: bytes(prefix), count_only: true, revision });
      return false;
    } catch (err: unknown) {
      return err instanceof Error && /compacted/i.test(err.message);
    }
  }

  /** Runs one call: connection state from its outcome, errors wrapped once with their cause. */
  async #call<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    this.#check(operation);
    try {
      const res = await fn();
      this.#connection.up();
      return res;
    } catch (err: unknown) {
      if (this.#isConnectionError(err)) {
        this.#connection.down();
        throw new KvUnavailableError(this.kind, operation, { cause: err });
      }
      throw new KvRequestError(this.kind, operation, err instanceof Error ? err.message : String(err), { cause: err });
    }
  }

  #isConnectionError(err: unknown): boolean {
    if (typeof err !== 'object' || err === null) return false;
    const m = this.mod;
    return err instanceof m.GRPCUnavailableError || err instanceof m.GRPCDeadlineExceededError ||
      err instanceof m.GRPCCancelledError || (err as Error).name === 'BrokenCircuitError' || m.isRecoverableError(err as Error);
  }

  #check(operation: string): void {
    if (this.#closed) throw new KvClosedError(this.kind, operation);
  }
}

function toEntry(kv: IKeyValue): KvEntry {
  return {
    key: kv.key.toString(),
    value: kv.value.toString(),
    modRevision: Number(kv.mod_revision),
    createRevision: Number(kv.create_revision),
  };
}

function toCompare(c: KvCompare): ICompare {
  switch (c.op) {
    case 'absent':
      return { key: bytes(c.key), target: 'Create', result: 'Equal', create_revision: 0 };
    case 'value-equals':
      return { key: bytes(c.key), target: 'Value', result: 'Equal', value: bytes(c.value) };
    case 'mod-revision-equals':
      return { key: bytes(c.key), target: 'Mod', result: 'Equal', mod_revision: c.revision };
  }
}

function toRequestOp(op: KvOp): IRequestOp {
  return op.type === 'put'
    ? { request_put: { key: bytes(op.key), value: bytes(op.value) } }
    : { request_delete_range: { key: bytes(op.key) } };
}
