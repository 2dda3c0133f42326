import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../core/clock.ts';
import type { EventContext } from '../../../../core/datasync/datasync.ts';
import { EventLoop } from '../../../../core/datasync/event-loop.ts';
import { BadInputError } from '../../../../core/errors.ts';
import type { KvChange } from '../../../../core/kv/key-value-store.ts';
import type { Plugin } from '../../../../core/plugin.ts';
import type { RegisteredPlugin } from '../../../../core/plugin-registry.ts';
import type { Snapshot } from '../../../../core/snapshot.ts';
import { RecordingLogger } from '../../../../core/testing/recording-logger.ts';
import { ControlledStore } from '../../../fakes/kv-controlled-store.ts';

/** A plugin that keeps its own view of its prefixes from snapshots and changes, and logs calls. */
class ViewPlugin implements Plugin {
  readonly view = new Map<string, string>();
  readonly snapshots: Snapshot[] = [];
  readonly applied: number[] = [];
  constructor(readonly name: string, private readonly journal: string[]) {}
  resync(s: Snapshot): void {
    this.journal.push(`${this.name}:resync`);
    this.snapshots.push(s);
    this.view.clear();
    for (const e of s.entries) this.view.set(e.key, e.value);
  }
  onChanges = async (changes: readonly KvChange[], ctx: EventContext): Promise<void> => {
    this.journal.push(`${this.name}:kv#${ctx.seq}:${changes.map((c) => c.key).join(',')}`);
    for (const c of changes) {
      this.applied.push(c.revision);
      if (c.type === 'put') this.view.set(c.key, c.value!);
      else this.view.delete(c.key);
    }
    await Promise.resolve();
  };
}

