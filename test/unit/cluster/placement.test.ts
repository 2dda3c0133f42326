import { describe, expect, it } from 'vitest';
import { placePods } from '../../../cluster/placement.ts';

describe('placePods', () => {
  it('placePods() fills empty nodes round-robin in name order', () => {
    expect([...placePods(['x/c', 'x/a', 'x/b', 'x/d'], ['n2', 'n1'], new Map())]).toEqual([['x/a', 'n1'], ['x/b', 'n2'], ['x/c', 'n1'], ['x/d', 'n2']]);
  });

  it('placePods() evens out the load when nodes already run pods', () => {
    expect([...placePods(['a', 'b', 'c'], ['n1', 'n2', 'n3'], new Map([['n1', 2], ['n2', 1]]))]).toEqual([['a', 'n3'], ['b', 'n2'], ['c', 'n3']]);
  });

  it('placePods() places nothing without nodes', () => {
    expect(placePods(['a'], [], new Map()).size).toBe(0);
  });
});
