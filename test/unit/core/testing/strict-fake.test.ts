import { describe, expect, it } from 'vitest';
import { UnexpectedCallError } from '../../../../core/errors.ts';
import type { KeyValueStore } from '../../../../core/kv/key-value-store.ts';
import { strictFake, strictFakeOf } from '../../../../core/testing/strict-fake.ts';
import { KV_STORE } from '../../../../core/tokens.ts';

describe('strictFake', () => {
  it('strictFake() throws UnexpectedCallError naming token and method on any call', () => {
    const store = strictFake<KeyValueStore>(KV_STORE);
    expect(() => store.list('/')).toThrow(UnexpectedCallError);
    expect(() => store.list('/')).toThrow('unexpected call contiv.KeyValueStore.list()');
    expect(strictFakeOf(store)).toBe('contiv.KeyValueStore');
    expect(strictFakeOf({})).toBeUndefined();
  });

  it('strictFake() can be awaited without counting as a call', async () => {
    const store = strictFake<KeyValueStore>(KV_STORE);
    await expect(Promise.resolve(store)).resolves.toBe(store);
  });
});
