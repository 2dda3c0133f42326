/** @module RetryPolicy: how often and how late failed operations are retried (exponential backoff). */

/** Retry settings of the reconciler. */
export interface RetryPolicy {
  /** Retries per value after its first failure (0 = never retry). @default 3 */
  readonly maxRetries: number;
  /** Delay before the first retry, in ms. @default 1000 */
  readonly baseDelayMs: number;
  /** Upper bound of a delay, in ms. @default 30000 */
  readonly maxDelayMs: number;
  /** Factor between consecutive delays. @default 2 */
  readonly factor: number;
}

/** The defaults (those of vpp-agent's KVScheduler: 1 s, 3 retries, exponential). */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 3, baseDelayMs: 1000, maxDelayMs: 30_000, factor: 2 };

/**
 * Delay before retry number `attempt` (1 = the first retry).
 * @example retryDelay(3, DEFAULT_RETRY_POLICY) // → 4000
 */
export function retryDelay(attempt: number, policy: RetryPolicy): number {
  const raw = policy.baseDelayMs * policy.factor ** Math.max(0, attempt - 1);
  return Math.min(policy.maxDelayMs, Math.round(raw));
}