describe('EventLoop', () => {
  let store: ControlledStore;
  let journal: string[];
  let plugins: RegisteredPlugin[];
  let loop: EventLoop;
  let a: ViewPlugin;
  let b: ViewPlugin;
  let quiet: ViewPlugin;

  beforeEach(async () => {
    store = await ControlledStore.create();
    journal = [];
    a = new ViewPlugin('a', journal);
    b = new ViewPlugin('b', journal);
    quiet = new ViewPlugin('quiet', journal);
    // Start order: a, b, quiet. Registration order below is deliberately b first.
    plugins = [a, b, quiet].map((p) => ({ name: p.name, instance: p }));
    loop = new EventLoop({ store, plugins: () => plugins, log: new RecordingLogger(), clock: new ManualClock(1000), historySize: 5 });
    loop.watch('b', ['/root/b/', '/root/shared/'], b.onChanges);
    loop.watch('a', ['/root/a/', '/root/shared/'], a.onChanges);
  });
  afterEach(async () => {
    await loop.close();
    await store.close();
  });

  it('resync() hands each plugin, in start order, a snapshot equal to the store content of its prefixes', async () => {
    await store.put('/root/a/1', 'a1');
    await store.put('/root/b/1', 'b1');
    await store.put('/root/shared/x', 'x');
    const rev = await store.put('/other/y', 'not watched');
    await loop.resync('startup');
    expect(journal).toEqual(['a:resync', 'b:resync', 'quiet:resync']);
    expect(a.snapshots[0]!.entries).toEqual([{ key: '/root/a/1', value: 'a1' }, { key: '/root/shared/x', value: 'x' }]);
    expect(b.snapshots[0]!.entries).toEqual([{ key: '/root/b/1', value: 'b1' }, { key: '/root/shared/x', value: 'x' }]);
    expect(quiet.snapshots[0]).toMatchObject({ entries: [], reason: 'startup', revision: rev });
    expect(a.snapshots[0]!.revision).toBe(rev);
    expect(loop.history()).toMatchObject([{ kind: 'resync', outcome: 'ok', seq: 1 }]);
  });

  it('calls handlers in start order with the changes of one revision, then end hooks, one event at a time', async () => {
    let active = 0;
    let maxActive = 0;
    const hook = (owner: string) => async (ctx: EventContext): Promise<void> => {
      active++;
      maxActive = Math.max(maxActive, active);
      await new Promise((r) => setTimeout(r, 1));
      journal.push(`${owner}:end#${ctx.seq}${ctx.isResync ? ':resync' : ''}`);
      active--;
    };
    loop.onEventEnd('b', hook('b'));
    loop.onEventEnd('a', hook('a'));
    await loop.resync('startup');
    journal.length = 0;
    await store.txn([], [
      { type: 'put', key: '/root/shared/s', value: '1' },
      { type: 'put', key: '/root/b/2', value: '2' },
    ]);
    const pushed = loop.push('cni-add', 'pod x', (ctx) => {
      journal.push(`push#${ctx.seq}`);
      return 'done';
    });
    await store.put('/root/a/3', '3');
    expect(await pushed).toBe('done');
    await loop.idle();
    expect(journal).toEqual([
      'a:kv#2:/root/shared/s', 'b:kv#2:/root/shared/s,/root/b/2', 'a:end#2', 'b:end#2',
      'push#3', 'a:end#3', 'b:end#3',
      'a:kv#4:/root/a/3', 'a:end#4', 'b:end#4',
    ]);
    expect(maxActive).toBe(1);
  });

  it('records a handler error and still calls the other handlers and later events', async () => {
    loop.watch('quiet', ['/root/a/'], () => {
      throw new Error('boom');
    });
    await loop.resync('startup');
    await store.put('/root/a/1', '1');
    await store.put('/root/a/2', '2');
    await loop.idle();
    expect(a.view.get('/root/a/2')).toBe('2');
    const events = loop.history().filter((e) => e.kind === 'kv');
    expect(events.map((e) => e.outcome)).toEqual(['error', 'error']);
    expect(events[0]!.errors).toEqual([{ plugin: 'quiet', error: { name: 'Error', message: 'boom' } }]);
  });

  it('push() rejects with the error of its run and records the event as failed', async () => {
    await expect(loop.push('timer', 'tick', () => Promise.reject(new Error('late')))).rejects.toThrow('late');
    expect(loop.history()).toMatchObject([{ kind: 'timer', summary: 'tick', outcome: 'error', errors: [{ plugin: 'timer' }] }]);
  });

  it('applies no change twice when writes race with resyncs, and every view equals the store', async () => {
    await loop.resync('startup');
    const writes: Promise<unknown>[] = [];
    for (let i = 0; i < 30; i++) {
      writes.push(store.put(`/root/${i % 2 ? 'a' : 'b'}/k${i % 7}`, `v${i}`));
      if (i % 10 === 5) writes.push(loop.resync('request'));
      if (i % 9 === 4) writes.push(store.delete(`/root/a/k${i % 7}`));
    }
    await Promise.all(writes);
    await loop.idle();
    for (const p of [a, b]) {
      expect(new Set(p.applied).size).toBe(p.applied.length);
      const prefix = `/root/${p.name}/`;
      const stored = (await store.list(prefix)).entries.map((e) => [e.key, e.value]);
      expect([...p.view].filter(([k]) => k.startsWith(prefix)).sort()).toEqual(stored);
    }
  });

  it('resync() coalesces requests made while one is queued', async () => {
    const blocker = loop.push('slow', 'hold the queue', () => new Promise((r) => setTimeout(r, 5)));
    const r1 = loop.resync('request');
    const r2 = loop.resync('kv-reconnect');
    expect(r2).toBe(r1);
    await Promise.all([blocker, r1]);
    expect(loop.history().filter((e) => e.kind === 'resync')).toHaveLength(1);
  });

  it('resyncs with reason watch-compacted when the store reports the watch lost', async () => {
    await loop.resync('startup');
    store.loseWatches('compacted');
    await loop.idle();
    expect(a.snapshots.map((s) => s.reason)).toEqual(['startup', 'watch-compacted']);
  });

  it('resyncs with reason kv-reconnect when the store reconnects after a disconnect', async () => {
    await loop.resync('startup');
    store.setConnection('disconnected');
    await store.put('/root/a/during', 'x');
    store.setConnection('connected');
    await loop.idle();
    expect(a.snapshots.map((s) => s.reason)).toEqual(['startup', 'kv-reconnect']);
    expect(a.view.get('/root/a/during')).toBe('x');
    expect(a.applied.filter((r) => r === a.snapshots[1]!.revision).length).toBeLessThanOrEqual(1);
    await store.put('/root/a/after', 'y');
    await loop.idle();
    expect(a.view.get('/root/a/after')).toBe('y');
  });

  it('resync() calls no plugin and no end hook and rejects when the store cannot be read', async () => {
    const ends: boolean[] = [];
    loop.onEventEnd('a', (ctx) => {
      ends.push(ctx.isResync);
    });
    store.failLists = true;
    store.setConnection('disconnected');
    await expect(loop.resync('startup')).rejects.toThrow(/resync \(startup\) failed/);
    expect(journal).toEqual([]);
    expect(ends).toEqual([]);
    expect(loop.history()).toMatchObject([{ kind: 'resync', outcome: 'error', errors: [{ plugin: 'datasync', error: { code: 'RESYNC_FAILED' } }] }]);
    store.failLists = false;
    store.setConnection('connected');
    await loop.idle();
    expect(journal).toEqual(['a:resync', 'b:resync', 'quiet:resync']);
    expect(ends).toEqual([true]);
  });

  it('resync() rejects naming the plugins whose hook failed, after resyncing the others; bad input does not fail it', async () => {
    plugins = [
      { name: 'broken', instance: { name: 'broken', resync: () => Promise.reject(new Error('vpp gone')) } },
      { name: 'picky', instance: { name: 'picky', resync: () => { throw new BadInputError('k', 'f', 'skipped'); } } },
      ...plugins,
    ];
    await expect(loop.resync('request')).rejects.toMatchObject({ code: 'RESYNC_FAILED', plugins: ['broken'] });
    expect(journal).toEqual(['a:resync', 'b:resync', 'quiet:resync']);
    expect(loop.history().at(-1)!.errors.map((e) => e.plugin)).toEqual(['broken', 'picky']);
    plugins = plugins.filter((p) => p.name !== 'broken');
    await expect(loop.resync('request')).resolves.toBeUndefined();
  });

  it('history() keeps only the last N events', async () => {
    for (let i = 0; i < 7; i++) await loop.push('tick', `t${i}`, () => undefined);
    expect(loop.history().map((e) => e.summary)).toEqual(['t2', 't3', 't4', 't5', 't6']);
  });

  it('snapshot() reads the given prefixes now', async () => {
    await store.put('/root/a/1', '1');
    await store.put('/root/b/1', '2');
    const s = await loop.snapshot(['/root/b/'], 'tool');
    expect(s.entries).toEqual([{ key: '/root/b/1', value: '2' }]);
    expect(s.withPrefix('/root/a/')).toEqual([]);
  });
});
