import { describe, expect, it } from 'vitest';
import { decodeStoredObject } from '../../../../plugins/ksr/decode-value.ts';
import { K8S_PREFIX } from '../../../../plugins/ksr/keys.ts';

const key = `${K8S_PREFIX}pod/web/namespace/shop`;

describe('decodeStoredObject', () => {
  it('decodeStoredObject() takes the namespace from the key when the object has none', () => {
    expect(decodeStoredObject(key, '{"metadata":{"name":"web"}}').object).toMatchObject({ kind: 'pod', value: { name: 'web', namespace: 'shop' } });
  });

  it.each([
    ['invalid JSON', '{"metadata":', ''],
    ['a name differing from the key', '{"metadata":{"name":"other","namespace":"shop"}}', 'metadata.name'],
    ['a namespace differing from the key', '{"metadata":{"name":"web","namespace":"prod"}}', 'metadata.namespace'],
    ['another kind under the key', '{"kind":"Service","metadata":{"name":"web","namespace":"shop"},"spec":{}}', 'kind'],
  ])('decodeStoredObject() rejects %s naming the key and field', (_what, value, fieldPath) => {
    expect(() => decodeStoredObject(key, value)).toThrow(expect.objectContaining({ source: key, field: fieldPath }));
  });

  it('decodeStoredObject() rejects a key of unknown shape naming the key', () => {
    expect(() => decodeStoredObject(`${K8S_PREFIX}pod/web`, '{}')).toThrow(expect.objectContaining({ source: `${K8S_PREFIX}pod/web`, field: 'key' }));
  });
});
