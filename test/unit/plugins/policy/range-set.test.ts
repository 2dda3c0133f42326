import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { intersectRanges, isAllPorts, normalizeRanges, rangesInclude, unionRanges } from '../../../../plugins/policy/range-set.ts';
import type { PortRange } from '../../../../plugins/policy/port-range.ts';

const r = (first: number, last = first): PortRange => ({ first, last });
const rangeArb = fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 8 })).map(([a, n]) => r(a, a + n));
const has = (set: readonly PortRange[], p: number): boolean => set.some((x) => p >= x.first && p <= x.last);

describe('RangeSet', () => {
  it('normalizeRanges() sorts and merges overlapping and adjacent ranges', () => {
    expect(normalizeRanges([r(90, 95), r(80), r(81, 85), r(84, 86)])).toEqual([r(80, 86), r(90, 95)]);
  });
  it('intersectRanges() and unionRanges() agree with per-port membership', () => {
    fc.assert(fc.property(fc.array(rangeArb), fc.array(rangeArb), (a, b) => {
      const na = normalizeRanges(a);
      const nb = normalizeRanges(b);
      const i = intersectRanges(na, nb);
      const u = unionRanges(na, nb);
      for (let p = 0; p <= 50; p++) {
        expect(has(i, p)).toBe(has(na, p) && has(nb, p));
        expect(has(u, p)).toBe(has(na, p) || has(nb, p));
      }
      expect(rangesInclude(u, na)).toBe(true);
      expect(rangesInclude(na, i)).toBe(true);
    }));
  });
  it('rangesInclude() is false when one port is missing', () => {
    expect(rangesInclude([r(80, 90)], [r(85), r(91)])).toBe(false);
    expect(rangesInclude([r(80, 90), r(92)], [r(85), r(92)])).toBe(true);
  });
  it('isAllPorts() recognises 0-65535 only', () => {
    expect(isAllPorts([r(0, 65535)])).toBe(true);
    expect(isAllPorts([r(1, 65535)])).toBe(false);
  });
});
