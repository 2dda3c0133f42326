import { describe, expect, it } from 'vitest';
import { EventHistory } from '../../../../core/datasync/event-history.ts';

describe('EventHistory', () => {
  it('list() keeps the last N records, oldest first', () => {
    const h = new EventHistory(2);
    for (let seq = 1; seq <= 3; seq++) h.add({ seq, kind: 'kv', summary: '', startedAt: 0, durationMs: 0, outcome: 'ok', errors: [] });
    expect(h.list().map((r) => r.seq)).toEqual([2, 3]);
  });
});
