/** @module An index pool as VPP's `pool_get`/`pool_put`: the last freed index is reused first. */

/** Allocates small integers the way a VPP pool does. */
export class IndexPool {
  #next: number;
  readonly #free: number[] = [];

  /** @param first the first index handed out when nothing was freed */
  constructor(first = 0) {
    this.#next = first;
  }

  /** Takes an index: the most recently freed one, else the next new one. */
  take(): number {
    return this.#free.pop() ?? this.#next++;
  }

  /** Gives `index` back. */
  put(index: number): void {
    this.#free.push(index);
  }
}

/** The lowest integer ≥ `from` not in `used` (VPP's `clib_bitmap_first_clear` for instance numbers). */
export function lowestFree(used: Iterable<number>, from = 0): number {
  const set = new Set(used);
  let n = from;
  while (set.has(n)) n++;
  return n;
}
