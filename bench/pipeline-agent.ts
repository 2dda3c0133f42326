/**
 * @module The agent the pipeline benchmark measures: the real vpp plugin (reconciler, every
 * descriptor, in-process simulator) and the real policy plugin, with a workload-fed `KSR_API`
 * ({@linkcode BenchKsr}), the benchmark node's `CONTIV_API` ({@linkcode BenchContivPlugin}) and
 * an in-memory datasync that runs each change as one event ending in the VPP commit.
 */
import 'reflect-metadata';
import type { Agent } from '../core/agent.ts';
import { createAgent } from '../core/build.ts';
import type { LogRecord } from '../core/log/log-sink.ts';
import { FakeDatasync } from '../core/testing/fake-datasync.ts';
import { DATASYNC, PLUGIN_REGISTRY } from '../core/tokens.ts';
import type { LocalPod } from '../plugins/contiv/api.ts';
import { KSR_API } from '../plugins/ksr/api.ts';
import { PolicyPlugin } from '../plugins/policy/policy-plugin.ts';
import type { RendererName } from '../plugins/policy/policy-renderer.ts';
import type { TxnRecord } from '../plugins/vpp/config/txn-record.ts';
import type { SimState } from '../plugins/vpp/sim/sim-state.ts';
import { VppPlugin } from '../plugins/vpp/vpp-plugin.ts';
import { BENCH_NIC, BENCH_NODE, BenchContivPlugin } from './bench-contiv-plugin.ts';
import { BenchKsr } from './bench-ksr.ts';

/** A started benchmark agent. */
export interface PipelineAgent {
  readonly agent: Agent;
  readonly ksr: BenchKsr;
  readonly contiv: BenchContivPlugin;
  readonly policy: PolicyPlugin;
  readonly vpp: VppPlugin;
  readonly datasync: FakeDatasync;
  /** The simulator's state. */
  readonly sim: SimState;
  /** Log records at warn or above. */
  readonly warnings: LogRecord[];
}

/** Builds and starts the agent; its startup resync (empty Kubernetes state) creates the node's and the local pods' interfaces. */
export async function startPipelineAgent(renderer: RendererName, localPods: readonly LocalPod[]): Promise<PipelineAgent> {
  const ksr = new BenchKsr();
  const datasync = new FakeDatasync();
  const warnings: LogRecord[] = [];
  const agent = createAgent(
    { name: 'bench', plugins: [VppPlugin, BenchContivPlugin, PolicyPlugin] },
    {
      http: { enabled: false },
      log: { level: 'info' },
      plugins: { vpp: { sim: { nics: [{ name: BENCH_NIC }] } }, policy: { renderers: [renderer] } },
    },
    {
      overrides: [[DATASYNC, datasync], [KSR_API, ksr], [BENCH_NODE, { localPods, tcpStack: renderer === 'vpptcp' }]],
      sink: { write: (r) => (r.level === 'warn' || r.level === 'error' ? warnings.push(r) : undefined) },
    },
  );
  datasync.attach(agent.get(PLUGIN_REGISTRY));
  ksr.attach(datasync);
  await agent.start();
  const vpp = agent.plugin(VppPlugin);
  const sim = vpp.inProcessSimulator();
  if (!sim) throw new TypeError('the vpp plugin runs without an in-process simulator');
  return { agent, ksr, contiv: agent.plugin(BenchContivPlugin), policy: agent.plugin(PolicyPlugin), vpp, datasync, sim: sim.state, warnings };
}

/** VPP transactions recorded since `seq` (exclusive). */
export function txnsSince(vpp: VppPlugin, seq: number): readonly TxnRecord[] {
  return vpp.reconciler().history().filter((r) => r.seq > seq);
}

/** Sequence number of the last VPP transaction (0 = none). */
export function lastTxnSeq(vpp: VppPlugin): number {
  return vpp.reconciler().history().at(-1)?.seq ?? 0;
}

/**
 * The policy-related VPP state of the simulator as a short comparable text: each ACL by tag with
 * a hash of its rules, each interface's ACL lists by tag, a hash of the session rules. Hashes
 * instead of JSON, so taking it leaves little garbage for the measured steps to collect.
 */
export function policyFingerprint(sim: SimState): string {
  const ifName = (sw: number): string => {
    const i = sim.interfaces.get(sw);
    return i ? i.tag || i.name : `#${sw}`;
  };
  const tag = (acl: number): string => sim.acls.get(acl)?.tag ?? `#${acl}`;
  const acls = [...sim.acls.values()].map((a) => {
    let h = hashInit();
    for (const r of a.rules) {
      h = hashWords(h, r.isPermit, r.src, r.srcLen, r.dst, r.dstLen, r.proto, r.srcPortFirst, r.srcPortLast, r.dstPortFirst, r.dstPortLast);
    }
    return `${a.tag}:${a.rules.length}:${h}`;
  }).sort();
  const lists = [...sim.interfaceAcls.entries()].map(([sw, l]) => `${ifName(sw)}: in ${l.input.map(tag).join(',')} out ${l.output.map(tag).join(',')}`).sort();
  const rules = sim.session.rules.map((r) =>
    hashWords(hashInit(), r.transportProto, r.lcl, r.lclLen, r.rmt, r.rmtLen, r.lclPort, r.rmtPort, r.actionIndex, r.appnsIndex, r.scope)).sort((a, b) => a - b);
  let rh = hashInit();
  for (const x of rules) rh = hashWords(rh, x);
  return `${acls.join(' ')}|${lists.join(' ')}|${rules.length}:${rh}`;
}

const hashInit = (): number => 0x811c9dc5;

function hashWords(h: number, ...words: number[]): number {
  for (const w of words) h = Math.imul(h ^ (w >>> 0), 16777619) >>> 0;
  return h;
}
