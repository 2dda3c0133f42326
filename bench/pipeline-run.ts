/**
 * @module One run of the pipeline benchmark (one fresh process; `bench/run.ts` starts five per
 * size and renderer): loads a workload, starts the agent of {@linkcode startPipelineAgent},
 * then measures a full resync from an empty policy state to the committed VPP transaction,
 * and the add and removal of the workload's probe pod (KSR create + CNI ADD; CNI DEL + KSR
 * delete), each until its VPP transactions are committed. Prints one JSON object.
 *
 * `deno run -A --quiet bench/pipeline-run.ts --size L [--renderer acl|vpptcp] [--cycles 2] [--settle-ms 100] [--warm] [--profile resync|addKsr|addCni|delCni|delKsr]`
 * (`--warm`: the same steps again in a second agent of the process, reported as `warm`).
 * (`-A`: peak RSS comes from `/proc/self/status`; `--profile` marks that step for `bench/cpu-profile.ts --window`).
 */
import 'reflect-metadata';
import process from 'node:process';
import { parseArgs } from 'node:util';
import { objectKey } from '../plugins/policy/policy-cache.ts';
import type { RendererName } from '../plugins/policy/policy-renderer.ts';
import type { Pod } from '../plugins/ksr/model.ts';
import type { LocalPod } from '../plugins/contiv/api.ts';
import { benchLocalPod } from './bench-contiv-plugin.ts';
import { lastTxnSeq, policyFingerprint, startPipelineAgent, txnsSince, type PipelineAgent } from './pipeline-agent.ts';
import { benchWindowEnd, benchWindowStart } from './profile-window.ts';
import { cpuMs, procStatusKB, r2 } from './proc-stats.ts';
import { decodeObject, decodeWorkload, k8sPod, readWorkload, workloadPath, type WorkloadState } from './workload.ts';

/** Wall and CPU time and VPP work of one measured step. */
interface Step {
  readonly ms: number;
  readonly cpuMs: number;
  readonly vppTxns: number;
  readonly vppOps: number;
  readonly vppCalls: number;
  readonly vppFailed: number;
}

let profiled = '';

let settleMs = 100;

async function step(a: PipelineAgent, fn: () => Promise<void>, name = ''): Promise<Step> {
  // Each step starts from an idle agent, as events arrive in practice (the runtime finishes
  // background work such as concurrent marking meanwhile); the event-latency bench covers load.
  if (settleMs > 0) await new Promise((r) => setTimeout(r, settleMs));
  if (name !== '' && name === profiled) {
    benchWindowStart();
    if (process.env.BENCH_MARK_GC) console.log(`-- ${name} start ${performance.now().toFixed(0)}`);
  }
  const seq = lastTxnSeq(a.vpp);
  const c0 = cpuMs();
  const t0 = performance.now();
  await fn();
  const ms = performance.now() - t0;
  const cpu = cpuMs() - c0;
  if (name !== '' && name === profiled) {
    if (process.env.BENCH_MARK_GC) console.log(`-- ${name} end ${performance.now().toFixed(0)}`);
    benchWindowEnd();
  }
  const txns = txnsSince(a.vpp, seq);
  return {
    ms: r2(ms),
    cpuMs: r2(cpu),
    vppTxns: txns.length,
    vppOps: txns.reduce((n, t) => n + t.executed.length, 0),
    vppCalls: txns.reduce((n, t) => n + (t.calls ?? 0), 0),
    vppFailed: txns.reduce((n, t) => n + t.executed.filter((o) => o.result === 'error').length, 0),
  };
}

const sum = (xs: readonly Step[]): Step => ({
  ms: r2(xs.reduce((n, s) => n + s.ms, 0)),
  cpuMs: r2(xs.reduce((n, s) => n + s.cpuMs, 0)),
  vppTxns: xs.reduce((n, s) => n + s.vppTxns, 0),
  vppOps: xs.reduce((n, s) => n + s.vppOps, 0),
  vppCalls: xs.reduce((n, s) => n + s.vppCalls, 0),
  vppFailed: xs.reduce((n, s) => n + s.vppFailed, 0),
});

