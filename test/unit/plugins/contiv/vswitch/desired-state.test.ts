import { describe, expect, it } from 'vitest';
import { canonical, diffDesired } from '../../../../../plugins/contiv/vswitch/desired-state.ts';
import type { VppValue } from '../../../../../plugins/vpp/model.ts';

const v = (enabled: boolean): VppValue => ({ enabled });

describe('diffDesired', () => {
  it('diffDesired() puts new and changed keys and deletes missing ones, sorted by key', () => {
    const prev = new Map([['b', v(true)], ['a', v(true)], ['c', v(true)]]);
    const next = new Map([['d', v(true)], ['c', v(false)], ['a', v(true)]]);
    const diff = diffDesired(prev, next);
    expect(diff.puts.map(([k]) => k)).toEqual(['c', 'd']);
    expect(diff.deletes).toEqual(['b']);
  });

  it('canonical() ignores object key order', () => {
    expect(canonical({ a: 1, b: { c: 2, d: 3 } })).toBe(canonical({ b: { d: 3, c: 2 }, a: 1 }));
    expect(canonical([1, 2])).not.toBe(canonical([2, 1]));
  });
});
