/** @module Channel timers that fire only when a test says so (no patched globals). */
import type { ChannelTimers } from '../../plugins/vpp/channel.ts';

/** {@linkcode ChannelTimers} driven by `advance(ms)`. */
export class ManualTimers implements ChannelTimers {
  #now = 0;
  #timers: { at: number; fn: () => void; cancelled: boolean }[] = [];

  set(ms: number, fn: () => void): () => void {
    const t = { at: this.#now + ms, fn, cancelled: false };
    this.#timers.push(t);
    return () => {
      t.cancelled = true;
    };
  }

  /** Timers armed and not yet fired or cancelled. */
  get pending(): number {
    return this.#timers.filter((t) => !t.cancelled).length;
  }

  /** Moves time by `ms` and fires every timer that is due, in due order. */
  advance(ms: number): void {
    this.#now += ms;
    const due = this.#timers.filter((t) => !t.cancelled && t.at <= this.#now).sort((a, b) => a.at - b.at);
    this.#timers = this.#timers.filter((t) => !t.cancelled && t.at > this.#now);
    for (const t of due) t.fn();
  }
}
