import { describe, expect, it } from 'vitest';
import type { KvChange } from '../../../../core/kv/key-value-store.ts';
import { K8S_PREFIX } from '../../../../plugins/ksr/keys.ts';
import { KsrState } from '../../../../plugins/ksr/ksr-state.ts';

const nsKey = (n: string) => `${K8S_PREFIX}namespace/${n}`;
const ns = (n: string, labels: Record<string, string> = {}) => JSON.stringify({ metadata: { name: n, labels } });
const put = (key: string, value: string, prevValue?: string): KvChange => ({ type: 'put', key, value, prevValue, revision: 1 });
const del = (key: string): KvChange => ({ type: 'delete', key, revision: 1 });

describe('KsrState', () => {
  it('apply() turns puts and deletes into decoded changes with the previous object', () => {
    const s = new KsrState();
    expect(s.apply([put(nsKey('a'), ns('a'))]).changes).toEqual([
      { kind: 'namespace', key: nsKey('a'), id: 'a', prev: undefined, value: { name: 'a', labels: {} } },
    ]);
    expect(s.apply([put(nsKey('a'), ns('a', { env: 'x' }))]).changes).toEqual([
      { kind: 'namespace', key: nsKey('a'), id: 'a', prev: { name: 'a', labels: {} }, value: { name: 'a', labels: { env: 'x' } } },
    ]);
    expect(s.apply([del(nsKey('a'))]).changes).toEqual([{ kind: 'namespace', key: nsKey('a'), id: 'a', prev: { name: 'a', labels: { env: 'x' } } }]);
    expect(s.list('namespace')).toEqual([]);
  });

  it('apply() skips a bad object, records key and field, and processes the rest of the batch', () => {
    const s = new KsrState();
    const res = s.apply([
      put(nsKey('bad'), ns('bad', { 'a b': 'x' })),
      put(nsKey('good'), ns('good')),
      put(`${K8S_PREFIX}pod/x`, '{}'),
    ]);
    expect(res.changes.map((c) => c.id)).toEqual(['good']);
    expect(res.bad).toEqual([
      { key: nsKey('bad'), field: 'metadata.labels["a b"]', detail: expect.stringMatching(/label key/) },
      { key: `${K8S_PREFIX}pod/x`, field: 'key', detail: expect.stringMatching(/expected k8s\/pod/) },
    ]);
    expect(s.badObjects().map((b) => b.key)).toEqual([nsKey('bad'), `${K8S_PREFIX}pod/x`]);
  });

  it('apply() clears a bad entry when the key later gets a valid value or is deleted', () => {
    const s = new KsrState();
    s.apply([put(nsKey('a'), '{not json'), put(nsKey('b'), '{not json')]);
    expect(s.apply([put(nsKey('a'), ns('a'))]).changes.map((c) => c.value)).toEqual([{ name: 'a', labels: {} }]);
    expect(s.apply([del(nsKey('b'))]).changes).toEqual([]);
    expect(s.badObjects()).toEqual([]);
  });

  it('apply() reports a bad update of a valid object as its deletion', () => {
    const s = new KsrState();
    s.apply([put(nsKey('a'), ns('a'))]);
    const res = s.apply([put(nsKey('a'), ns('a', { '-': 'x' }))]);
    expect(res.changes).toEqual([{ kind: 'namespace', key: nsKey('a'), id: 'a', prev: { name: 'a', labels: {} } }]);
    expect(s.get('namespace', 'a')).toBeUndefined();
    expect(s.badObjects()).toHaveLength(1);
  });

  it('resync() replaces the state and returns the bad entries; list() is sorted by id', () => {
    const s = new KsrState();
    s.apply([put(nsKey('old'), ns('old'))]);
    const bad = s.resync([
      { key: nsKey('z'), value: ns('z') },
      { key: nsKey('a'), value: ns('a') },
      { key: `${K8S_PREFIX}pod/p/namespace/n`, value: '[]' },
    ]);
    expect(s.list('namespace').map((n) => n.name)).toEqual(['a', 'z']);
    expect(bad.map((b) => b.key)).toEqual([`${K8S_PREFIX}pod/p/namespace/n`]);
    expect(s.counts()).toMatchObject({ namespace: 2, pod: 0 });
  });
});
