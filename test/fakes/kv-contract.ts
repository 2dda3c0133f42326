/**
 * @module The KeyValueStore contract as a test suite: `kvStoreContract(name, factory)` registers
 * the same tests for any store (memory, etcd).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KeyValueStore, KvOp } from '../../core/kv/key-value-store.ts';
import { WatchRecorder } from './kv-watch-recorder.ts';

/** A store under test, with a key prefix private to the test. */
export interface StoreUnderTest {
  readonly store: KeyValueStore;
  /** Every key a test uses starts with this (keeps tests apart on a shared etcd). */
  readonly prefix: string;
  /** Drops history before `revision` (etcd compaction). */
  readonly compact: (revision: number) => Promise<void>;
  readonly cleanup: () => Promise<void>;
}

/** Registers the contract tests for the store the factory makes (one fresh store per test). */
export function kvStoreContract(name: string, factory: () => Promise<StoreUnderTest>): void {
  describe(`KeyValueStore contract: ${name}`, () => {
    let t: StoreUnderTest;
    let store: KeyValueStore;
    let p: string;
    beforeEach(async () => {
      t = await factory();
      store = t.store;
      p = t.prefix;
    });
    afterEach(async () => {
      await t.cleanup();
    });

    it('get() returns undefined when the key does not exist', async () => {
      expect(await store.get(`${p}missing`)).toBeUndefined();
    });

    it('put() stores a value with create and mod revisions when the key is new or updated', async () => {
      const r1 = await store.put(`${p}a`, 'v1');
      expect(await store.get(`${p}a`)).toEqual({ key: `${p}a`, value: 'v1', modRevision: r1, createRevision: r1 });
      const r2 = await store.put(`${p}a`, 'v2');
      expect(r2).toBeGreaterThan(r1);
      expect(await store.get(`${p}a`)).toEqual({ key: `${p}a`, value: 'v2', modRevision: r2, createRevision: r1 });
    });

    it('list() returns only the entries under the prefix, sorted, at the current revision', async () => {
      await store.put(`${p}b/2`, 'two');
      await store.put(`${p}b/1`, 'one');
      await store.put(`${p}bb`, 'other');
      const last = await store.put(`${p}c`, 'c');
      const listing = await store.list(`${p}b/`);
      expect(listing.entries.map((e) => [e.key, e.value])).toEqual([[`${p}b/1`, 'one'], [`${p}b/2`, 'two']]);
      expect(listing.revision).toBeGreaterThanOrEqual(last);
    });

    it('delete() reports whether the key existed and does not bump the revision when it did not', async () => {
      await store.put(`${p}d`, 'x');
      expect(await store.delete(`${p}d`)).toBe(true);
      expect(await store.get(`${p}d`)).toBeUndefined();
      const before = (await store.list(p)).revision;
      expect(await store.delete(`${p}d`)).toBe(false);
      expect((await store.list(p)).revision).toBe(before);
    });

    it('txn() creates a key only when it is absent', async () => {
      const first = await store.txn([{ key: `${p}id`, op: 'absent' }], [{ type: 'put', key: `${p}id`, value: 'A' }]);
      const second = await store.txn(
        [{ key: `${p}id`, op: 'absent' }],
        [{ type: 'put', key: `${p}id`, value: 'B' }],
        [{ type: 'put', key: `${p}lost`, value: 'B' }],
      );
      expect(first.succeeded).toBe(true);
      expect(second.succeeded).toBe(false);
      expect((await store.get(`${p}id`))?.value).toBe('A');
      expect((await store.get(`${p}lost`))?.value).toBe('B');
    });

    it('txn() swaps a value only when the compared value or mod revision still matches', async () => {
      const rev = await store.put(`${p}cas`, '1');
      expect((await store.txn([{ key: `${p}cas`, op: 'value-equals', value: '0' }], [{ type: 'put', key: `${p}cas`, value: 'x' }])).succeeded).toBe(false);
      expect((await store.txn([{ key: `${p}cas`, op: 'value-equals', value: '1' }], [{ type: 'put', key: `${p}cas`, value: '2' }])).succeeded).toBe(true);
      expect((await store.txn([{ key: `${p}cas`, op: 'mod-revision-equals', revision: rev }], [{ type: 'put', key: `${p}cas`, value: '3' }])).succeeded).toBe(false);
      const cur = await store.get(`${p}cas`);
      expect(cur?.value).toBe('2');
      expect((await store.txn([{ key: `${p}cas`, op: 'mod-revision-equals', revision: cur!.modRevision }], [{ type: 'put', key: `${p}cas`, value: '3' }])).succeeded).toBe(true);
      expect((await store.get(`${p}cas`))?.value).toBe('3');
    });

    it('txn() applies all its operations at one revision', async () => {
      await store.put(`${p}t/gone`, 'x');
      const res = await store.txn([], [
        { type: 'put', key: `${p}t/1`, value: 'a' },
        { type: 'put', key: `${p}t/2`, value: 'b' },
        { type: 'delete', key: `${p}t/gone` },
      ]);
      const listing = await store.list(`${p}t/`);
      expect(listing.entries.map((e) => [e.key, e.modRevision])).toEqual([[`${p}t/1`, res.revision], [`${p}t/2`, res.revision]]);
    });

    it('txn() gives exactly one winner when 20 writers create the same key concurrently', async () => {
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          store.txn([{ key: `${p}race`, op: 'absent' }], [{ type: 'put', key: `${p}race`, value: `w${i}` }]),
        ),
      );
      const winners = results.map((r, i) => (r.succeeded ? i : -1)).filter((i) => i >= 0);
      expect(winners).toHaveLength(1);
      expect((await store.get(`${p}race`))?.value).toBe(`w${winners[0]}`);
    });

    it('batch() applies more than 128 operations in order when keys repeat', async () => {
      const ops: KvOp[] = [];
      for (let i = 0; i < 300; i++) ops.push({ type: 'put', key: `${p}batch/${String(i).padStart(3, '0')}`, value: `v${i}` });
      ops.push({ type: 'put', key: `${p}batch/000`, value: 'again' });
      ops.push({ type: 'delete', key: `${p}batch/001` });
      const rev = await store.batch(ops);
      const listing = await store.list(`${p}batch/`);
      expect(listing.entries).toHaveLength(299);
      expect(listing.entries[0]!.value).toBe('again');
      expect(listing.entries.some((e) => e.key === `${p}batch/001`)).toBe(false);
      expect(listing.revision).toBeGreaterThanOrEqual(rev);
    });

    it('watch() replays from a past revision with previous values, put and delete', async () => {
      const r1 = await store.put(`${p}w/a`, 'v1');
      await store.put(`${p}w/a`, 'v2');
      await store.delete(`${p}w/a`);
      await store.put(`${p}other`, 'not watched');
      const rec = new WatchRecorder();
      const w = await store.watch(`${p}w/`, rec, r1);
      await rec.until((r) => r.changes().length >= 3);
      await w.close();
      expect(rec.changes().map((c) => [c.type, c.value, c.prevValue])).toEqual([
        ['put', 'v1', undefined],
        ['put', 'v2', 'v1'],
        ['delete', undefined, 'v2'],
      ]);
      const revs = rec.batches.map((b) => b.revision);
      expect(revs[0]).toBe(r1);
      expect([...revs].sort((a, b) => a - b)).toEqual(revs);
    });

    it('watch() delivers the changes of one transaction in one call when watching from now', async () => {
      const rec = new WatchRecorder();
      const w = await store.watch(`${p}g/`, rec);
      const res = await store.txn([], [
        { type: 'put', key: `${p}g/1`, value: 'a' },
        { type: 'put', key: `${p}g/2`, value: 'b' },
        { type: 'put', key: `${p}x`, value: 'outside' },
      ]);
      await store.put(`${p}g/1`, 'c');
      await rec.until((r) => r.batches.length >= 2);
      await w.close();
      expect(rec.batches[0]).toEqual({
        revision: res.revision,
        changes: [
          { type: 'put', key: `${p}g/1`, value: 'a', prevValue: undefined, revision: res.revision },
          { type: 'put', key: `${p}g/2`, value: 'b', prevValue: undefined, revision: res.revision },
        ],
      });
      expect(rec.batches[1]!.changes).toEqual([{ type: 'put', key: `${p}g/1`, value: 'c', prevValue: 'a', revision: rec.batches[1]!.revision }]);
    });

    it('watch() stops delivering when closed', async () => {
      const rec = new WatchRecorder();
      const w = await store.watch(`${p}c/`, rec);
      await store.put(`${p}c/1`, 'a');
      await rec.until((r) => r.batches.length === 1);
      await w.close();
      await store.put(`${p}c/2`, 'b');
      const marker = new WatchRecorder();
      const w2 = await store.watch(`${p}c/`, marker, (await store.get(`${p}c/2`))!.modRevision);
      await marker.until((r) => r.batches.length === 1);
      await w2.close();
      expect(rec.batches).toHaveLength(1);
    });

    it('watch() reports onLost("compacted") when the start revision was compacted away', async () => {
      const r1 = await store.put(`${p}k/a`, '1');
      await store.put(`${p}k/a`, '2');
      const r3 = await store.put(`${p}k/a`, '3');
      await t.compact(r3);
      const rec = new WatchRecorder();
      const w = await store.watch(`${p}k/`, rec, r1);
      await rec.until((r) => r.lost.length > 0);
      await w.close();
      expect(rec.lost).toEqual(['compacted']);
      expect(rec.batches).toEqual([]);
    });

    it('close() makes later calls fail', async () => {
      const other = await factory();
      await other.store.close();
      await expect(other.store.get(`${other.prefix}x`)).rejects.toThrow(/after close/);
      await other.cleanup();
    });
  });
}
