import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EtcdStore } from '../../core/kv/etcd-store.ts';
import { NodeIdAllocator } from '../../plugins/contiv/node-id/node-id-allocator.ts';
import { decodeNodeInfo, encodeNodeInfo } from '../../plugins/contiv/node-id/node-info.ts';

const endpoint = inject('etcdEndpoint');
let seq = 0;

describe.skipIf(!endpoint)('NodeIdAllocator on etcd', () => {
  let admin: EtcdStore;
  const stores: EtcdStore[] = [];
  const root = `/contiv-node-id-test/${process.pid}/`;

  beforeAll(async () => {
    admin = await EtcdStore.connect({ endpoints: [endpoint!] });
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    const keys = (await admin.list(root)).entries.map((e) => ({ type: 'delete' as const, key: e.key }));
    await admin.batch(keys);
    await admin.close();
  });

  /** A fresh registry prefix and an allocator factory on separate connections. */
  async function registry(connections: number) {
    const prefix = `${root}${++seq}/allocatedIDs/`;
    const conns = await Promise.all(Array.from({ length: connections }, () => EtcdStore.connect({ endpoints: [endpoint!] })));
    stores.push(...conns);
    const allocator = (name: string, i = 0) =>
      new NodeIdAllocator(conns[i % conns.length]!, name, { registryPrefix: prefix, hintKey: `${root}${seq}/hint/${name}` });
    return { prefix, allocator };
  }

  it('allocate() gives 20 nodes starting at once unique IDs 1..20 over separate connections', async () => {
    const { prefix, allocator } = await registry(20);
    const infos = await Promise.all(Array.from({ length: 20 }, (_, i) => allocator(`node-${i}`, i).allocate({ ipAddress: `192.168.16.${i + 1}/24` })));
    expect(infos.map((i) => i.id).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const stored = (await admin.list(prefix)).entries.map((e) => decodeNodeInfo(e.key, e.value, prefix));
    expect(new Set(stored.map((s) => s.name)).size).toBe(20);
    for (const info of infos) expect(stored.find((s) => s.id === info.id)?.name).toBe(info.name);
  });

  it('allocate() is stable for a node name across restarts and after a clean release', async () => {
    const { allocator } = await registry(3);
    const first = await Promise.all(['a', 'b', 'c'].map((n, i) => allocator(n, i).allocate()));
    const again = await Promise.all(['c', 'a', 'b'].map((n, i) => allocator(n, i).allocate()));
    expect(again.map((i) => `${i.name}=${i.id}`).sort()).toEqual(first.map((i) => `${i.name}=${i.id}`).sort());
    const b = first.find((i) => i.name === 'b')!;
    expect(await allocator('b', 1).release(b.id)).toBe(true);
    expect((await allocator('b', 2).allocate()).id).toBe(b.id);
  });

  it('allocate() continues beyond 255 under concurrency without wrapping', async () => {
    const { prefix, allocator } = await registry(5);
    await admin.batch(Array.from({ length: 260 }, (_, i) => ({ type: 'put' as const, key: `${prefix}${i + 1}`, value: encodeNodeInfo({ id: i + 1, name: `old-${i + 1}` }) })));
    const infos = await Promise.all(Array.from({ length: 5 }, (_, i) => allocator(`new-${i}`, i).allocate()));
    expect(infos.map((i) => i.id).sort((a, b) => a - b)).toEqual([261, 262, 263, 264, 265]);
  });
});
