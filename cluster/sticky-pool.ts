/**
 * @module StickyPool: numbers (addresses, ports) handed to owners from a range — lowest free
 * first, explicit claims checked for range and clashes, and kept by their owner until released,
 * so a simulation step never renumbers what an earlier step assigned. Pure.
 */

/** Why a claim failed. */
export type ClaimProblem = { readonly kind: 'out-of-range' } | { readonly kind: 'taken'; readonly by: string } | { readonly kind: 'reserved' };

/** A range of numbers owned by named owners. */
export class StickyPool {
  readonly #byOwner = new Map<string, number>();
  readonly #byValue = new Map<number, string>();

  /**
   * @param first lowest value handed out
   * @param last highest value handed out
   * @param reserved values never handed out nor claimable
   */
  constructor(readonly first: number, readonly last: number, private readonly reserved: ReadonlySet<number> = new Set()) {}

  /** The value of `owner`. */
  valueOf(owner: string): number | undefined {
    return this.#byOwner.get(owner);
  }

  /** Who holds `value`. */
  ownerOf(value: number): string | undefined {
    return this.#byValue.get(value);
  }

  /** Why `owner` cannot hold `value`, or undefined if it can. */
  check(owner: string, value: number): ClaimProblem | undefined {
    if (value < this.first || value > this.last) return { kind: 'out-of-range' };
    if (this.reserved.has(value)) return { kind: 'reserved' };
    const by = this.#byValue.get(value);
    return by !== undefined && by !== owner ? { kind: 'taken', by } : undefined;
  }

  /** Gives `value` to `owner` (releasing what it held); undefined on success, else the problem. */
  claim(owner: string, value: number): ClaimProblem | undefined {
    const problem = this.check(owner, value);
    if (problem) return problem;
    this.release(owner);
    this.#byOwner.set(owner, value);
    this.#byValue.set(value, owner);
    return undefined;
  }

  /** The value `owner` holds, else the lowest free one; undefined when the range is full. */
  allocate(owner: string): number | undefined {
    const held = this.#byOwner.get(owner);
    if (held !== undefined) return held;
    for (let v = this.first; v <= this.last; v++) {
      if (this.reserved.has(v) || this.#byValue.has(v)) continue;
      this.#byOwner.set(owner, v);
      this.#byValue.set(v, owner);
      return v;
    }
    return undefined;
  }

  /** Frees what `owner` holds. */
  release(owner: string): void {
    const v = this.#byOwner.get(owner);
    if (v === undefined) return;
    this.#byOwner.delete(owner);
    this.#byValue.delete(v);
  }

  /** Owners, sorted. */
  owners(): string[] {
    return [...this.#byOwner.keys()].sort();
  }
}
