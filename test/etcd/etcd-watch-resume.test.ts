import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EtcdStore } from '../../core/kv/etcd-store.ts';
import type { KvConnectionState } from '../../core/kv/key-value-store.ts';
import { EtcdProcess } from '../fakes/kv-etcd-process.ts';
import { WatchRecorder } from '../fakes/kv-watch-recorder.ts';

const bin = inject('etcdBin');
const endpoint = inject('etcdEndpoint');

describe.skipIf(!bin)('EtcdStore across an etcd restart', () => {
  let etcd: EtcdProcess;
  beforeAll(async () => {
    etcd = await EtcdProcess.start(bin!);
  });
  afterAll(async () => {
    await etcd?.destroy();
  });

  it('watch() resumes from its last revision: every change on both sides of the outage arrives once, in order', async () => {
    const opts = { endpoints: [etcd.endpoint], dialTimeoutMs: 1000, requestTimeoutMs: 1000, reconnectProbeMs: 100 };
    const watching = await EtcdStore.connect(opts);
    const states: KvConnectionState[] = [];
    watching.onConnectionState((s) => states.push(s));
    const rec = new WatchRecorder();
    const w = await watching.watch('/r/', rec);
    const writer = await EtcdStore.connect(opts);
    for (let i = 0; i < 5; i++) await writer.put(`/r/k${i % 2}`, `before-${i}`);
    await writer.close();
    await etcd.stop();
    await etcd.restart();
    // A fresh client right after the restart: the tuned fault handling lets the first call through.
    const after = await EtcdStore.connect(opts);
    for (let i = 0; i < 5; i++) await after.put(`/r/k${i % 2}`, `after-${i}`);
    await rec.until((r) => r.changes().length >= 10, 20_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(rec.changes().map((c) => c.value)).toEqual([...[0, 1, 2, 3, 4].map((i) => `before-${i}`), ...[0, 1, 2, 3, 4].map((i) => `after-${i}`)]);
    const revs = rec.batches.map((b) => b.revision);
    expect(new Set(revs).size).toBe(revs.length);
    expect([...revs].sort((a, b) => a - b)).toEqual(revs);
    expect(states).toEqual(['disconnected', 'connected']);
    await w.close();
    await after.close();
    await watching.close();
  });
});

describe.skipIf(!endpoint)('EtcdStore allocation', () => {
  it('txn() create-if-absent gives 20 concurrent writers 20 unique ids', async () => {
    const prefix = `/ids/${process.pid}/`;
    const clients = await Promise.all(Array.from({ length: 20 }, () => EtcdStore.connect({ endpoints: [endpoint!] })));
    const allocate = async (store: EtcdStore, who: number): Promise<number> => {
      for (let id = 1; ; id++) {
        const r = await store.txn([{ key: `${prefix}${id}`, op: 'absent' }], [{ type: 'put', key: `${prefix}${id}`, value: `w${who}` }]);
        if (r.succeeded) return id;
      }
    };
    const ids = await Promise.all(clients.map((c, i) => allocate(c, i)));
    expect([...ids].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const listing = await clients[0]!.list(prefix);
    expect(new Set(listing.entries.map((e) => e.value)).size).toBe(20);
    await clients[0]!.batch(listing.entries.map((e) => ({ type: 'delete' as const, key: e.key })));
    await Promise.all(clients.map((c) => c.close()));
  });
});
