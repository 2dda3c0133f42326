/**
 * @module mapReusing(): converts a list that is mostly a previous list (a table that gained or
 * lost a peer's rules) by reusing the previous conversions, found by object identity in one
 * aligned pass, instead of looking every element up again. Used wherever a rule list is
 * re-sent with a few rules more or fewer: the ACL renderer, the ACL descriptor's validation and
 * the simulator's `acl_add_replace`.
 */

/** Consecutive elements not found near the alignment before `prev` is indexed. */
const MAX_MISSES = 8;
/** How far ahead in `prev` an element is looked for (elements removed from the list). */
const LOOKAHEAD = 4;

/**
 * `next.map(convert)`, except that an element that is also in `prev` (the same object) takes the
 * element of `prevOut` at its place (`prevOut[i]` must be `convert(prev[i])`). `convert` gets
 * the element's index in `next` (for error messages).
 */
export function mapReusing<T, U>(next: readonly T[], prev: readonly T[], prevOut: readonly U[], convert: (x: T, i: number) => U): U[] {
  const out = new Array<U>(next.length);
  // Nothing to reuse (a first put, a resync): no alignment, no index of an empty list.
  if (prev.length === 0) {
    for (let i = 0; i < next.length; i++) out[i] = convert(next[i]!, i);
    return out;
  }
  let k = 0;
  let misses = 0;
  let index: Map<T, number> | undefined;
  for (let i = 0; i < next.length; i++) {
    const x = next[i]!;
    if (k < prev.length && prev[k] === x) {
      out[i] = prevOut[k++]!;
      misses = 0;
      continue;
    }
    let j = -1;
    for (let d = 1; d <= LOOKAHEAD && k + d < prev.length; d++) {
      if (prev[k + d] === x) {
        j = k + d;
        break;
      }
    }
    if (j < 0 && (index !== undefined || ++misses > MAX_MISSES)) j = (index ??= indexOf(prev)).get(x) ?? -1;
    if (j >= 0) {
      out[i] = prevOut[j]!;
      k = j + 1;
      misses = 0;
    } else out[i] = convert(x, i);
  }
  return out;
}

function indexOf<T>(xs: readonly T[]): Map<T, number> {
  const m = new Map<T, number>();
  for (let i = 0; i < xs.length; i++) m.set(xs[i]!, i);
  return m;
}
