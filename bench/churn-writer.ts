/**
 * @module The writer of the event-latency benchmark, run as its own process (so a busy agent
 * cannot delay the writes): pod changes into etcd at a fixed rate, each one store revision.
 * The mix (seeded, deterministic): 40 % new pods on other nodes (labels of a random workload
 * pod, so policies select them as peers), 40 % deletes of those (oldest first), 20 % relabels
 * of a random workload pod (its `role` label toggled to `canary` and back, which changes the
 * peers it is selected by and, for node 1's pods, the policies selecting it). Records
 * revision, kind and wall-clock issue/ack times (µs since the epoch) of every write and
 * writes them as JSON to `--out`.
 *
 * `deno run -A bench/churn-writer.ts --endpoint 127.0.0.1:2379 --out FILE [--workload L] [--rate 100] [--seconds 30] [--seed 1]`
 */
import { writeFileSync } from 'node:fs';
import process from 'node:process';
import { parseArgs } from 'node:util';
import { EtcdStore } from '../core/kv/etcd-store.ts';
import { wallUs } from './wall-clock.ts';
import { decodeObject, k8sPod, readWorkload, workloadPath, type WorkloadPod } from './workload.ts';

/** One write of the churn. */
export interface ChurnWrite {
  readonly revision: number;
  readonly op: 'create' | 'delete' | 'relabel';
  /** Wall clock when the write was issued / acknowledged, µs since the epoch. */
  readonly issuedUs: number;
  readonly ackedUs: number;
}


function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      endpoint: { type: 'string' }, out: { type: 'string' }, workload: { type: 'string', default: 'L' },
      rate: { type: 'string', default: '100' }, seconds: { type: 'string', default: '30' }, seed: { type: 'string', default: '1' },
    },
  });
  if (!values.endpoint || !values.out) throw new TypeError('--endpoint and --out are required');
  const w = readWorkload(workloadPath(values.workload));
  const rate = Number(values.rate);
  const total = Math.round(rate * Number(values.seconds));
  const random = mulberry32(Number(values.seed));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const nodes = w.nodes.map((n) => n.id).filter((id) => id !== w.meta.localNode);
  const nextHost = new Map<number, number>(nodes.map((id) => [id, 200]));
  const created: WorkloadPod[] = [];
  const relabeled = new Set<string>();
  const plan = (i: number): { op: ChurnWrite['op']; key: string; value?: string } => {
    const r = random();
    if (r < 0.4 || (r < 0.8 && created.length === 0)) {
      const t = pick(w.pods);
      const node = pick(nodes);
      const host = nextHost.get(node)!;
      // Hosts .200-.254 of each node are free in the workloads; reused once the first ones were deleted.
      nextHost.set(node, host >= 254 ? 200 : host + 1);
      const pod: WorkloadPod = { namespace: t.namespace, name: `churn-${String(i).padStart(5, '0')}`, labels: t.labels, ip: `10.1.${node}.${host}`, node };
      created.push(pod);
      const o = k8sPod(pod);
      return { op: 'create', key: decodeObject(o).key, value: JSON.stringify(o) };
    }
    if (r < 0.8) {
      const pod = created.shift()!;
      return { op: 'delete', key: decodeObject(k8sPod(pod)).key };
    }
    const pod = pick(w.pods);
    const id = `${pod.namespace}/${pod.name}`;
    const canary = !relabeled.has(id);
    if (canary) relabeled.add(id);
    else relabeled.delete(id);
    const o = k8sPod(pod, canary ? { role: 'canary' } : {});
    return { op: 'relabel', key: decodeObject(o).key, value: JSON.stringify(o) };
  };

  const store = await EtcdStore.connect({ endpoints: [values.endpoint] });
  const writes: ChurnWrite[] = [];
  const inFlight = new Set<Promise<void>>();
  const interval = 1000 / rate;
  const t0 = performance.now() + 50;
  for (let i = 0; i < total; i++) {
    const due = t0 + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const p = plan(i);
    const issuedUs = wallUs();
    const done = (p.value === undefined ? store.txn([], [{ type: 'delete', key: p.key }]).then((t) => t.revision) : store.put(p.key, p.value))
      .then((revision) => {
        writes.push({ revision, op: p.op, issuedUs, ackedUs: wallUs() });
      });
    const tracked: Promise<void> = done.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
    if (inFlight.size >= 64) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  await store.close();
  writeFileSync(values.out, JSON.stringify({ rate, planned: total, writes }));
}

await main();
