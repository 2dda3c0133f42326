/**
 * @module A simulated cluster for the contiv end-to-end tests: one agent per node (contiv, ksr,
 * datasync and the vpp plugin over its own VppSimulator) on one shared memory store, the nodes'
 * NICs joined by a simulated underlay, and the packet tracer on top.
 */
import { ManualClock } from '../../core/clock.ts';
import { DatasyncPlugin } from '../../core/datasync/datasync-plugin.ts';
import type { KeyValueStore } from '../../core/kv/key-value-store.ts';
import { TestAgent, type StartedTestAgent } from '../../core/testing/test-agent.ts';
import { DATASYNC, KV_STORE } from '../../core/tokens.ts';
import { ContivPlugin } from '../../plugins/contiv/contiv-plugin.ts';
import { HOST_INTERCONNECT_TAP } from '../../plugins/contiv/vswitch/vswitch-names.ts';
import { KsrPlugin } from '../../plugins/ksr/ksr-plugin.ts';
import { parseCidr, parseIp4 } from '../../plugins/net/ipv4.ts';
import { probe, type ProbeResult } from '../../plugins/vpp/sim/tracer/probe.ts';
import { seededRandom } from '../../plugins/vpp/sim/tracer/random.ts';
import { SimWorld } from '../../plugins/vpp/sim/tracer/world.ts';
import { Underlay, type UnderlayNode } from '../../plugins/vpp/sim/underlay.ts';
import { VppSimulator } from '../../plugins/vpp/sim/vpp-simulator.ts';
import { VppPlugin } from '../../plugins/vpp/vpp-plugin.ts';
import { VPP_SIMULATOR } from '../../plugins/vpp/tokens.ts';
import { startSocketVpp } from '../fakes/vpp-socket-harness.ts';

/** The main NIC every simulated node has. */
export const NIC = 'GigabitEthernet0/8/0';
/** The underlay's gateway router. */
export const GATEWAY = '192.168.16.254';

/** One node: its agent and its simulated VPP. */
export interface ClusterNode {
  readonly name: string;
  readonly sim: VppSimulator;
  readonly agent: StartedTestAgent;
  readonly contiv: ContivPlugin;
}

/**
 * The VPP transport of the e2e suites: `sim` (in-process, default) or `socket` (each node's
 * simulator served on a unix socket, the agent on the socket adapter): `CONTIV_E2E_VPP=socket`.
 */
export const E2E_VPP_TRANSPORT = globalThis.process?.env['CONTIV_E2E_VPP'] === 'socket' ? 'socket' : 'sim';

/** Starts node `name`'s agent over `store` with a (possibly reused) simulator. */
export async function startNode(store: KeyValueStore, name: string, clock: ManualClock, contiv: Record<string, unknown> = {}, sim?: VppSimulator): Promise<ClusterNode> {
  const vpp = sim ?? new VppSimulator({ node: name, nics: [{ name: NIC }], clock });
  const served = E2E_VPP_TRANSPORT === 'socket' ? await startSocketVpp({ sim: vpp }) : undefined;
  const transport = served ? { adapter: 'socket', socket: { path: served.path, apiDir: 'shipped', startupWaitMs: 0, reconnect: { initialDelayMs: 20, maxDelayMs: 200 } } } : {};
  const agent = await TestAgent.for(ContivPlugin, KsrPlugin, DatasyncPlugin, VppPlugin)
    .override(KV_STORE).useValue(store)
    .override(VPP_SIMULATOR).useValue(vpp)
    .config(contiv)
    .config('vpp', { retry: { maxRetries: 0 }, ...transport })
    .agentConfig({ agent: { label: name } })
    .start();
  // In socket mode the node's VPP socket goes away with its agent.
  const closing = served ? { ...agent, close: async () => { await agent.close(); await served.close(); } } : agent;
  return { name, sim: vpp, agent: closing, contiv: agent.plugin(ContivPlugin) };
}

/** Lets every queued event (store changes, VPP events) of every node run. */
export async function settle(nodes: readonly ClusterNode[]): Promise<void> {
  for (let round = 0; round < 4; round++) {
    for (const n of nodes) {
      await new Promise((r) => setTimeout(r, 0));
      await n.agent.get(DATASYNC).push('test-settle', 'settle', () => undefined);
    }
  }
}

/** CNI ADD of pod `ns/name` in container `cid` on `node`; returns the pod IP. */
export async function addPod(node: ClusterNode, cid: string, ns: string, name: string): Promise<string> {
  const res = await node.agent.fetch('/cni/add', {
    method: 'POST',
    body: JSON.stringify({ containerId: cid, netns: `/var/run/netns/${cid}`, ifName: 'eth0', args: `K8S_POD_NAMESPACE=${ns};K8S_POD_NAME=${name}` }),
  });
  const body = (await res.json()) as { ips?: { address: string }[]; msg?: string };
  if (res.status !== 200) throw new Error(`CNI ADD ${ns}/${name} on ${node.name}: ${body.msg}`);
  return body.ips![0]!.address.split('/')[0]!;
}

/** The VPP interface carrying our tag `tag`. */
export function taggedInterface(sim: VppSimulator, tag: string) {
  return [...sim.state.interfaces.values()].find((i) => i.tag === tag);
}

/** The underlay of the running nodes and a tracer world over it. */
export function world(nodes: readonly ClusterNode[], clock: ManualClock): SimWorld {
  const underlay = new Underlay({
    segments: [{ name: 'nodes', prefix: parseCidr('192.168.16.0/24'), gateway: parseIp4(GATEWAY) }],
    nodes: nodes.map((n): UnderlayNode => {
      const host = taggedInterface(n.sim, HOST_INTERCONNECT_TAP);
      return { name: n.name, state: n.sim.state, nics: [{ interface: NIC, segment: 'nodes' }], ...(host ? { hostInterconnect: host.name } : {}) };
    }),
    internalPrefixes: ['10.1.0.0/16', '172.30.0.0/16', '192.168.30.0/24', '10.96.0.0/12'].map(parseCidr),
  });
  return new SimWorld({ underlay, clock, random: seededRandom(7) });
}

/** A TCP probe from a pod to an address. */
export function podProbe(w: SimWorld, node: string, from: string, to: string, port = 80): ProbeResult {
  return probe(w, { from: { kind: 'pod', node, ip: parseIp4(from) }, to: parseIp4(to), protocol: 'TCP', dstPort: port });
}

/** Warnings and errors a node's agent logged (`logger: message`). */
export function warnings(node: ClusterNode): string[] {
  return node.agent.logs.records.filter((r) => r.level === 'warn' || r.level === 'error').map((r) => `${node.name} ${r.logger}: ${r.msg}`);
}

/** The operations of the reconciler's transactions (`GET /vpp/txns`) from the one numbered `fromSeq` on. */
export async function vppOps(node: ClusterNode, fromSeq = 0): Promise<{ seq: number; isResync: boolean; executed: { key: string; op: string }[] }[]> {
  const txns = (await (await node.agent.fetch('/vpp/txns')).json()) as { seq: number; isResync: boolean; executed: { key: string; op: string }[] }[];
  return txns.filter((t) => t.seq >= fromSeq);
}
