import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapReusing } from '../../../core/list-reuse.ts';

describe('mapReusing', () => {
  it('mapReusing() equals map() and converts only the elements prev lacks, whatever the edit', () => {
    const pool = Array.from({ length: 40 }, (_, i) => ({ i }));
    const list = fc.array(fc.integer({ min: 0, max: 39 }), { maxLength: 60 }).map((xs) => xs.map((i) => pool[i]!));
    fc.assert(fc.property(list, list, (prev, next) => {
      const convert = (x: { i: number }) => ({ twice: x.i * 2 });
      const prevOut = prev.map(convert);
      const converted: { i: number }[] = [];
      const out = mapReusing(next, prev, prevOut, (x) => {
        converted.push(x);
        return convert(x);
      });
      expect(out).toEqual(next.map(convert));
      // Whatever is reused is the conversion of the same object.
      next.forEach((x, n) => {
        const j = prevOut.indexOf(out[n]!);
        if (j >= 0) expect(prev[j]).toBe(x);
      });
      expect(converted.length).toBeLessThanOrEqual(next.length);
    }));
  });

  it('mapReusing() converts only the inserted elements when a few are inserted and removed', () => {
    const prev = Array.from({ length: 100 }, (_, i) => ({ i }));
    const added = [{ i: -1 }, { i: -2 }];
    const next = [...prev.slice(0, 10), added[0]!, ...prev.slice(13, 70), added[1]!, ...prev.slice(70)];
    const converted: { i: number }[] = [];
    const out = mapReusing(next, prev, prev.map((x) => x.i), (x) => {
      converted.push(x);
      return x.i;
    });
    expect(out).toEqual(next.map((x) => x.i));
    expect(converted).toEqual(added);
  });

  it('mapReusing() reuses by identity: an equal but distinct object is converted', () => {
    const a = { v: 1 };
    const out = mapReusing([{ v: 1 }, a], [a], ['A'], () => 'new');
    expect(out).toEqual(['new', 'A']);
  });

  it('mapReusing() gives convert the index in the new list when elements were removed before it', () => {
    const [a, b, c, d] = [{ v: 'a' }, { v: 'b' }, { v: 'c' }, { v: 'd' }];
    const seen: [string, number][] = [];
    mapReusing([a, c, d], [a, b, c], ['A', 'B', 'C'], (x, i) => {
      seen.push([x.v, i]);
      return x.v;
    });
    expect(seen).toEqual([['d', 2]]);
  });
});
