/** @module The one key order the reconciler uses everywhere (code-unit order, locale-free). */

/** Compares two keys by UTF-16 code units, so the order never depends on the locale. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The keys sorted (a new array). */
export function sortedKeys(keys: Iterable<string>): string[] {
  return [...keys].sort(compareKeys);
}
