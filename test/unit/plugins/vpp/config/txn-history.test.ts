import { describe, expect, it } from 'vitest';
import { TxnHistory } from '../../../../../plugins/vpp/config/txn-history.ts';
import type { TxnRecord } from '../../../../../plugins/vpp/config/txn-record.ts';

const rec = (seq: number): TxnRecord => ({ seq, eventKind: 'kv', isResync: false, retried: [], startedAt: 0, durationMs: 0, changes: [], invalid: [], planned: [], executed: [], pending: [] });

describe('TxnHistory', () => {
  it('add() drops the oldest records beyond the limit', () => {
    const h = new TxnHistory(2);
    [1, 2, 3].forEach((s) => h.add(rec(s)));
    expect(h.list().map((r) => r.seq)).toEqual([2, 3]);
    expect(h.last()?.seq).toBe(3);
    const none = new TxnHistory(0);
    none.add(rec(1));
    expect(none.list()).toEqual([]);
  });
});
