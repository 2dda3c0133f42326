import { describe, expect, it } from 'vitest';
import { ChangeLog } from '../../../../core/kv/change-log.ts';

const rev = (revision: number, ...keys: string[]) => ({
  revision,
  changes: keys.map((key) => ({ type: 'put' as const, key, value: `${revision}`, revision })),
});

describe('ChangeLog', () => {
  it('since() returns the revisions from a start with only the changes under the prefix', () => {
    const log = new ChangeLog(10, 2);
    log.append(rev(2, '/a/1', '/b/1'));
    log.append(rev(3, '/b/2'));
    log.append(rev(4, '/a/2'));
    expect(log.since(3, '/a/')).toEqual([rev(4, '/a/2')]);
    expect(log.since(2, '/a/')!.map((r) => r.changes.map((c) => c.key))).toEqual([['/a/1'], ['/a/2']]);
  });

  it('since() is undefined for revisions dropped by the limit or by compact()', () => {
    const log = new ChangeLog(2, 2);
    for (let r = 2; r <= 5; r++) log.append(rev(r, '/k'));
    expect(log.oldestWatchable()).toBe(4);
    expect(log.since(3, '/')).toBeUndefined();
    expect(log.since(4, '/')).toHaveLength(2);
    log.compact(5);
    expect(log.since(4, '/')).toBeUndefined();
    expect(log.since(5, '/')).toEqual([rev(5, '/k')]);
  });
});
