/** @module Sets of ports as sorted, disjoint, merged ranges: union, intersection, inclusion. */
import type { PortRange } from './port-range.ts';
import { ANY_PORTS } from './port-range.ts';

/** Sorted by first port, disjoint and non-adjacent (a canonical form: equal sets are equal lists). */
export type RangeSet = readonly PortRange[];

/** The set of every port. */
export const ALL_PORTS_SET: RangeSet = [ANY_PORTS];

/** Canonical form of any list of ranges (sorts, merges overlapping and adjacent ranges). */
export function normalizeRanges(ranges: readonly PortRange[]): RangeSet {
  if (ranges.length <= 1) return ranges.slice();
  const sorted = [...ranges].sort((a, b) => a.first - b.first || a.last - b.last);
  const out: PortRange[] = [];
  let cur = sorted[0]!;
  for (let i = 1; i < sorted.length; i++) {
    const r = sorted[i]!;
    if (r.first <= cur.last + 1) {
      if (r.last > cur.last) cur = { first: cur.first, last: r.last };
    } else {
      out.push(cur);
      cur = r;
    }
  }
  out.push(cur);
  return out;
}

/** Union of two canonical sets. */
export function unionRanges(a: RangeSet, b: RangeSet): RangeSet {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  return normalizeRanges([...a, ...b]);
}

/** Intersection of two canonical sets (linear merge). */
export function intersectRanges(a: RangeSet, b: RangeSet): RangeSet {
  const out: PortRange[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    const first = Math.max(x.first, y.first);
    const last = Math.min(x.last, y.last);
    if (first <= last) out.push({ first, last });
    if (x.last < y.last) i++;
    else j++;
  }
  return out;
}

/** Whether canonical set `inner` is a subset of canonical set `outer`. */
export function rangesInclude(outer: RangeSet, inner: RangeSet): boolean {
  let j = 0;
  for (const r of inner) {
    while (j < outer.length && outer[j]!.last < r.first) j++;
    const o = outer[j];
    if (!o || o.first > r.first || o.last < r.last) return false;
  }
  return true;
}

/** Whether a canonical set holds every port. */
export function isAllPorts(s: RangeSet): boolean {
  return s.length === 1 && s[0]!.first <= 0 && s[0]!.last >= 65535;
}

/** Whether two canonical sets are equal. */
export function rangeSetsEqual(a: RangeSet, b: RangeSet): boolean {
  return a.length === b.length && a.every((r, i) => r.first === b[i]!.first && r.last === b[i]!.last);
}
