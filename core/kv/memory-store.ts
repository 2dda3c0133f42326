/**
 * @module MemoryStore: the embedded key-value store (the default). Revisions as in etcd (one
 * global counter, per-key create/mod revisions), prefix watches that replay from a revision out
 * of a bounded change log, transactions, and an optional snapshot file that survives restarts.
 */
import type {
  KeyValueStore, KvChange, KvCompare, KvConnectionState, KvEntry, KvListing, KvOp, KvTxnResult, KvWatch,
  KvWatchHandlers,
} from './key-value-store.ts';
import { ChangeLog } from './change-log.ts';
import { KvClosedError, KvRequestError } from './kv-errors.ts';
import { chunkOps, duplicateKey } from './op-chunks.ts';
import { SnapshotFile, type StoreImage } from './snapshot-file.ts';

/** Options of {@linkcode MemoryStore.open}. */
export interface MemoryStoreOptions {
  /** JSON file holding the state across restarts; none = state lives only in memory. */
  readonly snapshotFile?: string;
  /** Debounce of snapshot writes after a change. @default 100 */
  readonly snapshotDelayMs?: number;
  /** Revisions kept for watches that start in the past. @default 10000 */
  readonly historyLimit?: number;
}

interface StoredValue {
  readonly value: string;
  readonly modRevision: number;
  readonly createRevision: number;
}

interface MemoryWatch {
  readonly prefix: string;
  readonly handlers: KvWatchHandlers;
  closed: boolean;
}

/** The in-memory {@linkcode KeyValueStore}. */
export class MemoryStore implements KeyValueStore {
  readonly kind = 'memory';
  readonly #data = new Map<string, StoredValue>();
  readonly #watches = new Set<MemoryWatch>();
  readonly #log: ChangeLog;
  readonly #file: SnapshotFile | undefined;
  #revision: number;
  #closed = false;

  private constructor(image: StoreImage | undefined, file: SnapshotFile | undefined, historyLimit: number) {
    this.#revision = image?.revision ?? 1;
    for (const e of image?.entries ?? []) {
      this.#data.set(e.key, { value: e.value, modRevision: e.modRevision, createRevision: e.createRevision });
    }
    this.#log = new ChangeLog(historyLimit, this.#revision + 1);
    this.#file = file;
  }

  /**
   * Opens a store, loading the snapshot file when one is configured and present.
   * @throws {BadInputError} when the snapshot file is corrupt
   * @example const store = await MemoryStore.open({ snapshotFile: '/var/lib/contiv-ts/kv.json' });
   */
  static async open(options: MemoryStoreOptions = {}): Promise<MemoryStore> {
    const file = options.snapshotFile
      ? new SnapshotFile(options.snapshotFile, { delayMs: options.snapshotDelayMs ?? 100 })
      : undefined;
    const image = await file?.load();
    return new MemoryStore(image, file, options.historyLimit ?? 10_000);
  }

  /** Current store revision. */
  revision(): number {
    return this.#revision;
  }

  async get(key: string): Promise<KvEntry | undefined> {
    this.#check('get');
    const v = this.#data.get(key);
    return v ? { key, ...v } : undefined;
  }

