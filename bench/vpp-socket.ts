/**
 * @module Benchmark (not a test): the VPP API socket against the in-process simulator.
 * 1. Transport: sequential requests/s, pipelined requests/s (64 in flight), and dump details/s
 *    (100 ACLs of 10 rules), through the same channel over the `sim` and the `socket` adapter
 *    (the simulator served on a unix socket with the shipped VPP 22.10 definitions).
 * 2. Recovery: two agents over sockets, node1 with `pods` pods; node1's VPP is restarted empty;
 *    how long until the agent is ready again, and how many VPP calls the resync made.
 *
 * Run: `npx deno run -P --quiet bench/vpp-socket.ts [requests] [pods]` — prints one JSON line.
 */
import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatasyncPlugin } from '../core/datasync/datasync-plugin.ts';
import { MemoryStore } from '../core/kv/memory-store.ts';
import { TestAgent, type StartedTestAgent } from '../core/testing/test-agent.ts';
import { KV_STORE } from '../core/tokens.ts';
import { ContivPlugin } from '../plugins/contiv/contiv-plugin.ts';
import { KsrPlugin } from '../plugins/ksr/ksr-plugin.ts';
import type { Adapter } from '../plugins/vpp/adapters/adapter.ts';
import { SimAdapter } from '../plugins/vpp/adapters/sim-adapter.ts';
import { AdapterChannel } from '../plugins/vpp/channel.ts';
import { AclAction } from '../plugins/vpp/messages/acl.ts';
import { newRequest } from '../plugins/vpp/messages/new-request.ts';
import { ip4Prefix } from '../plugins/vpp/messages/vpp-types.ts';
import { VppSocketServer } from '../plugins/vpp/sim/socket-server.ts';
import { VppSimulator } from '../plugins/vpp/sim/vpp-simulator.ts';
import { loadApiDefinitions, SHIPPED_API_DIR } from '../plugins/vpp/socket/api-definitions-loader.ts';
import { SocketAdapter } from '../plugins/vpp/socket/socket-adapter.ts';
import { VppPlugin } from '../plugins/vpp/vpp-plugin.ts';

const args = (globalThis as { Deno?: { args: string[] } }).Deno?.args ?? globalThis.process?.argv.slice(2) ?? [];
const REQUESTS = Number(args[0] ?? 5000);
const PODS = Number(args[1] ?? 50);
const defs = await loadApiDefinitions(SHIPPED_API_DIR);
const dir = await mkdtemp(join(tmpdir(), 'vpp-bench-'));
const newSim = (node: string) => new VppSimulator({ node, nics: [{ name: 'GigabitEthernet0/8/0' }] });

async function transport(kind: 'sim' | 'socket'): Promise<Record<string, number>> {
  const sim = newSim('bench');
  let server: VppSocketServer | undefined;
  let adapter: Adapter;
  if (kind === 'socket') {
    server = new VppSocketServer(sim, { definitions: defs });
    await server.start(join(dir, 'transport.sock'));
    adapter = new SocketAdapter({ path: join(dir, 'transport.sock'), definitions: defs, reconnect: false });
  } else adapter = new SimAdapter(sim);
  const ch = new AdapterChannel(adapter, { timeoutMs: 60_000 });
  await adapter.connect();
  const rule = { is_permit: AclAction.ACL_ACTION_API_PERMIT, src_prefix: ip4Prefix('10.1.0.0', 16), dst_prefix: ip4Prefix(0, 0), proto: 6, srcport_or_icmptype_first: 0, srcport_or_icmptype_last: 65535, dstport_or_icmpcode_first: 80, dstport_or_icmpcode_last: 80, tcp_flags_mask: 0, tcp_flags_value: 0 };
  for (let i = 0; i < 100; i++) await ch.request(newRequest('acl_add_replace', { tag: `acl-${i}`, r: Array.from({ length: 10 }, () => rule) }));

  let t = performance.now();
  for (let i = 0; i < REQUESTS; i++) await ch.request({ _msgname: 'show_version' });
  const sequential = REQUESTS / ((performance.now() - t) / 1000);

  t = performance.now();
  const window: Promise<unknown>[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    window.push(ch.request(newRequest('sw_interface_get_table', { sw_if_index: 1 })));
    if (window.length === 64) await Promise.all(window.splice(0));
  }
  await Promise.all(window);
  const pipelined = REQUESTS / ((performance.now() - t) / 1000);

  const dumps = Math.max(1, Math.round(REQUESTS / 100));
  t = performance.now();
  let details = 0;
  for (let i = 0; i < dumps; i++) details += (await ch.dump(newRequest('acl_dump'))).length;
  const detailsPerSecond = details / ((performance.now() - t) / 1000);

  await adapter.disconnect();
  await server?.stop();
  return { sequentialRequestsPerSecond: Math.round(sequential), pipelinedRequestsPerSecond: Math.round(pipelined), dumpDetailsPerSecond: Math.round(detailsPerSecond) };
}

