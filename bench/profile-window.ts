/**
 * @module Markers of the profiled window: `bench/cpu-profile.ts --window` counts only the samples
 * between the last sample inside {@linkcode benchWindowStart} and the first inside
 * {@linkcode benchWindowEnd}. Each spins a few milliseconds so the sampler sees it.
 */

function spin(ms: number): number {
  const until = performance.now() + ms;
  let x = 0;
  while (performance.now() < until) x++;
  return x;
}

/** Marks the start of the profiled window. */
export function benchWindowStart(): number {
  return spin(5);
}

/** Marks the end of the profiled window. */
export function benchWindowEnd(): number {
  return spin(5);
}
