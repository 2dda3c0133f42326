import { describe, expect, it } from 'vitest';
import { reconcilerRoutes } from '../../../../../plugins/vpp/config/reconciler-routes.ts';
import type { TxnRecord } from '../../../../../plugins/vpp/config/txn-record.ts';

const rec = (seq: number): TxnRecord => ({ seq, eventKind: 'kv', isResync: false, retried: [], startedAt: 0, durationMs: 0, changes: [], invalid: [], planned: [], executed: [], pending: [] });

describe('reconcilerRoutes', () => {
  const app = reconcilerRoutes({
    history: () => [rec(1), rec(2), rec(3)],
    state: () => ({ values: [{ key: 'a', status: 'configured' }, { key: 'b', status: 'pending', missing: [] }, { key: 'c', status: 'configured' }], foreign: [] }),
  });

  it('GET /vpp/txns serves the history, or its newest N with ?last=N', async () => {
    expect(((await (await app.request('/vpp/txns')).json()) as TxnRecord[]).map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(((await (await app.request('/vpp/txns?last=2')).json()) as TxnRecord[]).map((r) => r.seq)).toEqual([2, 3]);
  });

  it('GET /vpp/state serves every value with counts per status', async () => {
    const body = (await (await app.request('/vpp/state')).json()) as { counts: Record<string, number>; values: unknown[] };
    expect(body.counts).toEqual({ configured: 2, pending: 1 });
    expect(body.values).toHaveLength(3);
  });
});
