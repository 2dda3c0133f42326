/**
 * @module How long to wait before each reconnect attempt: exponential from `initialDelayMs`,
 * capped at `maxDelayMs`. No jitter: one agent talks to one VPP, there is no herd to spread.
 */

/** Reconnect timing. */
export interface BackoffOptions {
  /** Delay before the first attempt, in ms. @default 100 */
  readonly initialDelayMs?: number;
  /** Upper bound of a delay, in ms. @default 5000 */
  readonly maxDelayMs?: number;
  /** Factor between consecutive delays. @default 2 */
  readonly factor?: number;
}

/**
 * Delay before attempt number `attempt` (1 = the first after the drop).
 * @example backoffDelay(3, { initialDelayMs: 100 }) // → 400
 */
export function backoffDelay(attempt: number, opts: BackoffOptions = {}): number {
  const initial = opts.initialDelayMs ?? 100;
  const max = opts.maxDelayMs ?? 5000;
  const factor = opts.factor ?? 2;
  return Math.min(max, Math.round(initial * factor ** Math.max(0, attempt - 1)));
}
