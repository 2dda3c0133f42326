/**
 * @module Markers of the profiled window: `bench/cpu-profile.ts --window` counts only the samples
 * between the last sample inside {@linkcode benchWindowStart} and the first inside
 * {@linkcode benchWindowEnd}. Each spins 5 ms of CPU time (not wall time: on a loaded machine
 * the process may not run at all for 5 ms) so the sampler sees it.
 */
import process from 'node:process';

function spin(cpuMs: number): number {
  const start = process.cpuUsage().user;
  let x = 0;
  while (process.cpuUsage().user - start < cpuMs * 1000) for (let i = 0; i < 10_000; i++) x += i & 1;
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
