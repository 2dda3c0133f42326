import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'tsyringe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventRecord } from '../../core/datasync/datasync.ts';
import { DatasyncPlugin } from '../../core/datasync/datasync-plugin.ts';
import { KvstorePlugin } from '../../core/kv/kvstore-plugin.ts';
import { plugin, type Plugin } from '../../core/plugin.ts';
import type { Snapshot } from '../../core/snapshot.ts';
import type { StatusView } from '../../core/status/status-view.ts';
import { TestAgent, type StartedTestAgent } from '../../core/testing/test-agent.ts';
import { KV_STORE } from '../../core/tokens.ts';
import { KSR_API, type KsrApi, type KsrChange } from '../../plugins/ksr/api.ts';
import { K8S_PREFIX, ksrKey } from '../../plugins/ksr/keys.ts';
import { KsrPlugin } from '../../plugins/ksr/ksr-plugin.ts';
import { loadManifests } from '../../plugins/ksr/manifest-loader.ts';
import type { KsrKind } from '../../plugins/ksr/model.ts';
import { runApply } from '../../cli/apply.ts';

/** A KSR consumer that records what it is told. */
@plugin({ name: 'consumer' })
class Consumer implements Plugin {
  readonly name = 'consumer';
  readonly changes: KsrChange[][] = [];
  readonly resynced: Record<string, unknown>[] = [];
  constructor(@inject(KSR_API) readonly ksr: KsrApi) {}
  init(): void {
    this.ksr.subscribe(this.name, ['pod', 'policy', 'namespace'], (changes) => {
      this.changes.push([...changes]);
    });
  }
  resync(_s: Snapshot): void {
    const kinds: KsrKind[] = ['namespace', 'node', 'pod', 'policy', 'service', 'endpoints', 'endpointslice'];
    this.resynced.push(Object.fromEntries(kinds.map((k) => [k, this.ksr.list(k)])));
  }
}

const quiet = { log: () => undefined, error: () => undefined };
const policy = (name: string, spec: Record<string, unknown>) =>
  JSON.stringify({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: 'shop' }, spec });
const pod = (name: string, labels: Record<string, string>) => JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'shop', labels } });

