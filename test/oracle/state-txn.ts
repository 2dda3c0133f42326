/** @module A VppTxn that applies puts and deletes to a desired-state map and counts them (a recording txn for tests). */
import type { VppTxn } from '../../plugins/vpp/api.ts';
import type { VppValue } from '../../plugins/vpp/model.ts';

/** One recorded operation. */
export type TxnOp = { readonly op: 'put'; readonly key: string; readonly value: VppValue } | { readonly op: 'delete'; readonly key: string };

/** Desired VPP state kept by applying transactions; `ops` lists everything since the last `take()`. */
export class StateTxn implements VppTxn {
  readonly state = new Map<string, VppValue>();
  ops: TxnOp[] = [];

  /** Sets `key`. */
  put(key: string, value: VppValue): void {
    this.state.set(key, value);
    this.ops.push({ op: 'put', key, value });
  }

  /** Removes `key`. */
  delete(key: string): void {
    this.state.delete(key);
    this.ops.push({ op: 'delete', key });
  }

  /** Returns and clears the recorded operations. */
  take(): TxnOp[] {
    const ops = this.ops;
    this.ops = [];
    return ops;
  }

  /** A resync: the next puts are the complete state (what is not put disappears). */
  beginResync(): void {
    this.state.clear();
  }

  /** Values under a key prefix, sorted by key. */
  values<T extends VppValue>(prefix: string): T[] {
    return [...this.state.keys()].filter((k) => k.startsWith(prefix)).sort().map((k) => this.state.get(k) as T);
  }
}
