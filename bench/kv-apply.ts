/**
 * @module Benchmark (not a test): applying a bench workload (`../shared/bench/workloads/*.json`)
 * as Kubernetes objects into a real etcd under the KSR layout, as `apply -f` does (validate with
 * the agent's decoders, then write in transactions of ≤ 128 puts), and the full resync read of it
 * (one listing of the KSR prefix + decoding every value into the model).
 *
 * Run (starts its own etcd on free loopback ports):
 *   `npx deno run -A --quiet bench/kv-apply.ts [--workload S|M|L|XL|PATH] [--rounds N]`
 * or against a running etcd (no process spawning needed):
 *   `npx deno run -P --quiet bench/kv-apply.ts --endpoint 127.0.0.1:2379`
 * Prints one summary line and one JSON line.
 */
import { parseArgs } from 'node:util';
import { EtcdStore } from '../core/kv/etcd-store.ts';
import type { KvOp } from '../core/kv/key-value-store.ts';
import { K8S_PREFIX } from '../plugins/ksr/keys.ts';
import { KsrState } from '../plugins/ksr/ksr-state.ts';
import { startEtcd } from './etcd-process.ts';
import { decodeObject, k8sObjects, readWorkload, workloadPath } from './workload.ts';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number): number => Math.round(x * 10) / 10;

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { endpoint: { type: 'string' }, workload: { type: 'string' }, rounds: { type: 'string' } },
  });
  const rounds = Number(values.rounds ?? 3);
  const workload = readWorkload(workloadPath(values.workload ?? 'L'));
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
      const ops: KvOp[] = k8sObjects(workload).map((o) => ({ type: 'put', key: decodeObject(o).key, value: JSON.stringify(o) }));
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