describe('KsrPlugin', () => {
  let dir: string;
  let file: string;
  let t: StartedTestAgent;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'contiv-ksr-'));
    file = join(dir, 'kv.json');
  });
  afterEach(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const start = () => TestAgent.for(Consumer, KsrPlugin, DatasyncPlugin, KvstorePlugin).config('kvstore', { snapshotFile: file }).start();
  const idle = () => t.plugin(DatasyncPlugin).idle();
  const lastEvent = (): EventRecord => t.plugin(DatasyncPlugin).history().at(-1)!;

  it('resync() after apply -f of the example manifests gives subscribers exactly the manifests\' model objects', async () => {
    expect(await runApply(['-f', 'examples/manifests', '--snapshot', file], quiet, {})).toBe(0);
    t = await start();
    const expected = await loadManifests(['examples/manifests']);
    const byKind = (kind: KsrKind) => expected.objects.filter((o) => o.kind === kind).sort((a, b) => (a.id < b.id ? -1 : 1)).map((o) => o.value);
    const seen = t.plugin(Consumer).resynced[0]!;
    for (const kind of ['namespace', 'node', 'pod', 'policy', 'service', 'endpoints', 'endpointslice'] as const) {
      expect(seen[kind]).toEqual(byKind(kind));
    }
    expect(t.get(KSR_API).get('pod', 'shop/db-0')).toMatchObject({ ready: false, containerPorts: [{ name: 'postgres', containerPort: 5432, protocol: 'TCP' }] });
    expect(t.get(KSR_API).badObjects()).toEqual([]);
  });

  it('skips bad objects with key and field in /events and /status, and still delivers the good ones of the same event', async () => {
    t = await start();
    const store = t.get(KV_STORE);
    const bad = {
      cidr: ksrKey('policy', 'bad-cidr', 'shop'),
      operator: ksrKey('policy', 'bad-op', 'shop'),
      label: ksrKey('pod', 'bad-label', 'shop'),
      json: ksrKey('namespace', 'broken'),
      key: `${K8S_PREFIX}pod/no-namespace`,
    };
    await store.txn([], [
      { type: 'put', key: bad.cidr, value: policy('bad-cidr', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/33' } }] }] }) },
      { type: 'put', key: bad.operator, value: policy('bad-op', { podSelector: { matchExpressions: [{ key: 'a', operator: 'Like' }] } }) },
      { type: 'put', key: bad.label, value: pod('bad-label', { 'no spaces': 'x' }) },
      { type: 'put', key: bad.json, value: '{"metadata": ' },
      { type: 'put', key: bad.key, value: '{}' },
      { type: 'put', key: ksrKey('pod', 'good', 'shop'), value: pod('good', { app: 'web' }) },
      { type: 'put', key: ksrKey('policy', 'good', 'shop'), value: policy('good', { podSelector: {} }) },
    ]);
    await idle();
    const consumer = t.plugin(Consumer);
    expect(consumer.changes.flat().map((c) => `${c.kind} ${c.id}`)).toEqual(['pod shop/good', 'policy shop/good']);

    const event = lastEvent();
    expect(event.outcome).toBe('error');
    expect(event.errors).toHaveLength(1);
    expect(event.errors[0]!.plugin).toBe('ksr');
    const objects = (event.errors[0]!.error as { objects: { key: string; field: string }[] }).objects;
    expect(objects.map((o) => [o.key, o.field])).toEqual([
      [bad.cidr, 'spec.ingress[0].from[0].ipBlock.cidr'],
      [bad.operator, 'spec.podSelector.matchExpressions[0].operator'],
      [bad.label, 'metadata.labels["no spaces"]'],
      [bad.json, ''],
      [bad.key, 'key'],
    ]);
    const status = (await (await t.fetch('/status')).json()) as StatusView;
    const details = status.plugins.ksr!.details as { badObjectCount: number; badObjects: { key: string }[] };
    expect(details.badObjectCount).toBe(5);
    expect(details.badObjects.map((b) => b.key)).toEqual([...Object.values(bad)].sort());
    expect(t.logs.records.filter((r) => r.msg === 'skipped bad object')).toHaveLength(5);
  });

  it('treats a bad update of a valid object as its deletion until a valid value comes back', async () => {
    t = await start();
    const store = t.get(KV_STORE);
    const key = ksrKey('pod', 'web', 'shop');
    await store.put(key, pod('web', { app: 'web' }));
    await store.put(key, pod('web', { app: '-bad-' }));
    await store.put(key, pod('web', { app: 'web2' }));
    await idle();
    const ksr = t.get(KSR_API);
    const labelsOf = (v: unknown) => (v as { labels?: unknown } | undefined)?.labels;
    expect(t.plugin(Consumer).changes.map((batch) => batch.map((c) => [labelsOf(c.prev), labelsOf(c.value)]))).toEqual([
      [[undefined, { app: 'web' }]],
      [[{ app: 'web' }, undefined]],
      [[undefined, { app: 'web2' }]],
    ]);
    expect(ksr.get('pod', 'shop/web')).toMatchObject({ labels: { app: 'web2' } });
    expect(ksr.badObjects()).toEqual([]);
    expect(t.logs.records.filter((r) => r.msg === 'skipped bad object')).toHaveLength(1);
  });

  it('resync() with bad objects in the store still starts and lists only the valid objects', async () => {
    expect(await runApply(['-f', 'examples/manifests/00-namespaces.yaml', '--snapshot', file], quiet, {})).toBe(0);
    const { MemoryStore } = await import('../../core/kv/memory-store.ts');
    const s = await MemoryStore.open({ snapshotFile: file });
    await s.put(ksrKey('namespace', 'zzz'), '{"metadata":{"name":"zzz","labels":{"a":"b c"}}}');
    await s.close();
    t = await start();
    expect(t.get(KSR_API).list('namespace').map((n) => n.name)).toEqual(['kube-system', 'monitoring', 'shop']);
    expect(t.get(KSR_API).badObjects()).toEqual([{ key: ksrKey('namespace', 'zzz'), field: 'metadata.labels.a', detail: expect.stringMatching(/label value/) }]);
    expect(lastEvent()).toMatchObject({ kind: 'resync', outcome: 'error', errors: [{ plugin: 'ksr' }] });
  });
});
