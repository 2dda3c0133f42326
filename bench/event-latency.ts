/**
 * @module Event-latency benchmark: a full agent (kvstore on a real etcd, datasync, ksr, vpp with
 * the in-process simulator, policy with the ACL renderer, the benchmark node's contiv) over a
 * workload's state loaded into etcd; a separate writer process ({@linkcode ./churn-writer.ts})
 * makes pod changes at a fixed rate. For every change: wall time from the etcd write being
 * issued to the end of the event that applied it (its VPP transaction committed). Prints one
 * JSON object: p50 / p90 / p99 / max over all changes and over those that changed VPP.
 *
 * `deno run -A --quiet bench/event-latency.ts [--workload L] [--rate 100] [--seconds 30]`
 * (`--runtime node` spawns the writer with the same runtime as this process; it starts its own etcd.)
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createAgent } from '../core/build.ts';
import { DatasyncPlugin } from '../core/datasync/datasync-plugin.ts';
import { EtcdStore } from '../core/kv/etcd-store.ts';
import { KvstorePlugin } from '../core/kv/kvstore-plugin.ts';
import { KsrPlugin } from '../plugins/ksr/ksr-plugin.ts';
import { PolicyPlugin } from '../plugins/policy/policy-plugin.ts';
import { VppPlugin } from '../plugins/vpp/vpp-plugin.ts';
import { BENCH_NIC, BENCH_NODE, BenchContivPlugin, benchLocalPod } from './bench-contiv-plugin.ts';
import type { ChurnWrite } from './churn-writer.ts';
import { startEtcd } from './etcd-process.ts';
import { LatencyProbePlugin, LatencyStartPlugin } from './latency-probe-plugin.ts';
import { cpuMs, procStatusKB, r2 } from './proc-stats.ts';
import { wallUs } from './wall-clock.ts';
import { decodeObject, k8sObjects, readWorkload, workloadPath } from './workload.ts';

/** Percentile (nearest rank) of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function summary(latUs: readonly number[]): Record<string, number> {
  const s = [...latUs].sort((a, b) => a - b);
  const ms = (us: number): number => r2(us / 1000);
  return { count: s.length, p50Ms: ms(percentile(s, 50)), p90Ms: ms(percentile(s, 90)), p99Ms: ms(percentile(s, 99)), maxMs: ms(s.at(-1) ?? 0) };
}

/** Runs the writer process to completion. */
function runWriter(args: readonly string[]): Promise<void> {
  const self = fileURLToPath(import.meta.url);
  const deno = 'Deno' in globalThis;
  const script = join(self, '..', deno ? 'churn-writer.ts' : 'churn-writer.js');
  const cmd = deno ? [process.execPath, ['run', '-A', '--quiet', script, ...args]] as const : [process.execPath, [script, ...args]] as const;
  return new Promise((resolve, reject) => {
    const child = spawn(cmd[0], [...cmd[1]], { stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`churn writer exited with ${code}`))));
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { workload: { type: 'string', default: 'L' }, rate: { type: 'string', default: '100' }, seconds: { type: 'string', default: '30' } },
  });
  const w = readWorkload(workloadPath(values.workload));
  const etcd = await startEtcd();
  const dir = mkdtempSync(join(tmpdir(), 'contiv-bench-latency-'));
  try {
    const store = await EtcdStore.connect({ endpoints: [etcd.endpoint] });
    const l0 = performance.now();
    await store.batch(k8sObjects(w).map((o) => ({ type: 'put' as const, key: decodeObject(o).key, value: JSON.stringify(o) })));
    await store.close();
    const etcdLoadMs = performance.now() - l0;

    const localPods = w.pods.filter((p) => p.node === w.meta.localNode).map((p, i) => benchLocalPod({ namespace: p.namespace, name: p.name }, p.ip, i + 1));
    const agent = createAgent(
      { name: 'bench-latency', plugins: [KvstorePlugin, DatasyncPlugin, LatencyStartPlugin, KsrPlugin, VppPlugin, BenchContivPlugin, PolicyPlugin, LatencyProbePlugin] },
      {
        http: { enabled: false },
        log: { level: 'info' },
        plugins: { kvstore: { type: 'etcd', etcd: { endpoints: [etcd.endpoint] } }, vpp: { sim: { nics: [{ name: BENCH_NIC }] } }, policy: { renderers: ['acl'] } },
      },
      { overrides: [[BENCH_NODE, { localPods, tcpStack: false }]], sink: { write: () => undefined } },
    );
    const s0 = performance.now();
    await agent.start();
    const startupMs = performance.now() - s0;
    const probe = agent.plugin(LatencyProbePlugin);
    const vpp = agent.plugin(VppPlugin);
    probe.observe(() => vpp.reconciler().history().at(-1));

    const out = join(dir, 'writes.json');
    const load0 = loadavg()[0]!;
    const c0 = cpuMs();
    const w0 = wallUs();
    await runWriter(['--endpoint', etcd.endpoint, '--out', out, '--workload', values.workload, '--rate', values.rate, '--seconds', values.seconds]);
    const written = JSON.parse(readFileSync(out, 'utf8')) as { rate: number; planned: number; writes: ChurnWrite[] };
    const lastRevision = Math.max(...written.writes.map((x) => x.revision));
    for (let i = 0; probe.lastRevision() < lastRevision && i < 600; i++) await new Promise((r) => setTimeout(r, 100));
    const agentCpuMs = cpuMs() - c0;
    const wallMs = (wallUs() - w0) / 1000;

    const ends = new Map<number, { endUs: number; vppOps: number }>();
    for (const e of probe.events) for (const r of e.revisions) ends.set(r, { endUs: e.endUs, vppOps: e.vppOps });
    const all: number[] = [];
    const changed: number[] = [];
    const byOp = new Map<string, number[]>();
    const waits: number[] = [];
    const starts = new Map<number, number>();
    for (const e of probe.events) for (const r of e.revisions) starts.set(r, e.startUs);
    let missing = 0;
    for (const x of written.writes) {
      const e = ends.get(x.revision);
      if (!e) {
        missing++;
        continue;
      }
      all.push(e.endUs - x.issuedUs);
      if (e.vppOps > 0) changed.push(e.endUs - x.issuedUs);
      byOp.set(x.op, [...(byOp.get(x.op) ?? []), e.endUs - x.issuedUs]);
      waits.push(starts.get(x.revision)! - x.issuedUs);
    }
    const handling = summary(probe.events.map((e) => e.endUs - e.startUs));
    const span = written.writes.length > 1 ? (Math.max(...written.writes.map((x) => x.issuedUs)) - Math.min(...written.writes.map((x) => x.issuedUs))) / 1e6 : 0;
    const etcdAck = summary(written.writes.map((x) => x.ackedUs - x.issuedUs));
    const result = {
      bench: 'event-latency',
      workload: w.meta.size,
      runtime: 'Deno' in globalThis ? 'deno' : 'node',
      rate: written.rate,
      seconds: Number(values.seconds),
      writes: written.writes.length,
      achievedRate: span > 0 ? r2((written.writes.length - 1) / span) : 0,
      ops: Object.fromEntries(['create', 'delete', 'relabel'].map((op) => [op, written.writes.filter((x) => x.op === op).length])),
      missing,
      latency: summary(all),
      latencyVppChanged: summary(changed),
      latencyByOp: Object.fromEntries([...byOp].map(([op, xs]) => [op, summary(xs)])),
      handlingMs: handling,
      writeToHandlingMs: summary(waits),
      slowestEvents: probe.events
        .map((e) => ({ ms: r2((e.endUs - e.startUs) / 1000), vppOps: e.vppOps, ops: e.revisions.map((r) => written.writes.find((x) => x.revision === r)?.op ?? '?').join(',') }))
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 8),
      etcdAckMs: { p50: etcdAck.p50Ms, p99: etcdAck.p99Ms },
      agentCpuShare: r2(agentCpuMs / wallMs),
      etcdLoadMs: r2(etcdLoadMs),
      startupMs: r2(startupMs),
      peakRssKB: procStatusKB('VmHWM'),
      loadAvg1: r2(load0),
    };
    await agent.close();
    console.log(JSON.stringify(result));
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await etcd.stop();
  }
}

await main();
