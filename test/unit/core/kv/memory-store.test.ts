import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../../core/kv/memory-store.ts';
import { kvStoreContract } from '../../../fakes/kv-contract.ts';
import { WatchRecorder } from '../../../fakes/kv-watch-recorder.ts';

kvStoreContract('memory', async () => {
  const store = await MemoryStore.open();
  return { store, prefix: '/t/', compact: async (rev) => store.compact(rev), cleanup: () => store.close() };
});

describe('MemoryStore', () => {
  const dirs: string[] = [];
  const tempFile = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'contiv-kv-'));
    dirs.push(d);
    return join(d, 'sub', 'kv.json');
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('open() restores keys and revisions from the snapshot file written on close()', async () => {
    const file = tempFile();
    const a = await MemoryStore.open({ snapshotFile: file, snapshotDelayMs: 10_000 });
    await a.put('/k/1', 'one');
    const rev = await a.put('/k/2', 'two');
    await a.close();
    const b = await MemoryStore.open({ snapshotFile: file });
    expect((await b.list('/k/')).entries.map((e) => [e.key, e.value])).toEqual([['/k/1', 'one'], ['/k/2', 'two']]);
    expect(b.revision()).toBe(rev);
    expect(await b.put('/k/3', 'three')).toBe(rev + 1);
    await b.close();
  });

  it('flush() writes pending changes to the snapshot file before the debounce delay ends', async () => {
    const file = tempFile();
    const a = await MemoryStore.open({ snapshotFile: file, snapshotDelayMs: 10_000 });
    await a.put('/k', 'v');
    await a.flush();
    const json = JSON.parse(readFileSync(file, 'utf8')) as { entries: { key: string; value: string }[] };
    expect(json.entries.map((e) => [e.key, e.value])).toEqual([['/k', 'v']]);
    await a.close();
  });

  it('open() rejects a corrupt snapshot file naming the file and the field', async () => {
    const file = tempFile();
    const a = await MemoryStore.open({ snapshotFile: file });
    await a.put('/k', 'v');
    await a.close();
    writeFileSync(file, JSON.stringify({ format: 'contiv-ts-kv-snapshot', version: 1, revision: 'x', entries: [] }));
    await expect(MemoryStore.open({ snapshotFile: file })).rejects.toThrow(`${file} revision:`);
  });

  it('watch() reports compacted for revisions before a restart from the snapshot file', async () => {
    const file = tempFile();
    const a = await MemoryStore.open({ snapshotFile: file });
    const r1 = await a.put('/k', '1');
    const r2 = await a.put('/k', '2');
    await a.close();
    const b = await MemoryStore.open({ snapshotFile: file });
    const old = new WatchRecorder();
    await b.watch('/', old, r1);
    const fresh = new WatchRecorder();
    await b.watch('/', fresh, r2 + 1);
    await b.put('/k', '3');
    await old.until((r) => r.lost.length === 1);
    await fresh.until((r) => r.batches.length === 1);
    expect(fresh.changes()[0]).toMatchObject({ value: '3', prevValue: '2' });
    await b.close();
  });

  it('watch() reports compacted when the start revision fell out of the bounded history', async () => {
    const s = await MemoryStore.open({ historyLimit: 2 });
    const r1 = await s.put('/a', '1');
    await s.put('/a', '2');
    const r3 = await s.put('/a', '3');
    const lost = new WatchRecorder();
    await s.watch('/', lost, r1);
    const kept = new WatchRecorder();
    await s.watch('/', kept, r3 - 1);
    await lost.until((r) => r.lost.length === 1);
    await kept.until((r) => r.batches.length === 2);
    expect(kept.changes().map((c) => c.value)).toEqual(['2', '3']);
    await s.close();
  });

  it('txn() rejects a transaction naming one key twice, as etcd does', async () => {
    const s = await MemoryStore.open();
    await expect(s.txn([], [{ type: 'put', key: '/a', value: '1' }, { type: 'delete', key: '/a' }])).rejects.toThrow(/occurs twice/);
    await s.close();
  });
});
