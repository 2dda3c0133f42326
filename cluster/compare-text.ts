/** @module compareText(): code-unit order of strings, the same on every runtime and locale. */

/** Compares two strings by UTF-16 code units (unlike `localeCompare`, independent of the locale). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
