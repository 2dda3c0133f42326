import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, retryDelay } from '../../../../../plugins/vpp/config/retry-policy.ts';

describe('retryDelay', () => {
  it('retryDelay() doubles from the base delay up to the cap', () => {
    expect([1, 2, 3, 4].map((n) => retryDelay(n, DEFAULT_RETRY_POLICY))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelay(10, { ...DEFAULT_RETRY_POLICY, maxDelayMs: 5000 })).toBe(5000);
  });
});
