/**
 * @module Benchmark (not a test): `simulate` on 3 nodes with the M workload
 * (`../shared/bench/workloads/M.json`: 30 namespaces, 1 000 pods, 200 policies) converted to
 * manifests — three Nodes with a /22 pod CIDR each (the workload's 1 000 pods do not fit three
 * /24s), pods without node or IP (the simulation schedules them and IPAM numbers them), the
 * policies as given — and 1 000 probes between seeded random pod pairs on the pods' port.
 *
 * Run: `npx deno run -P --quiet bench/simulate-m.ts [--workload PATH] [--probes N]`
 * It writes the manifests and the probes file under `bench/tmp/simulate-m/`, runs the
 * simulation in-process (timing start-up + apply and the probes), prints the CLI command that
 * does the same (`simulate -f ... --probes ... --nodes 3 --output json`) and one JSON line.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import 'reflect-metadata';
import { Cluster } from '../cluster/cluster.ts';
import { readManifests, readProbes } from '../cluster/simulation.ts';
import { seededRandom } from '../plugins/vpp/sim/tracer/random.ts';

interface Workload {
  readonly meta: { readonly size: string };
  readonly namespaces: { name: string; labels: Record<string, string> }[];
  readonly pods: { namespace: string; name: string; labels: Record<string, string> }[];
  readonly policies: Record<string, unknown>[];
}

const NODES = 3;

function manifests(w: Workload): Record<string, unknown> {
  const items = [
    ...w.namespaces.map((n) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: n.name, labels: n.labels } })),
    ...Array.from({ length: NODES }, (_, i) => ({
      apiVersion: 'v1', kind: 'Node', metadata: { name: `node-${i + 1}` }, spec: { podCIDR: `10.1.${(i + 1) * 4}.0/22` },
    })),
    ...w.pods.map((p) => ({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: p.name, namespace: p.namespace, labels: p.labels },
      spec: { containers: [{ name: 'app', ports: [{ name: 'http', containerPort: 8080 }] }] },
    })),
    ...w.policies,
  ];
  return { apiVersion: 'v1', kind: 'List', items };
}

function probes(w: Workload, count: number): { probes: Record<string, unknown>[] } {
  const random = seededRandom(609);
  const pick = () => w.pods[Math.floor(random.next() * w.pods.length)]!;
  return {
    probes: Array.from({ length: count }, () => {
      const from = pick();
      const to = pick();
      return { from: `${from.namespace}/${from.name}`, to: `${to.namespace}/${to.name}`, port: 8080, protocol: 'TCP' };
    }),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { workload: { type: 'string' }, probes: { type: 'string' } } });
  const workload = JSON.parse(readFileSync(values.workload ?? '../shared/bench/workloads/M.json', 'utf8')) as Workload;
  const count = Number(values.probes ?? 1000);
  const dir = join('bench', 'tmp', 'simulate-m');
  mkdirSync(dir, { recursive: true });
  const manifestFile = join(dir, 'manifests.json');
  const probesFile = join(dir, 'probes.json');
  writeFileSync(manifestFile, JSON.stringify(manifests(workload)));
  writeFileSync(probesFile, JSON.stringify(probes(workload, count)));

  const t0 = performance.now();
  const objects = await readManifests([manifestFile]);
  const named = await readProbes(probesFile);
  const t1 = performance.now();
  const cluster = await Cluster.create({ nodes: NODES });
  await cluster.apply({ apply: objects });
  const t2 = performance.now();
  const results = cluster.probe(named.probes, named.source);
  const t3 = performance.now();
  const json = JSON.stringify({ pods: cluster.view().podRows(), nodes: cluster.view().nodeRows(), services: cluster.view().serviceRows(), results });
  const t4 = performance.now();
  await cluster.close();
  const allowed = results.filter((r) => r.allowed).length;
  const ms = (a: number, b: number) => Math.round(b - a);
  console.log(
    `simulate ${workload.meta.size}: ${objects.length} objects on ${NODES} nodes, ${results.length} probes (${allowed} allowed): ` +
      `load ${ms(t0, t1)} ms, start + apply + settle ${ms(t1, t2)} ms, probes ${ms(t2, t3)} ms, JSON ${ms(t3, t4)} ms (${Math.round(json.length / 1024)} KiB), total ${ms(t0, t4)} ms`,
  );
  console.log(`same through the CLI: npx deno run -P --quiet main.ts simulate -f ${manifestFile} --probes ${probesFile} --nodes ${NODES} --output json`);
  console.log(JSON.stringify({
    bench: 'simulate', workload: workload.meta.size, runtime: 'Deno' in globalThis ? 'deno' : 'node', nodes: NODES, objects: objects.length,
    probes: results.length, allowed, loadMs: ms(t0, t1), applyMs: ms(t1, t2), probeMs: ms(t2, t3), jsonMs: ms(t3, t4), totalMs: ms(t0, t4),
  }));
}

await main();
