import { afterEach, describe, expect, it } from 'vitest';
import { inject, type InjectionToken } from 'tsyringe';
import type { Datasync, EventContext, EventRecord } from '../../core/datasync/datasync.ts';
import { DatasyncPlugin } from '../../core/datasync/datasync-plugin.ts';
import type { KvChange } from '../../core/kv/key-value-store.ts';
import { KvstorePlugin } from '../../core/kv/kvstore-plugin.ts';
import { plugin, type Plugin } from '../../core/plugin.ts';
import type { Snapshot } from '../../core/snapshot.ts';
import { TestAgent, type StartedTestAgent } from '../../core/testing/test-agent.ts';
import { DATASYNC, KV_STORE } from '../../core/tokens.ts';

const journal: string[] = [];
let active = 0;
let overlapped = false;

const UPSTREAM: InjectionToken<Upstream> = Symbol('test.Upstream');

async function step(entry: string): Promise<void> {
  if (active++ > 0) overlapped = true;
  journal.push(entry);
  await new Promise((r) => setTimeout(r, 1));
  active--;
}

/** Watches /app/ and provides UPSTREAM. */
@plugin({ name: 'upstream', provides: [UPSTREAM] })
class Upstream implements Plugin {
  readonly name = 'upstream';
  readonly snapshots: Snapshot[] = [];
  constructor(@inject(DATASYNC) private readonly sync: Datasync) {}
  init(): void {
    this.sync.watch(this.name, ['/app/'], (changes: readonly KvChange[], ctx: EventContext) => step(`upstream:${ctx.seq}:${changes.map((c) => c.key).join(',')}`));
    this.sync.onEventEnd(this.name, (ctx) => step(`upstream:end:${ctx.seq}`));
  }
  resync(s: Snapshot): Promise<void> {
    this.snapshots.push(s);
    return step(`upstream:resync:${s.reason}`);
  }
}

/** Depends on Upstream, so it starts after it; watches /app/ too. */
@plugin({ name: 'downstream' })
class Downstream implements Plugin {
  readonly name = 'downstream';
  readonly snapshots: Snapshot[] = [];
  constructor(@inject(DATASYNC) private readonly sync: Datasync, @inject(UPSTREAM) readonly upstream: Upstream) {}
  init(): void {
    this.sync.watch(this.name, ['/app/b/'], (changes: readonly KvChange[], ctx: EventContext) => step(`downstream:${ctx.seq}:${changes.map((c) => c.key).join(',')}`));
    this.sync.onEventEnd(this.name, (ctx) => step(`downstream:end:${ctx.seq}`));
  }
  resync(s: Snapshot): Promise<void> {
    this.snapshots.push(s);
    return step(`downstream:resync:${s.reason}`);
  }
}

describe('DatasyncPlugin', () => {
  let t: StartedTestAgent;
  afterEach(async () => {
    await t?.close();
    journal.length = 0;
    overlapped = false;
  });

  const start = async (): Promise<StartedTestAgent> =>
    // Listed dependents first: the order must come from the dependency graph.
    await TestAgent.for(Downstream, DatasyncPlugin, Upstream, KvstorePlugin).config('datasync', { historySize: 10 }).start();

  it('resync() at start-up hands each plugin its snapshot in dependency order', async () => {
    t = await start();
    expect(journal).toEqual(['upstream:resync:startup', 'downstream:resync:startup', 'upstream:end:1', 'downstream:end:1']);
    const sync = t.plugin(DatasyncPlugin);
    expect(sync.history()).toMatchObject([{ seq: 1, kind: 'resync', outcome: 'ok' }]);
  });

  it('handles store changes one event at a time, handlers and end hooks in dependency order', async () => {
    t = await start();
    journal.length = 0;
    const store = t.get(KV_STORE);
    await store.txn([], [{ type: 'put', key: '/app/a', value: '1' }, { type: 'put', key: '/app/b/x', value: '2' }]);
    await store.put('/app/b/y', '3');
    await store.put('/other', 'ignored');
    await t.plugin(DatasyncPlugin).idle();
    expect(journal).toEqual([
      'upstream:2:/app/a,/app/b/x', 'downstream:2:/app/b/x', 'upstream:end:2', 'downstream:end:2',
      'upstream:3:/app/b/y', 'downstream:3:/app/b/y', 'upstream:end:3', 'downstream:end:3',
    ]);
    expect(overlapped).toBe(false);
  });

  it('serves the history at GET /events and resyncs on POST /resync with a snapshot equal to the store', async () => {
    t = await start();
    const store = t.get(KV_STORE);
    await store.put('/app/b/1', 'one');
    await store.put('/app/z', 'zed');
    await t.plugin(DatasyncPlugin).idle();
    const res = await t.fetch('/resync', { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, event: { kind: 'resync', outcome: 'ok' } });
    const up = t.plugin(Upstream).snapshots.at(-1)!;
    expect(up.reason).toBe('request');
    expect(up.entries).toEqual((await store.list('/app/')).entries.map((e) => ({ key: e.key, value: e.value })));
    expect(t.plugin(Downstream).snapshots.at(-1)!.entries).toEqual([{ key: '/app/b/1', value: 'one' }]);
    const events = (await (await t.fetch('/events')).json()) as EventRecord[];
    expect(events.map((e) => e.kind)).toEqual(['resync', 'kv', 'kv', 'resync']);
    expect(events[1]!.summary).toBe(`1 change @${events[1]!.summary.split('@')[1]!.split(':')[0]}: put /app/b/1`);
  });
});
