import { describe, expect, it } from 'vitest';
import type { KeyValueStore } from '../../../../../core/kv/key-value-store.ts';
import { MemoryStore } from '../../../../../core/kv/memory-store.ts';
import { NodeIdAllocationError } from '../../../../../plugins/contiv/errors.ts';
import { firstFree, NodeIdAllocator, nodeIdHintKey } from '../../../../../plugins/contiv/node-id/node-id-allocator.ts';
import { decodeNodeInfo, encodeNodeInfo, nodeInfoKey } from '../../../../../plugins/contiv/node-id/node-info.ts';

const alloc = (store: KeyValueStore, name: string) => new NodeIdAllocator(store, name);

describe('NodeIdAllocator', () => {
  it('allocate() gives the first free ID from 1 and writes the registry entry', async () => {
    const store = await MemoryStore.open();
    expect((await alloc(store, 'a').allocate({ ipAddress: '192.168.16.1/24' })).id).toBe(1);
    expect((await alloc(store, 'b').allocate()).id).toBe(2);
    const e = await store.get(nodeInfoKey(1));
    expect(decodeNodeInfo(e!.key, e!.value)).toEqual({ id: 1, name: 'a', ipAddress: '192.168.16.1/24' });
  });

  it('allocate() returns the existing entry of the same node name (restart) and updates its addresses', async () => {
    const store = await MemoryStore.open();
    await alloc(store, 'a').allocate();
    await alloc(store, 'b').allocate();
    const again = await alloc(store, 'b').allocate({ ipAddress: '192.168.16.2/24' });
    expect(again).toEqual({ id: 2, name: 'b', ipAddress: '192.168.16.2/24' });
    expect(JSON.parse((await store.get(nodeInfoKey(2)))!.value)).toEqual({ id: 2, name: 'b', ip_address: '192.168.16.2/24' });
  });

  it('allocate() fills gaps and takes its previous ID after a release even if a lower one is free', async () => {
    const store = await MemoryStore.open();
    const a = alloc(store, 'a');
    const b = alloc(store, 'b');
    await a.allocate();
    await b.allocate();
    expect(await b.release(2)).toBe(true);
    expect(await a.release(1)).toBe(true);
    expect((await b.allocate()).id).toBe(2);
    expect((await alloc(store, 'c').allocate()).id).toBe(1);
    expect((await store.get(nodeIdHintKey('b')))?.value).toBe('2');
  });

  it('allocate() takes the first free ID when its previous ID went to another node', async () => {
    const store = await MemoryStore.open();
    await alloc(store, 'a').allocate();
    await alloc(store, 'a').release(1);
    await alloc(store, 'z').allocate();
    expect((await alloc(store, 'a').allocate()).id).toBe(2);
  });

  it('allocate() does not truncate IDs beyond 255', async () => {
    const store = await MemoryStore.open();
    await store.batch(Array.from({ length: 300 }, (_, i) => ({ type: 'put' as const, key: nodeInfoKey(i + 1), value: encodeNodeInfo({ id: i + 1, name: `n${i + 1}` }) })));
    expect((await alloc(store, 'late').allocate()).id).toBe(301);
  });

  it('allocate() hands unique IDs to concurrent nodes', async () => {
    const store = await MemoryStore.open();
    const ids = await Promise.all(Array.from({ length: 20 }, (_, i) => alloc(store, `node${i}`).allocate()));
    expect(ids.map((i) => i.id).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect((await store.list('/vnf-agent/contiv-ksr/allocatedIDs/')).entries).toHaveLength(20);
  });

  it('allocate() gives up with NodeIdAllocationError after maxAttempts lost races', async () => {
    const store = await MemoryStore.open();
    const losing: KeyValueStore = Object.assign(Object.create(store) as KeyValueStore, {
      txn: async () => ({ succeeded: false, revision: 0 }),
      list: (p: string) => store.list(p),
      get: (k: string) => store.get(k),
    });
    const err = await new NodeIdAllocator(losing, 'a', { maxAttempts: 3 }).allocate().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NodeIdAllocationError);
    expect(err).toMatchObject({ nodeName: 'a', attempts: 3, message: 'could not allocate a node ID for "a" after 3 attempts' });
  });

  it('publish() updates only this node\'s entry and re-creates it when it vanished', async () => {
    const store = await MemoryStore.open();
    const a = alloc(store, 'a');
    const info = await a.allocate();
    expect(await a.publish({ ...info, ipAddress: '10.0.0.1/24' })).toBe(true);
    expect(JSON.parse((await store.get(nodeInfoKey(1)))!.value).ip_address).toBe('10.0.0.1/24');
    await store.delete(nodeInfoKey(1));
    expect(await a.publish({ ...info, ipAddress: '10.0.0.2/24' })).toBe(true);
    expect(JSON.parse((await store.get(nodeInfoKey(1)))!.value).ip_address).toBe('10.0.0.2/24');
    await store.put(nodeInfoKey(1), encodeNodeInfo({ id: 1, name: 'thief' }));
    expect(await a.publish({ ...info, ipAddress: '10.0.0.3/24' })).toBe(false);
    expect(JSON.parse((await store.get(nodeInfoKey(1)))!.value).name).toBe('thief');
  });

  it('release() deletes only this node\'s own entry', async () => {
    const store = await MemoryStore.open();
    await alloc(store, 'a').allocate();
    expect(await alloc(store, 'b').release(1)).toBe(false);
    expect(await store.get(nodeInfoKey(1))).toBeDefined();
    expect(await alloc(store, 'a').release(1)).toBe(true);
    expect(await store.get(nodeInfoKey(1))).toBeUndefined();
  });

  it('firstFree() returns the lowest ID not taken', () => {
    expect(firstFree(new Set())).toBe(1);
    expect(firstFree(new Set([1, 2, 4]))).toBe(3);
    expect(firstFree(new Set([2, 3]))).toBe(1);
  });
});