async function node(store: MemoryStore, name: string): Promise<{ agent: StartedTestAgent; server: VppSocketServer; path: string }> {
  const path = join(dir, `${name}.sock`);
  const server = new VppSocketServer(newSim(name), { definitions: defs });
  await server.start(path);
  const agent = await TestAgent.for(ContivPlugin, KsrPlugin, DatasyncPlugin, VppPlugin)
    .override(KV_STORE).useValue(store)
    .config('vpp', { adapter: 'socket', socket: { path, apiDir: 'shipped', startupWaitMs: 0, reconnect: { initialDelayMs: 20, maxDelayMs: 200 } } })
    .agentConfig({ agent: { label: name } })
    .start();
  return { agent, server, path };
}

async function vppStatus(agent: StartedTestAgent): Promise<{ state: string; details?: { vppConnection?: { lastResyncCalls: number; lastAttempts: number } } }> {
  const body = (await (await agent.fetch('/status')).json()) as { plugins: Record<string, unknown> };
  return body.plugins['vpp'] as never;
}

async function recovery(): Promise<Record<string, number>> {
  const store = await MemoryStore.open();
  const n1 = await node(store, 'node1');
  const n2 = await node(store, 'node2');
  for (let i = 0; i < PODS; i++) {
    const res = await n1.agent.fetch('/cni/add', { method: 'POST', body: JSON.stringify({ containerId: `c${i}`, netns: `/var/run/netns/c${i}`, ifName: 'eth0', args: `K8S_POD_NAMESPACE=default;K8S_POD_NAME=p${i}` }) });
    if (res.status !== 200) throw new Error(`CNI ADD p${i}: ${await res.text()}`);
  }
  const interfaces = n1.server.simulator.state.interfaces.size;
  await n1.server.stop();
  while ((await vppStatus(n1.agent)).state !== 'error') await new Promise((r) => setTimeout(r, 1));
  n1.server.replaceSimulator(newSim('node1'));
  const t = performance.now();
  await n1.server.start(n1.path);
  let s = await vppStatus(n1.agent);
  while (s.details?.vppConnection === undefined) {
    await new Promise((r) => setTimeout(r, 1));
    s = await vppStatus(n1.agent);
  }
  const ms = performance.now() - t;
  const restored = n1.server.simulator.state.interfaces.size;
  const result = { pods: PODS, interfacesBefore: interfaces, interfacesAfter: restored, recoverMs: Math.round(ms), resyncCalls: s.details.vppConnection.lastResyncCalls, reconnectAttempts: s.details.vppConnection.lastAttempts };
  for (const n of [n1, n2]) {
    await n.agent.close();
    await n.server.stop();
  }
  return result;
}

const sim = await transport('sim');
const socket = await transport('socket');
const restart = await recovery();
await rm(dir, { recursive: true, force: true });
console.log(JSON.stringify({ bench: 'vpp-socket', requests: REQUESTS, sim, socket, restart }));
