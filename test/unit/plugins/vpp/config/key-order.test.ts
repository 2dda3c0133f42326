import { describe, expect, it } from 'vitest';
import { compareKeys, sortedKeys } from '../../../../../plugins/vpp/config/key-order.ts';

describe('sortedKeys', () => {
  it('sortedKeys() orders by code unit, independent of locale and input order', () => {
    expect(sortedKeys(['vpp/b', 'vpp/B', 'vpp/a-x', 'vpp/a/x'])).toEqual(['vpp/B', 'vpp/a-x', 'vpp/a/x', 'vpp/b']);
    expect(compareKeys('a', 'a')).toBe(0);
  });
});