  async list(prefix: string): Promise<KvListing> {
    this.#check('list');
    const entries: KvEntry[] = [];
    for (const [key, v] of this.#data) if (key.startsWith(prefix)) entries.push({ key, ...v });
    entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return { entries, revision: this.#revision };
  }

  async put(key: string, value: string): Promise<number> {
    this.#check('put');
    this.#apply([{ type: 'put', key, value }]);
    return this.#revision;
  }

  async delete(key: string): Promise<boolean> {
    this.#check('delete');
    const existed = this.#data.has(key);
    this.#apply([{ type: 'delete', key }]);
    return existed;
  }

  async txn(compares: readonly KvCompare[], success: readonly KvOp[], failure: readonly KvOp[] = []): Promise<KvTxnResult> {
    this.#check('txn');
    for (const ops of [success, failure]) {
      const dup = duplicateKey(ops);
      if (dup !== undefined) throw new KvRequestError(this.kind, 'txn', `key "${dup}" occurs twice`);
    }
    const succeeded = compares.every((c) => this.#holds(c));
    this.#apply(succeeded ? success : failure);
    return { succeeded, revision: this.#revision };
  }

  async batch(ops: readonly KvOp[]): Promise<number> {
    this.#check('batch');
    for (const chunk of chunkOps(ops)) await this.txn([], chunk);
    return this.#revision;
  }

  async watch(prefix: string, handlers: KvWatchHandlers, fromRevision?: number): Promise<KvWatch> {
    this.#check('watch');
    const w: MemoryWatch = { prefix, handlers, closed: false };
    const from = fromRevision ?? this.#revision + 1;
    const backlog = this.#log.since(from, prefix);
    if (backlog === undefined) {
      this.#deliver(w, () => w.handlers.onLost('compacted'));
    } else {
      for (const r of backlog) this.#deliver(w, () => w.handlers.onChanges(r.changes, r.revision));
      this.#watches.add(w);
    }
    return {
      close: async () => {
        w.closed = true;
        this.#watches.delete(w);
      },
    };
  }

  onConnectionState(_listener: (state: KvConnectionState) => void): () => void {
    // Always connected: there is no backend to lose.
    return () => undefined;
  }

  /** Forgets the change history before `revision`: watches from older revisions get `onLost('compacted')`. */
  compact(revision: number): void {
    this.#log.compact(revision);
  }

  /** Writes the snapshot file now (if configured). */
  async flush(): Promise<void> {
    await this.#file?.flush();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const w of this.#watches) w.closed = true;
    this.#watches.clear();
    await this.#file?.flush();
  }

  #holds(c: KvCompare): boolean {
    const cur = this.#data.get(c.key);
    switch (c.op) {
      case 'absent':
        return cur === undefined;
      case 'value-equals':
        return cur !== undefined && cur.value === c.value;
      case 'mod-revision-equals':
        // etcd compares a missing key's mod revision as 0.
        return (cur?.modRevision ?? 0) === c.revision;
    }
  }

  /** Applies ops as one revision (only if something changes, as etcd) and notifies watches. */
  #apply(ops: readonly KvOp[]): void {
    const rev = this.#revision + 1;
    const changes: KvChange[] = [];
    for (const op of ops) {
      const prev = this.#data.get(op.key);
      if (op.type === 'put') {
        this.#data.set(op.key, { value: op.value, modRevision: rev, createRevision: prev?.createRevision ?? rev });
        changes.push({ type: 'put', key: op.key, value: op.value, prevValue: prev?.value, revision: rev });
      } else if (prev) {
        this.#data.delete(op.key);
        changes.push({ type: 'delete', key: op.key, prevValue: prev.value, revision: rev });
      }
    }
    if (changes.length === 0) return;
    this.#revision = rev;
    this.#log.append({ revision: rev, changes });
    for (const w of this.#watches) {
      const mine = changes.filter((c) => c.key.startsWith(w.prefix));
      if (mine.length > 0) this.#deliver(w, () => w.handlers.onChanges(mine, rev));
    }
    this.#file?.schedule(() => this.#image());
  }

  /** Delivers asynchronously (as etcd does), in order, unless the watch closed meanwhile. */
  #deliver(w: MemoryWatch, fn: () => void): void {
    queueMicrotask(() => {
      if (!w.closed) fn();
    });
  }

  #image(): StoreImage {
    const entries = [...this.#data].map(([key, v]) => ({ key, ...v }));
    entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return { revision: this.#revision, entries };
  }

  #check(operation: string): void {
    if (this.#closed) throw new KvClosedError(this.kind, operation);
  }
}
