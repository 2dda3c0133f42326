import { inject as tsyringeInject } from 'tsyringe';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Datasync, EventContext } from '../../core/datasync/datasync.ts';
import { DatasyncPlugin } from '../../core/datasync/datasync-plugin.ts';
import { EventLoop } from '../../core/datasync/event-loop.ts';
import { ManualClock } from '../../core/clock.ts';
import { EtcdStore } from '../../core/kv/etcd-store.ts';
import type { KeyValueStore, KvChange, KvWatch, KvWatchHandlers } from '../../core/kv/key-value-store.ts';
import { KvstorePlugin } from '../../core/kv/kvstore-plugin.ts';
import { plugin, type Plugin } from '../../core/plugin.ts';
import type { Snapshot } from '../../core/snapshot.ts';
import { RecordingLogger } from '../../core/testing/recording-logger.ts';
import { TestAgent, type StartedTestAgent } from '../../core/testing/test-agent.ts';
import { DATASYNC } from '../../core/tokens.ts';
import { EtcdProcess } from '../fakes/kv-etcd-process.ts';

const bin = inject('etcdBin');
const endpoint = inject('etcdEndpoint');

/** Keeps a view of its prefix from resyncs and changes; records every applied revision. */
class View implements Plugin {
  readonly view = new Map<string, string>();
  readonly applied: number[] = [];
  readonly reasons: string[] = [];
  constructor(readonly name: string, readonly prefix: string) {}
  resync(s: Snapshot): void {
    this.reasons.push(s.reason);
    this.view.clear();
    for (const e of s.entries) this.view.set(e.key, e.value);
  }
  onChanges = (changes: readonly KvChange[], ctx: EventContext): void => {
    if (ctx.isResync) throw new Error('changes during resync');
    for (const c of changes) {
      this.applied.push(c.revision);
      if (c.type === 'put') this.view.set(c.key, c.value!);
      else this.view.delete(c.key);
    }
  };
}

@plugin({ name: 'pods' })
class PodsView extends View {
  constructor(@tsyringeInject(DATASYNC) sync: Datasync) {
    super('pods', '/ds/pods/');
    sync.watch('pods', [this.prefix], this.onChanges);
  }
}

@plugin({ name: 'policies' })
class PoliciesView extends View {
  constructor(@tsyringeInject(DATASYNC) sync: Datasync) {
    super('policies', '/ds/policies/');
    sync.watch('policies', [this.prefix], this.onChanges);
  }
}

async function storeContent(store: KeyValueStore, prefix: string): Promise<[string, string][]> {
  return (await store.list(prefix)).entries.map((e) => [e.key, e.value]);
}

