/** @module WatchRecorder: records what a KeyValueStore watch delivers and lets tests wait for it. */
import type { KvChange, KvWatchHandlers } from '../../core/kv/key-value-store.ts';

/** One delivered batch. */
export interface RecordedBatch {
  readonly revision: number;
  readonly changes: readonly KvChange[];
}

/** Watch handlers that record batches and losses. */
export class WatchRecorder implements KvWatchHandlers {
  readonly batches: RecordedBatch[] = [];
  readonly lost: string[] = [];
  #waiters: (() => void)[] = [];

  onChanges(changes: readonly KvChange[], revision: number): void {
    this.batches.push({ revision, changes });
    this.#wake();
  }

  onLost(reason: string): void {
    this.lost.push(reason);
    this.#wake();
  }

  /** Every change delivered, flattened. */
  changes(): KvChange[] {
    return this.batches.flatMap((b) => b.changes);
  }

  /** Resolves once `predicate` holds; rejects after `limitMs` with what was seen. */
  async until(predicate: (r: WatchRecorder) => boolean, limitMs = 10_000): Promise<void> {
    const deadline = Date.now() + limitMs;
    while (!predicate(this)) {
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(`watch condition not met; saw ${JSON.stringify({ batches: this.batches, lost: this.lost })}`);
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.#waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  #wake(): void {
    const w = this.#waiters;
    this.#waiters = [];
    for (const f of w) f();
  }
}
