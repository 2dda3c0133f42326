/** @module Randomness as a parameter: the tracer's load-balancing draws come from a seeded source. */

/** A source of uniform numbers in [0, 1). */
export interface Random {
  next(): number;
}

/**
 * A deterministic generator (mulberry32): the same seed gives the same sequence on every run.
 * @example const r = seededRandom(42); r.next(); // → 0.6011...
 */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return {
    next(): number {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}
