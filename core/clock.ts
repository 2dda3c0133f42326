/** @module Clock: time as a parameter, so tests and simulations can move it. */

/** A source of time. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/** The system clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to (simulations, tests). */
export class ManualClock implements Clock {
  constructor(private ms = 0) {}
  /** Current time in ms. */
  now(): number {
    return this.ms;
  }
  /** Moves time forward by `ms`. */
  advance(ms: number): void {
    this.ms += ms;
  }
}
