import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EtcdStore } from '../../core/kv/etcd-store.ts';
import { kvStoreContract } from '../fakes/kv-contract.ts';

const endpoint = inject('etcdEndpoint');
let seq = 0;

describe.skipIf(!endpoint)('EtcdStore', () => {
  let admin: EtcdStore;
  beforeAll(async () => {
    admin = await EtcdStore.connect({ endpoints: [endpoint!] });
  });
  afterAll(async () => {
    await admin?.close();
  });

  kvStoreContract('etcd', async () => {
    const prefix = `/contract/${process.pid}-${++seq}/`;
    const store = await EtcdStore.connect({ endpoints: [endpoint!] });
    return {
      store,
      prefix,
      compact: (rev) => admin.compact(rev),
      cleanup: async () => {
        await store.close();
        const keys = (await admin.list(prefix)).entries.map((e) => ({ type: 'delete' as const, key: e.key }));
        await admin.batch(keys);
      },
    };
  });

  it('connect() fails fast naming the store when no etcd listens on the endpoint', async () => {
    await expect(EtcdStore.connect({ endpoints: ['127.0.0.1:1'], dialTimeoutMs: 300, requestTimeoutMs: 300 }))
      .rejects.toThrow(/etcd store: connect failed/);
  });

  it('list() reads several pages at one revision when the prefix holds more keys than a page', async () => {
    const store = await EtcdStore.connect({ endpoints: [endpoint!], listPageSize: 7 });
    const prefix = `/paged/${process.pid}/`;
    await store.batch(Array.from({ length: 30 }, (_, i) => ({ type: 'put' as const, key: `${prefix}${String(i).padStart(2, '0')}`, value: `${i}` })));
    const listing = await store.list(prefix);
    expect(listing.entries.map((e) => e.value)).toEqual(Array.from({ length: 30 }, (_, i) => `${i}`));
    await store.batch(listing.entries.map((e) => ({ type: 'delete' as const, key: e.key })));
    await store.close();
  });
});
