import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/clock.ts';
import { DatasyncPlugin } from '../../core/datasync/datasync-plugin.ts';
import type { KeyValueStore } from '../../core/kv/key-value-store.ts';
import { MemoryStore } from '../../core/kv/memory-store.ts';
import { TestAgent } from '../../core/testing/test-agent.ts';
import { KV_STORE } from '../../core/tokens.ts';
import { ContivPlugin } from '../../plugins/contiv/contiv-plugin.ts';
import { KsrPlugin } from '../../plugins/ksr/ksr-plugin.ts';
import { VppPlugin } from '../../plugins/vpp/vpp-plugin.ts';
import type { VppSimulator } from '../../plugins/vpp/sim/vpp-simulator.ts';
import { simFingerprint } from '../fakes/sim-fingerprint.ts';
import { harnessSimulator, startSocketVpp, type SocketVpp } from '../fakes/vpp-socket-harness.ts';
import { addPod, podProbe, settle, vppOps, warnings, world, type ClusterNode } from './contiv-cluster.ts';

/** A node whose agent talks to its simulated VPP over the API socket. */
interface SocketNode extends ClusterNode {
  readonly vpp: SocketVpp;
}

let running: SocketNode[] = [];
afterEach(async () => {
  for (const n of running) await n.agent.close();
  for (const n of running) await n.vpp.close();
  running = [];
});

async function startSocketNode(store: KeyValueStore, name: string): Promise<SocketNode> {
  const vpp = await startSocketVpp({ sim: harnessSimulator(name) });
  const agent = await TestAgent.for(ContivPlugin, KsrPlugin, DatasyncPlugin, VppPlugin)
    .override(KV_STORE).useValue(store)
    .config('vpp', { adapter: 'socket', socket: { path: vpp.path, apiDir: 'shipped', startupWaitMs: 0, reconnect: { initialDelayMs: 20, maxDelayMs: 200 } }, retry: { maxRetries: 0 } })
    .agentConfig({ agent: { label: name } })
    .start();
  return {
    name,
    vpp,
    agent,
    contiv: agent.plugin(ContivPlugin),
    get sim(): VppSimulator {
      return vpp.server.simulator;
    },
  };
}

async function vppStatus(n: SocketNode): Promise<{ state: string; details?: { vppConnection?: { lastResyncCalls: number; lastAttempts: number } } }> {
  const body = (await (await n.agent.fetch('/status')).json()) as { plugins: Record<string, { state: string; details?: Record<string, unknown> }> };
  return body.plugins['vpp'] as never;
}

async function until(cond: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`gave up waiting for ${what}`);
}

async function twoNodesWithPods(): Promise<{ clock: ManualClock; ips: string[] }> {
  const store = await MemoryStore.open();
  const clock = new ManualClock(0);
  running = [await startSocketNode(store, 'node1'), await startSocketNode(store, 'node2')];
  await settle(running);
  const ips = [await addPod(running[0]!, 'ca', 'default', 'a'), await addPod(running[0]!, 'cb', 'default', 'b'), await addPod(running[1]!, 'cc', 'default', 'c')];
  await settle(running);
  return { clock, ips };
}

describe('vpp plugin over the API socket', () => {
  it('wires pods across two nodes whose agents talk to VPP over the socket', async () => {
    const { clock, ips } = await twoNodesWithPods();
    expect(ips).toEqual(['10.1.1.2', '10.1.1.3', '10.1.2.2']);
    expect(podProbe(world(running, clock), 'node1', ips[0]!, ips[2]!)).toMatchObject({ allowed: true, deliveredTo: { kind: 'pod', node: 'node2' } });
    expect(running.flatMap((n) => warnings(n))).toEqual([]);
  });

  it('a VPP restarted empty: the agent is not ready while it is away, reconnects and restores the complete configuration', async () => {
    const { clock, ips } = await twoNodesWithPods();
    const n1 = running[0]!;
    const before = simFingerprint(n1.sim.state);
    expect((before['interfaces'] as unknown[]).length).toBeGreaterThan(4);

    await n1.vpp.server.stop();
    await until(async () => (await vppStatus(n1)).state === 'error', 'the agent to notice');
    const fresh = harnessSimulator('node1');
    n1.vpp.server.replaceSimulator(fresh);
    await n1.vpp.server.start(n1.vpp.path);
    await until(async () => (await vppStatus(n1)).details?.vppConnection !== undefined, 'the resync after reconnect');
    await settle(running);

    const status = await vppStatus(n1);
    expect(status.state).toBe('ok');
    expect(status.details?.vppConnection?.lastResyncCalls).toBeGreaterThan(0);
    expect(simFingerprint(fresh.state)).toEqual(before);
    expect(podProbe(world(running, clock), 'node2', ips[2]!, ips[1]!)).toMatchObject({ allowed: true, deliveredTo: { kind: 'pod', node: 'node1' } });
    expect(n1.agent.logs.records.filter((r) => r.level === 'warn').map((r) => r.msg)).toContain('VPP went away; agent not ready until it is back');
  });

  it('a VPP restarted with its state kept: the reconnect resync changes nothing', async () => {
    await twoNodesWithPods();
    const n1 = running[0]!;
    const before = simFingerprint(n1.sim.state);
    const lastSeq = Math.max(...(await vppOps(n1)).map((t) => t.seq));

    await n1.vpp.server.stop();
    await until(async () => (await vppStatus(n1)).state === 'error', 'the agent to notice');
    await n1.vpp.server.start(n1.vpp.path);
    await until(async () => (await vppStatus(n1)).details?.vppConnection !== undefined, 'the resync after reconnect');

    const after = (await vppOps(n1, lastSeq + 1)).filter((t) => t.isResync);
    expect(after).toHaveLength(1);
    expect(after[0]!.executed).toEqual([]);
    expect(simFingerprint(n1.sim.state)).toEqual(before);
  });
});
