import { describe, expect, it } from 'vitest';
import { StickyPool } from '../../../cluster/sticky-pool.ts';

describe('StickyPool', () => {
  it('allocate() hands out the lowest free value and keeps it per owner', () => {
    const p = new StickyPool(10, 13, new Set([10]));
    expect([p.allocate('a'), p.allocate('b'), p.allocate('a')]).toEqual([11, 12, 11]);
    p.release('a');
    expect(p.allocate('c')).toBe(11);
    expect(p.allocate('d')).toBe(13);
    expect(p.allocate('e')).toBeUndefined();
  });

  it('claim() checks range, reservation and clashes, and moves an owner', () => {
    const p = new StickyPool(10, 13, new Set([10]));
    expect(p.claim('a', 12)).toBeUndefined();
    expect(p.claim('b', 12)).toEqual({ kind: 'taken', by: 'a' });
    expect(p.claim('b', 10)).toEqual({ kind: 'reserved' });
    expect(p.claim('b', 14)).toEqual({ kind: 'out-of-range' });
    expect(p.claim('a', 13)).toBeUndefined();
    expect([p.valueOf('a'), p.ownerOf(12), p.owners()]).toEqual([13, undefined, ['a']]);
  });
});
