import { describe, expect, it } from 'vitest';
import { groupByRevision, prefixRangeEnd, type RawWatchEvent } from '../../../../core/kv/revision-groups.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const ev = (type: string, key: string, rev: number, value = '', prev?: string): RawWatchEvent => ({
  type,
  kv: { key: enc(key), value: enc(value), mod_revision: String(rev) },
  prev_kv: prev === undefined ? null : { key: enc(key), value: enc(prev), mod_revision: String(rev - 1) },
});

describe('groupByRevision', () => {
  it('groupByRevision() groups consecutive events of one revision with previous values', () => {
    expect(groupByRevision([ev('Put', 'a', 5, '1'), ev('Delete', 'b', 5, '', 'old'), ev('Put', 'a', 6, '2', '1')])).toEqual([
      { revision: 5, changes: [
        { type: 'put', key: 'a', value: '1', prevValue: undefined, revision: 5 },
        { type: 'delete', key: 'b', prevValue: 'old', revision: 5 },
      ] },
      { revision: 6, changes: [{ type: 'put', key: 'a', value: '2', prevValue: '1', revision: 6 }] },
    ]);
  });
});

describe('prefixRangeEnd', () => {
  it('prefixRangeEnd() increments the last byte below 0xff', () => {
    expect(new TextDecoder().decode(prefixRangeEnd(enc('/a/')))).toBe('/a0');
    expect([...prefixRangeEnd(Uint8Array.of(0x61, 0xff))]).toEqual([0x62]);
    expect([...prefixRangeEnd(new Uint8Array())]).toEqual([0]);
  });
});
