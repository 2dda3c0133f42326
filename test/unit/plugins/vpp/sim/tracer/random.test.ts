import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../../../plugins/vpp/sim/tracer/random.ts';

describe('seededRandom', () => {
  it('seededRandom() repeats its sequence for a seed and stays in [0, 1)', () => {
    const a = seededRandom(9), b = seededRandom(9), c = seededRandom(10);
    const xs = Array.from({ length: 1000 }, () => a.next());
    expect(Array.from({ length: 1000 }, () => b.next())).toEqual(xs);
    expect(c.next()).not.toBe(xs[0]);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 1);
  });
});
