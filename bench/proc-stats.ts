/** @module Process figures for the benchmarks: peak and current RSS from `/proc/self/status`, CPU time. */
import { readFileSync } from 'node:fs';
import process from 'node:process';

/** A `/proc/self/status` field in kB (`VmHWM` = peak RSS so far, `VmRSS` = now); 0 where there is no procfs. */
export function procStatusKB(field: 'VmHWM' | 'VmRSS'): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** CPU time (user + system) of this process so far, in ms. */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Rounds to 0.01. */
export const r2 = (x: number): number => Math.round(x * 100) / 100;
