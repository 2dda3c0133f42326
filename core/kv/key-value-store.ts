/** @module KeyValueStore: the store API both the memory and the etcd store implement. */

/** A stored key-value pair with its revisions. */
export interface KvEntry {
  readonly key: string;
  readonly value: string;
  /** Revision of the last modification of this key. */
  readonly modRevision: number;
  /** Revision at which the key was created. */
  readonly createRevision: number;
}

/** One change delivered by a watch. */
export interface KvChange {
  readonly type: 'put' | 'delete';
  readonly key: string;
  /** New value (`put` only). */
  readonly value?: string;
  /** Previous value, if the key existed. */
  readonly prevValue?: string;
  /** Revision of this change. */
  readonly revision: number;
}

/** A comparison guarding a transaction. */
export type KvCompare =
  | { readonly key: string; readonly op: 'absent' }
  | { readonly key: string; readonly op: 'value-equals'; readonly value: string }
  | { readonly key: string; readonly op: 'mod-revision-equals'; readonly revision: number };

/** An operation in a transaction. */
export type KvOp =
  | { readonly type: 'put'; readonly key: string; readonly value: string }
  | { readonly type: 'delete'; readonly key: string };

/** Result of a transaction. */
export interface KvTxnResult {
  readonly succeeded: boolean;
  readonly revision: number;
}

/** Result of a list. */
export interface KvListing {
  readonly entries: readonly KvEntry[];
  /** Store revision the listing reflects. */
  readonly revision: number;
}

/** Connection state of the store. */
export type KvConnectionState = 'connected' | 'disconnected';

/** Events of a watch: changes, grouped per revision, and lifecycle signals. */
export interface KvWatchHandlers {
  /** All changes of one revision (one store transaction), in order. */
  onChanges(changes: readonly KvChange[], revision: number): void;
  /** The watch cannot continue from where it was (compaction, lost stream): the consumer must resync. */
  onLost(reason: string): void;
}

/** A running watch. */
export interface KvWatch {
  /** Stops delivering events. */
  close(): Promise<void>;
}

/** A key-value store with revisions, transactions and prefix watches. */
export interface KeyValueStore {
  /** `memory` or `etcd`. */
  readonly kind: string;
  get(key: string): Promise<KvEntry | undefined>;
  /** Every entry under `prefix`, sorted by key, with the revision read at. */
  list(prefix: string): Promise<KvListing>;
  /** Puts a value; returns the new revision. */
  put(key: string, value: string): Promise<number>;
  /** Deletes a key; returns whether it existed. */
  delete(key: string): Promise<boolean>;
  /** Compare-and-swap: if every compare holds run `success` else `failure`, atomically. */
  txn(compares: readonly KvCompare[], success: readonly KvOp[], failure?: readonly KvOp[]): Promise<KvTxnResult>;
  /** Applies many operations, in transactions of at most 128 operations. */
  batch(ops: readonly KvOp[]): Promise<number>;
  /** Watches `prefix` from `fromRevision` (inclusive; default: now). */
  watch(prefix: string, handlers: KvWatchHandlers, fromRevision?: number): Promise<KvWatch>;
  /** Subscribes to connection-state changes; returns an unsubscribe function. */
  onConnectionState(listener: (state: KvConnectionState) => void): () => void;
  /** Closes the store (connections, snapshot file flush). */
  close(): Promise<void>;
}
