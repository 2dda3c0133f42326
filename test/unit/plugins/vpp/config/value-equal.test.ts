import { describe, expect, it } from 'vitest';
import { valuesEqual } from '../../../../../plugins/vpp/config/value-equal.ts';

describe('valuesEqual', () => {
  it.each([
    [{ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 }, true],
    [{ a: 1, b: undefined }, { a: 1 }, true],
    [[1, 2], [2, 1], false],
    [{ a: 1 }, { a: '1' }, false],
    [null, {}, false],
    [Uint8Array.of(1, 2), Uint8Array.of(1, 2), true],
    [Number.NaN, Number.NaN, true],
  ])('valuesEqual(%j, %j) is %s', (a, b, eq) => {
    expect(valuesEqual(a, b)).toBe(eq);
  });
});
