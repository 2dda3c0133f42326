import { describe, expect, it } from 'vitest';
import type { Datasync, EventRecord } from '../../../../core/datasync/datasync.ts';
import { eventRoutes } from '../../../../core/datasync/event-routes.ts';
import { KvUnavailableError } from '../../../../core/kv/kv-errors.ts';
import { emptySnapshot } from '../../../../core/snapshot.ts';

function fakeSync(resync: () => Promise<void>, history: EventRecord[]): Datasync {
  return {
    watch: () => undefined,
    onEventEnd: () => undefined,
    push: async <T>() => undefined as T,
    resync,
    history: () => history,
    snapshot: async (_p, reason) => emptySnapshot(reason),
  };
}

const record: EventRecord = { seq: 1, kind: 'resync', summary: 'resync (request)', startedAt: 0, durationMs: 0, outcome: 'ok', errors: [] };

describe('eventRoutes', () => {
  it('GET /events serves the history', async () => {
    const res = await eventRoutes(fakeSync(async () => undefined, [record])).request('/events');
    expect(await res.json()).toEqual([record]);
  });

  it('POST /resync answers 200 with the resync record, or 503 with the error', async () => {
    const ok = await eventRoutes(fakeSync(async () => undefined, [record])).request('/resync', { method: 'POST' });
    expect([ok.status, await ok.json()]).toEqual([200, { ok: true, event: record }]);
    const failing = eventRoutes(fakeSync(() => Promise.reject(new KvUnavailableError('etcd', 'list')), []));
    const bad = await failing.request('/resync', { method: 'POST' });
    expect(bad.status).toBe(503);
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'KV_UNAVAILABLE', operation: 'list' } });
  });
});
