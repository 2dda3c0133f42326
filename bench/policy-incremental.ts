/**
 * @module Benchmark (not a test): the policy pipeline of node 1 on a `../shared/bench` workload
 * (ACL renderer, or `--renderers acl,vpptcp`). Measures a full resync from empty, then one
 * incremental add of the workload's probe pod (the KSR pod create with its IP, then its CNI
 * wiring) and its removal, and counts what each step re-rendered: pods recomputed, local
 * tables rebuilt, blocks recomputed, VPP puts/deletes. Checks that add+remove restores the
 * post-resync state exactly.
 *
 * Run: `npx deno run -P --quiet bench/policy-incremental.ts [S|M|L|XL|path.json] [--renderers acl,vpptcp]`
 * — prints one JSON object.
 */
import type { LocalPod } from '../plugins/contiv/api.ts';
import type { KsrChange } from '../plugins/ksr/api.ts';
import { decodePolicy } from '../plugins/ksr/k8s-policy.ts';
import type { Namespace, NetworkPolicy, Pod } from '../plugins/ksr/model.ts';
import type { PolicyNode } from '../plugins/policy/policy-pipeline.ts';
import { PolicyPipeline } from '../plugins/policy/policy-pipeline.ts';
import type { RendererName } from '../plugins/policy/policy-renderer.ts';
import { StateTxn } from '../test/oracle/state-txn.ts';

interface WorkloadPod {
  readonly namespace: string;
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly ip: string;
  readonly node: number;
}

interface Workload {
  readonly meta: { readonly size: string; readonly localNode: number };
  readonly namespaces: readonly { readonly name: string; readonly labels: Record<string, string> }[];
  readonly pods: readonly WorkloadPod[];
  readonly policies: readonly unknown[];
  readonly probe: WorkloadPod;
}

const args: string[] = (globalThis as { Deno?: { args: string[] } }).Deno?.args ?? globalThis.process?.argv.slice(2) ?? [];
const which = args.find((a) => !a.startsWith('--')) ?? 'L';
const rendererArg = args.find((a) => a.startsWith('--renderers='))?.slice('--renderers='.length);
const renderers = (rendererArg?.split(',') ?? ['acl']) as RendererName[];
const path = which.endsWith('.json') ? which : new URL(`../../shared/bench/workloads/${which}.json`, import.meta.url).pathname;

async function readText(p: string): Promise<string> {
  const deno = (globalThis as { Deno?: { readTextFile(p: string): Promise<string> } }).Deno;
  if (deno) return deno.readTextFile(p);
  const fs = await import('node:fs/promises');
  return fs.readFile(p, 'utf8');
}

const toPod = (p: WorkloadPod): Pod => ({
  namespace: p.namespace, name: p.name, labels: p.labels, ip: p.ip, nodeName: `node-${p.node}`,
  hostNetwork: false, phase: 'Running', ready: true, terminating: false, containerPorts: [],
});

const t0 = performance.now();
const w = JSON.parse(await readText(path)) as Workload;
const namespaces: Namespace[] = w.namespaces.map((n) => ({ name: n.name, labels: n.labels }));
const pods: Pod[] = w.pods.map(toPod);
const policies: NetworkPolicy[] = w.policies.map((p, i) => decodePolicy(p, `workload policy #${i}`));
const loadMs = performance.now() - t0;

const local = w.meta.localNode;
const localPods = new Map<string, LocalPod>();
let ifIndex = 0;
const wire = (p: WorkloadPod): LocalPod => {
  const lp: LocalPod = { id: { namespace: p.namespace, name: p.name }, ip: p.ip, interface: `tap${ifIndex++}`, containerId: `c${ifIndex}`, appNsIndex: ifIndex, appNamespace: `appns-${ifIndex}` };
  localPods.set(`${p.namespace}/${p.name}`, lp);
  return lp;
};
for (const p of w.pods) if (p.node === local) wire(p);

const node: PolicyNode = {
  localPods: () => [...localPods.values()],
  localPod: (key) => localPods.get(key),
  nodeAddresses: () => ['192.168.16.1', '172.30.1.2'],
  outboundInterfaces: () => ['GigabitEthernet0/8/0', 'vxlanBVI', 'tap-vpp2'],
};
const pipeline = new PolicyPipeline(node, { renderers });
const txn = new StateTxn();

const step = <T>(fn: () => T): { ms: number; ops: { puts: number; deletes: number }; stats: ReturnType<PolicyPipeline['stats']> } => {
  txn.take();
  const s = performance.now();
  fn();
  const ms = performance.now() - s;
  const ops = txn.take();
  return { ms, ops: { puts: ops.filter((o) => o.op === 'put').length, deletes: ops.filter((o) => o.op === 'delete').length }, stats: pipeline.stats() };
};
const summary = (r: ReturnType<typeof step>) => ({
  ms: Math.round(r.ms * 100) / 100,
  podsRecomputed: r.stats.processor.podsRecomputed,
  podsChanged: r.stats.processor.podsChanged,
  policiesResolved: r.stats.processor.policiesResolved,
  renderers: r.stats.renderers.map((x) => ({ name: x.name, tablesRebuilt: x.cache.tablesRebuilt, blocksComputed: x.cache.blocksComputed, globalRebuilt: x.cache.globalRebuilt, ...x.render })),
  vppPuts: r.ops.puts,
  vppDeletes: r.ops.deletes,
});

const resync = step(() => pipeline.resync({ namespaces, pods, policies }, txn));
const afterResync = JSON.stringify([...txn.state.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
const tables = pipeline.renderers().map((r) => {
  const locals = r.cache.localTables();
  return {
    renderer: r.name,
    localTables: locals.length,
    localRules: locals.reduce((n, t) => n + t.rules.length, 0),
    globalRules: r.cache.globalTable().length,
    localInterfaceBindings: locals.reduce((n, t) => n + t.pods.length, 0),
  };
});

const probeKey = `${w.probe.namespace}/${w.probe.name}`;
const change = (value: Pod | undefined, prev: Pod | undefined): KsrChange => ({
  kind: 'pod', key: `/vnf-agent/contiv-ksr/k8s/pod/${w.probe.name}/namespace/${w.probe.namespace}`, id: probeKey, prev, value,
});
const probePod = toPod(w.probe);
const addKsr = step(() => pipeline.applyKsrChanges([change(probePod, undefined)], txn));
const addCni = step(() => pipeline.localPodChanged({ type: 'added', pod: wire(w.probe) }, txn));
const delCni = step(() => {
  const lp = localPods.get(probeKey)!;
  localPods.delete(probeKey);
  pipeline.localPodChanged({ type: 'removed', pod: lp }, txn);
});
const delKsr = step(() => pipeline.applyKsrChanges([change(undefined, probePod)], txn));
const restored = JSON.stringify([...txn.state.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) === afterResync;

const out = {
  workload: w.meta.size, renderers, loadMs: Math.round(loadMs),
  counts: { namespaces: namespaces.length, pods: pods.length, policies: policies.length, localPods: node.localPods().length },
  resync: summary(resync), tables,
  probe: { pod: probeKey, selectedBy: (w.probe as unknown as { selectedBy: unknown }).selectedBy },
  addProbe: { ksrPodCreate: summary(addKsr), cniWire: summary(addCni) },
  removeProbe: { cniUnwire: summary(delCni), ksrPodDelete: summary(delKsr) },
  restoredOnDel: restored,
};
console.log(JSON.stringify(out, null, 1));