async function warmRun(
  renderer: RendererName,
  localPods: readonly LocalPod[],
  state: WorkloadState,
  probe: { readonly key: string; readonly value: unknown },
  probeLocal: LocalPod,
): Promise<{ resyncMs: number; addMs: number; delMs: number }> {
  const a = await startPipelineAgent(renderer, localPods);
  a.ksr.load(state);
  const resync = await step(a, () => a.datasync.resync('bench'));
  const id = objectKey(probeLocal.id);
  const addKsr = await step(a, () => a.ksr.change('pod', id, probe.key, probe.value as Pod));
  const addCni = await step(a, () => a.contiv.wire(probeLocal));
  const delCni = await step(a, () => a.contiv.unwire(probeLocal.id));
  const delKsr = await step(a, () => a.ksr.change('pod', id, probe.key, undefined));
  await a.agent.close();
  return { resyncMs: resync.ms, addMs: sum([addKsr, addCni]).ms, delMs: sum([delCni, delKsr]).ms };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { size: { type: 'string', default: 'L' }, renderer: { type: 'string', default: 'acl' }, cycles: { type: 'string', default: '2' }, profile: { type: 'string', default: '' },
      'settle-ms': { type: 'string', default: '100' },
      warm: { type: 'boolean', default: false },
    },
  });
  const renderer = values.renderer as RendererName;
  if (renderer !== 'acl' && renderer !== 'vpptcp') throw new TypeError(`--renderer ${renderer}: acl or vpptcp`);
  const cycles = Math.max(1, Number(values.cycles));
  profiled = values.profile;
  settleMs = Number(values['settle-ms']);
  const profiledCycle = Number(process.env.BENCH_PROFILE_CYCLE ?? 0);

  const l0 = performance.now();
  const w = readWorkload(workloadPath(values.size));
  const state = decodeWorkload(w);
  const probe = decodeObject(k8sPod(w.probe));
  const loadMs = performance.now() - l0;

  const local = w.meta.localNode;
  const localPods = w.pods.filter((p) => p.node === local).map((p, i) => benchLocalPod({ namespace: p.namespace, name: p.name }, p.ip, i + 1));
  const probeLocal = benchLocalPod({ namespace: w.probe.namespace, name: w.probe.name }, w.probe.ip, localPods.length + 1);
  if (process.env.BENCH_WARMUP) {
    // Diagnostic only: one whole agent cycle first, so the measured one runs on warm code.
    const warm = await startPipelineAgent(renderer, localPods);
    warm.ksr.load(state);
    await warm.datasync.resync('warm-up');
    await warm.agent.close();
  }
  const a = await startPipelineAgent(renderer, localPods);
  a.ksr.load(state);
  const hwmAfterLoad = procStatusKB('VmHWM');

  const resync = await step(a, () => a.datasync.resync('bench'), 'resync');
  const hwmAfterResync = procStatusKB('VmHWM');
  const afterResync = policyFingerprint(a.sim);
  const probeId = objectKey(probeLocal.id);
  const cyclesOut: { add: Step; addKsr: Step; addCni: Step; del: Step; delCni: Step; delKsr: Step; restored: boolean; aclsAfterAdd: number }[] = [];
  for (let c = 0; c < cycles; c++) {
    const addKsr = await step(a, () => a.ksr.change('pod', probeId, probe.key, probe.value as Pod), c === profiledCycle ? 'addKsr' : '');
    const addCni = await step(a, () => a.contiv.wire(probeLocal), c === profiledCycle ? 'addCni' : '');
    const aclsAfterAdd = a.sim.acls.size;
    const delCni = await step(a, () => a.contiv.unwire(probeLocal.id), c === profiledCycle ? 'delCni' : '');
    const delKsr = await step(a, () => a.ksr.change('pod', probeId, probe.key, undefined), c === profiledCycle ? 'delKsr' : '');
    cyclesOut.push({
      add: sum([addKsr, addCni]), addKsr, addCni, del: sum([delCni, delKsr]), delCni, delKsr,
      restored: policyFingerprint(a.sim) === afterResync, aclsAfterAdd,
    });
  }
  const peakRssKB = procStatusKB('VmHWM');
  // After the add/remove cycles (whose final state equals the resync's): formatting every rule
  // makes garbage the measured steps would otherwise have to collect.
  const view = a.policy.tables();
  const tables = view.renderers.map((r) => {
    const localRules = r.localTables.reduce((n, t) => n + t.rules.length, 0);
    return {
      localTables: r.localTables.length,
      localRules,
      globalRules: r.global.length,
      totalRules: localRules + r.global.length,
      localInterfaceBindings: r.localTables.reduce((n, t) => n + t.pods.length, 0),
    };
  })[0]!;

  const first = cyclesOut[0]!;
  const out = {
    size: w.meta.size,
    renderer,
    runtime: 'Deno' in globalThis ? 'deno' : 'node',
    counts: { ...w.meta.counts, localPods: localPods.length },
    loadMs: r2(loadMs),
    resyncMs: resync.ms,
    resyncCpuMs: resync.cpuMs,
    addMs: first.add.ms,
    delMs: first.del.ms,
    restoredOnDel: cyclesOut.every((c) => c.restored),
    ...tables,
    vppAcls: a.sim.acls.size,
    vppSessionRules: a.sim.session.rules.length,
    peakRssKB,
    hwmAfterLoad,
    hwmAfterResync,
    steps: { resync, ...Object.fromEntries(Object.entries(first).filter(([k]) => k !== 'restored' && k !== 'aclsAfterAdd')) },
    repeats: cyclesOut.slice(1).map((c) => ({ addMs: c.add.ms, delMs: c.del.ms, addCpuMs: c.add.cpuMs, delCpuMs: c.del.cpuMs, restored: c.restored })),
    warnings: a.warnings.map((r) => `${r.logger}: ${r.msg}`).slice(0, 10),
  };
  await a.agent.close();
  // The same steps once more in a second agent of this process: warm code (the cold-start
  // share of the figures above). Peak RSS was read before.
  const warm = values.warm ? await warmRun(renderer, localPods, state, probe, probeLocal) : undefined;
  console.log(JSON.stringify({ ...out, ...(warm ? { warm } : {}) }));
}

await main();
