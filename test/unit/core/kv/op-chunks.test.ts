import { describe, expect, it } from 'vitest';
import type { KvOp } from '../../../../core/kv/key-value-store.ts';
import { chunkOps, duplicateKey } from '../../../../core/kv/op-chunks.ts';

const put = (key: string, value = 'v'): KvOp => ({ type: 'put', key, value });

describe('chunkOps', () => {
  it('chunkOps() splits at 128 operations and keeps order', () => {
    const ops = Array.from({ length: 300 }, (_, i) => put(`k${i}`));
    const chunks = chunkOps(ops);
    expect(chunks.map((c) => c.length)).toEqual([128, 128, 44]);
    expect(chunks.flat()).toEqual(ops);
  });

  it('chunkOps() starts a new chunk when a key repeats', () => {
    expect(chunkOps([put('a'), put('b'), { type: 'delete', key: 'a' }, put('c')]).map((c) => c.map((o) => o.key))).toEqual([['a', 'b'], ['a', 'c']]);
  });

  it('chunkOps() starts a new chunk when the bytes would exceed the limit', () => {
    expect(chunkOps([put('a', 'x'.repeat(60)), put('b', 'x'.repeat(60)), put('c')], 128, 100).map((c) => c.length)).toEqual([1, 2]);
  });

  it('chunkOps() returns no chunk for no operation', () => {
    expect(chunkOps([])).toEqual([]);
  });
});

describe('duplicateKey', () => {
  it('duplicateKey() names the first repeated key', () => {
    expect(duplicateKey([put('a'), put('b'), put('a')])).toBe('a');
    expect(duplicateKey([put('a'), put('b')])).toBeUndefined();
  });
});
