/** @module TxnRecord: what one reconciler transaction planned, did and left pending (for `/vpp/txns`). */
import type { OpKind, OpReason, PendingValue, PlannedOp } from './txn-planner.ts';

/** An executed (or skipped) operation with its outcome. */
export interface ExecutedOp {
  readonly key: string;
  readonly op: OpKind;
  readonly descriptor: string;
  readonly reason: OpReason;
  /** `skipped`: a dependency failed earlier in the transaction, or a recreate's delete failed. */
  readonly result: 'ok' | 'error' | 'skipped';
  /** The error as JSON (`error` only). */
  readonly error?: Readonly<Record<string, unknown>>;
  /** Retry number of this value (1 = first retry) when the operation failed and will be retried. */
  readonly retry?: number;
}

/** What a resync's dump of one descriptor found. */
export interface DumpSummary {
  readonly descriptor: string;
  /** Our objects found. */
  readonly ours: number;
  /** Foreign objects (left alone). */
  readonly foreign: readonly string[];
  /** The dump's error; the previous view of this kind was kept. */
  readonly error?: Readonly<Record<string, unknown>>;
}

/** One transaction of the reconciler. */
export interface TxnRecord {
  /** Sequence number of the transaction in this reconciler. */
  readonly seq: number;
  /** The event the transaction belongs to. */
  readonly eventSeq?: number;
  readonly eventKind: string;
  readonly isResync: boolean;
  /** Keys retried by this transaction. */
  readonly retried: readonly string[];
  readonly startedAt: number;
  readonly durationMs: number;
  /** Desired-state changes (`put` or `delete`), sorted by key; a resync lists its puts. */
  readonly changes: readonly { readonly key: string; readonly op: 'put' | 'delete' }[];
  /** Values rejected by validation (not applied). */
  readonly invalid: readonly { readonly key: string; readonly error: Readonly<Record<string, unknown>> }[];
  /** Resync only: the dumps. */
  readonly dumps?: readonly DumpSummary[];
  readonly planned: readonly PlannedOp[];
  readonly executed: readonly ExecutedOp[];
  /** Values considered by this transaction that wait for dependencies. */
  readonly pending: readonly PendingValue[];
  /** Southbound calls (VPP messages) made by the transaction, when counted. */
  readonly calls?: number;
}
