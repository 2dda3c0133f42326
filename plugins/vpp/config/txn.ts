/**
 * @module Txn: the desired-state changes of one event (the `VppTxn` plugins get from
 * `VppApi.txn()`). The last change of a key wins, so a put and a delete in one event cancel.
 */
import type { VppTxn } from '../api.ts';
import type { VppValue } from '../model.ts';
import { compareKeys } from './key-order.ts';

/** One change: a put (`value` set) or a delete (`value` undefined). */
export interface TxnChange {
  readonly key: string;
  readonly value?: unknown;
}

/** The changes of one event, committed by the reconciler at event end. */
export class Txn implements VppTxn {
  readonly #changes = new Map<string, unknown>();

  /** {@inheritDoc VppTxn.put} */
  put(key: string, value: VppValue): void {
    this.#changes.set(key, value);
  }

  /** {@inheritDoc VppTxn.delete} */
  delete(key: string): void {
    this.#changes.set(key, undefined);
  }

  /** Number of keys changed. */
  get size(): number {
    return this.#changes.size;
  }

  /** Whether this event changed `key`. */
  has(key: string): boolean {
    return this.#changes.has(key);
  }

  /** The value this event gave `key` (`undefined` = deleted or untouched; see `has`). */
  value(key: string): unknown {
    return this.#changes.get(key);
  }

  /** Keys changed by this event (unsorted). */
  keys(): IterableIterator<string> {
    return this.#changes.keys();
  }

  /** The changes sorted by key. */
  changes(): readonly TxnChange[] {
    return [...this.#changes.keys()].sort(compareKeys).map((key) => {
      const value = this.#changes.get(key);
      return value === undefined ? { key } : { key, value };
    });
  }
}
