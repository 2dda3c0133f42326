/**
 * @module The desired VPP state contiv owns, as key → value, and the difference between two
 * such states (what to put and delete in the event's transaction). Pure.
 */
import type { VppValue } from '../../vpp/model.ts';

/** Desired VPP values by key. */
export type DesiredState = ReadonlyMap<string, VppValue>;

/** What changes between two desired states; both lists sorted by key. */
export interface DesiredDiff {
  readonly puts: readonly (readonly [string, VppValue])[];
  readonly deletes: readonly string[];
}

/** The changes turning `prev` into `next`: new or changed keys are put, missing keys deleted. */
export function diffDesired(prev: DesiredState, next: DesiredState): DesiredDiff {
  const puts: (readonly [string, VppValue])[] = [];
  const deletes: string[] = [];
  for (const [key, value] of next) {
    const old = prev.get(key);
    if (old === undefined || canonical(old) !== canonical(value)) puts.push([key, value]);
  }
  for (const key of prev.keys()) if (!next.has(key)) deletes.push(key);
  puts.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  deletes.sort();
  return { puts, deletes };
}

/** JSON with object keys sorted, so equal values compare equal whatever their key order. */
export function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, val: unknown) =>
    val && typeof val === 'object' && !Array.isArray(val)
      ? Object.fromEntries(Object.entries(val as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : val,
  );
}
