import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../../../plugins/vpp/socket/reconnect-backoff.ts';

describe('backoffDelay', () => {
  it('backoffDelay() doubles from 100 ms and stops at 5 s with the defaults', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffDelay(n))).toEqual([100, 200, 400, 800, 1600, 3200, 5000, 5000]);
  });

  it('backoffDelay() follows the given initial delay, factor and cap', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, { initialDelayMs: 10, factor: 3, maxDelayMs: 100 }))).toEqual([10, 30, 90, 100]);
  });
});