async function until(cond: () => Promise<boolean> | boolean, limitMs = 20_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(!bin)('datasync over etcd stopped and restarted mid-stream', () => {
  let etcd: EtcdProcess;
  let t: StartedTestAgent;
  beforeAll(async () => {
    etcd = await EtcdProcess.start(bin!);
  });
  afterAll(async () => {
    await t?.close();
    await etcd?.destroy();
  });

  it('ends with every plugin\'s view equal to the store, no change applied twice', async () => {
    const etcdConfig = { endpoints: [etcd.endpoint], dialTimeoutMs: 1000, requestTimeoutMs: 1000 };
    t = await TestAgent.for(PoliciesView, PodsView, DatasyncPlugin, KvstorePlugin).config('kvstore', { type: 'etcd', etcd: etcdConfig }).start();
    const views = [t.plugin(PodsView), t.plugin(PoliciesView)];
    const write = async (store: EtcdStore, round: string, n: number): Promise<void> => {
      for (let i = 0; i < n; i++) {
        const area = i % 2 ? 'pods' : 'policies';
        if (i % 5 === 4) await store.delete(`/ds/${area}/k${(i * 7) % 6}`);
        else await store.txn([], [{ type: 'put', key: `/ds/${area}/k${i % 6}`, value: `${round}-${i}` }, { type: 'put', key: `/ds/other/${i % 3}`, value: round }]);
      }
    };
    const synced = async (store: EtcdStore): Promise<boolean> => {
      for (const v of views) {
        const want = await storeContent(store, v.prefix);
        if (JSON.stringify([...v.view].sort()) !== JSON.stringify(want)) return false;
      }
      return true;
    };

    let writer = await EtcdStore.connect(etcdConfig);
    await write(writer, 'a', 30);
    // The last writes may still be in flight to the agent when etcd goes away.
    await writer.close();
    await etcd.stop();
    const kvStatus = () => t.agent.status().plugins.kvstore!;
    await until(() => kvStatus().state === 'error');
    expect(kvStatus().details).toMatchObject({ store: 'etcd', connection: 'disconnected' });
    await etcd.restart();
    writer = await EtcdStore.connect(etcdConfig);
    await write(writer, 'b', 30);
    await until(() => synced(writer));
    await t.plugin(DatasyncPlugin).idle();
    await until(() => views.every((v) => v.reasons.includes('kv-reconnect')));
    expect(kvStatus()).toMatchObject({ state: 'ok', details: { connection: 'connected' } });
    await write(writer, 'c', 10);
    await until(() => synced(writer));
    for (const v of views) {
      expect([...v.view].sort()).toEqual(await storeContent(writer, v.prefix));
      expect(new Set(v.applied).size).toBe(v.applied.length);
      expect([...v.applied].sort((a, b) => a - b)).toEqual(v.applied);
      expect(v.reasons[0]).toBe('startup');
    }
    const history = t.plugin(DatasyncPlugin).history();
    expect(history.filter((e) => e.outcome === 'error')).toEqual([]);
    await writer.close();
  });
});

/** Before the watch of resync number `at`, writes under the prefix and compacts etcd past the revision the watch starts at. */
class CompactingStore implements KeyValueStore {
  readonly kind = 'etcd';
  #watches = 0;
  constructor(private readonly inner: EtcdStore, private readonly at: number) {}
  get: KeyValueStore['get'] = (k) => this.inner.get(k);
  list: KeyValueStore['list'] = (p) => this.inner.list(p);
  put: KeyValueStore['put'] = (k, v) => this.inner.put(k, v);
  delete: KeyValueStore['delete'] = (k) => this.inner.delete(k);
  txn: KeyValueStore['txn'] = (c, s, f) => this.inner.txn(c, s, f);
  batch: KeyValueStore['batch'] = (ops) => this.inner.batch(ops);
  onConnectionState: KeyValueStore['onConnectionState'] = (l) => this.inner.onConnectionState(l);
  close: KeyValueStore['close'] = () => this.inner.close();
  async watch(prefix: string, handlers: KvWatchHandlers, fromRevision?: number): Promise<KvWatch> {
    if (++this.#watches === this.at) {
      await this.inner.put(`${prefix}compact/1`, 'x');
      const rev = await this.inner.put(`${prefix}compact/2`, 'y');
      await this.inner.compact(rev);
    }
    return this.inner.watch(prefix, handlers, fromRevision);
  }
}

describe.skipIf(!endpoint)('datasync over etcd with a compacted watch revision', () => {
  let loop: EventLoop | undefined;
  let store: EtcdStore | undefined;
  afterEach(async () => {
    await loop?.close();
    await store?.close();
  });

  it('resyncs with reason watch-compacted and ends with the view equal to the store', async () => {
    store = await EtcdStore.connect({ endpoints: [endpoint!] });
    const prefix = `/compact/${process.pid}/`;
    await store.put(`${prefix}a`, '1');
    const view = new View('v', prefix);
    loop = new EventLoop({
      store: new CompactingStore(store, 1),
      plugins: () => [{ name: 'v', instance: view }],
      log: new RecordingLogger(),
      clock: new ManualClock(),
    });
    loop.watch('v', [prefix], view.onChanges);
    await loop.resync('startup');
    await until(() => view.reasons.length === 2);
    await loop.idle();
    expect(view.reasons).toEqual(['startup', 'watch-compacted']);
    await store.put(`${prefix}b`, '2');
    await until(() => view.view.has(`${prefix}b`));
    expect([...view.view].sort()).toEqual(await storeContent(store, prefix));
    expect(view.view.get(`${prefix}compact/2`)).toBe('y');
    await store.batch((await store.list(prefix)).entries.map((e) => ({ type: 'delete' as const, key: e.key })));
  });
});
