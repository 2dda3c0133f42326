/**
 * @module Benchmark (not a test): applying a bench workload (`../shared/bench/workloads/*.json`)
 * as Kubernetes objects into a real etcd under the KSR layout, as `apply -f` does (validate with
 * the agent's decoders, then write in transactions of ≤ 128 puts), and the full resync read of it
 * (one listing of the KSR prefix + decoding every value into the model).
 *
 * Run (starts its own etcd on free loopback ports):
 *   `npx deno run -A --quiet bench/kv-apply.ts [--workload PATH] [--rounds N]`
 * or against a running etcd (no process spawning needed):
 *   `npx deno run -P --quiet bench/kv-apply.ts --endpoint 127.0.0.1:2379`
 * Prints one summary line and one JSON line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { EtcdStore } from '../core/kv/etcd-store.ts';
import type { KvOp } from '../core/kv/key-value-store.ts';
import { decodeK8s, ksrKindOf } from '../plugins/ksr/k8s-decoders.ts';
import { K8S_PREFIX, ksrKey, NAMESPACED_KINDS } from '../plugins/ksr/keys.ts';
import { KsrState } from '../plugins/ksr/ksr-state.ts';

interface Workload {
  readonly meta: { readonly size: string; readonly counts: Record<string, number> };
  readonly nodes: { name: string; id: number; podCIDR: string }[];
  readonly namespaces: { name: string; labels: Record<string, string> }[];
  readonly pods: { namespace: string; name: string; labels: Record<string, string>; ip: string; node: number }[];
  readonly policies: Record<string, unknown>[];
}

type K8sObject = Record<string, unknown> & { kind: string; metadata: { name: string; namespace?: string } };

/** The workload as the Kubernetes API objects a KSR would reflect. */
function toObjects(w: Workload): K8sObject[] {
  return [
    ...w.namespaces.map((n) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: n.name, labels: n.labels } })),
    ...w.nodes.map((n) => ({
      apiVersion: 'v1', kind: 'Node', metadata: { name: n.name },
      spec: { podCIDR: n.podCIDR },
      status: { addresses: [{ type: 'InternalIP', address: `192.168.16.${n.id}` }, { type: 'Hostname', address: n.name }] },
    })),
    ...w.pods.map((p) => ({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: p.name, namespace: p.namespace, labels: p.labels },
      spec: { nodeName: `node-${p.node}`, containers: [{ name: 'app', ports: [{ name: 'http', containerPort: 8080 }] }] },
      status: { phase: 'Running', podIP: p.ip, hostIP: `192.168.16.${p.node}`, conditions: [{ type: 'Ready', status: 'True' }] },
    })),
    ...(w.policies as K8sObject[]),
  ];
}

async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

async function startEtcd(): Promise<{ endpoint: string; stop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'contiv-bench-etcd-'));
  const [c, p] = [await freePort(), await freePort()];
  const client = `http://127.0.0.1:${c}`;
  const peer = `http://127.0.0.1:${p}`;
  const child: ChildProcess = spawn(process.env.ETCD_BIN ?? 'etcd', [
    '--name', 'b', '--data-dir', join(dir, 'data'), '--listen-client-urls', client, '--advertise-client-urls', client,
    '--listen-peer-urls', peer, '--initial-advertise-peer-urls', peer, '--initial-cluster', `b=${peer}`,
    '--log-level', 'error', '--logger', 'zap',
  ], { stdio: 'ignore' });
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${client}/health`)).ok) break;
    } catch {
      // starting
    }
    if (i > 300) throw new Error('etcd did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    endpoint: `127.0.0.1:${c}`,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number): number => Math.round(x * 10) / 10;

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { endpoint: { type: 'string' }, workload: { type: 'string' }, rounds: { type: 'string' } },
  });
  const file = values.workload ?? '../shared/bench/workloads/L.json';
  const rounds = Number(values.rounds ?? 3);
  const workload = JSON.parse(readFileSync(file, 'utf8')) as Workload;
  const own = values.endpoint ? undefined : await startEtcd();
  const endpoint = values.endpoint ?? own!.endpoint;
  const store = await EtcdStore.connect({ endpoints: [endpoint] });
  try {
    const apply: number[] = [];
    const write: number[] = [];
    const list: number[] = [];
    const decode: number[] = [];
    let count = 0;
    let bytes = 0;
    for (let r = 0; r < rounds; r++) {
      // Start from an empty layout each round.
      await store.batch((await store.list(K8S_PREFIX)).entries.map((e) => ({ type: 'delete' as const, key: e.key })));
      const t0 = performance.now();
      const ops: KvOp[] = toObjects(workload).map((o) => {
        const kind = ksrKindOf(o.kind)!;
        const value = decodeK8s(kind, o, `${o.kind} ${o.metadata.name}`, 'default');
        const ns = NAMESPACED_KINDS.has(kind) ? (value as { namespace: string }).namespace : undefined;
        return { type: 'put', key: ksrKey(kind, value.name, ns), value: JSON.stringify(o) };
      });
      const t1 = performance.now();
      await store.batch(ops);
      const t2 = performance.now();
      apply.push(t2 - t0);
      write.push(t2 - t1);
      count = ops.length;
      bytes = ops.reduce((n, o) => n + (o.type === 'put' ? o.value.length + o.key.length : 0), 0);
      for (let k = 0; k < 3; k++) {
        const t3 = performance.now();
        const listing = await store.list(K8S_PREFIX);
        const t4 = performance.now();
        const state = new KsrState();
        const bad = state.resync(listing.entries);
        const t5 = performance.now();
        if (bad.length > 0 || listing.entries.length !== count) throw new Error(`resync read ${listing.entries.length} keys, ${bad.length} bad`);
        list.push(t4 - t3);
        decode.push(t5 - t4);
      }
    }
    const result = {
      bench: 'kv-apply', workload: workload.meta.size, runtime: 'Deno' in globalThis ? 'deno' : 'node', objects: count, bytes, rounds,
      applyMs: ms(median(apply)), applyObjectsPerS: Math.round(count / (median(apply) / 1000)),
      writeMs: ms(median(write)), writeObjectsPerS: Math.round(count / (median(write) / 1000)),
      resyncReadMs: ms(median(list.map((l, i) => l + decode[i]!))), resyncListMs: ms(median(list)), resyncDecodeMs: ms(median(decode)),
    };
    console.log(
      `${result.workload}: ${count} objects (${Math.round(bytes / 1024)} KiB) applied in ${result.applyMs} ms = ${result.applyObjectsPerS} objects/s ` +
        `(write only ${result.writeMs} ms = ${result.writeObjectsPerS}/s); resync read ${result.resyncReadMs} ms ` +
        `(list ${result.resyncListMs} + decode ${result.resyncDecodeMs}); medians of ${rounds} rounds`,
    );
    console.log(JSON.stringify(result));
    await store.batch((await store.list(K8S_PREFIX)).entries.map((e) => ({ type: 'delete' as const, key: e.key })));
  } finally {
    await store.close();
    await own?.stop();
  }
}

await main();
