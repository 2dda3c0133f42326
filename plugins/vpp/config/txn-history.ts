/** @module TxnHistory: the last N transaction records, oldest first. */
import type { TxnRecord } from './txn-record.ts';

/** A bounded history of transactions. */
export class TxnHistory {
  readonly #limit: number;
  #records: TxnRecord[] = [];

  /** @param limit records kept (older ones are dropped); 0 keeps none. */
  constructor(limit: number) {
    this.#limit = Math.max(0, limit);
  }

  /** Appends a record, dropping the oldest beyond the limit. */
  add(record: TxnRecord): void {
    if (this.#limit === 0) return;
    this.#records.push(record);
    if (this.#records.length > this.#limit) this.#records = this.#records.slice(-this.#limit);
  }

  /** The records, oldest first. */
  list(): readonly TxnRecord[] {
    return [...this.#records];
  }

  /** The newest record. */
  last(): TxnRecord | undefined {
    return this.#records.at(-1);
  }
}
