import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/clock.ts';
import { MemoryStore } from '../../core/kv/memory-store.ts';
import { podNames } from '../../plugins/contiv/pod/pod-names.ts';
import { parseIp4 } from '../../plugins/net/ipv4.ts';
import { probe } from '../../plugins/vpp/sim/tracer/probe.ts';
import { addPod, podProbe, settle, startNode, taggedInterface, warnings, world, type ClusterNode } from './contiv-cluster.ts';

let running: ClusterNode[] = [];
afterEach(async () => {
  const problems = running.flatMap((n) => warnings(n));
  for (const n of running) await n.agent.close();
  expect(problems).toEqual([]);
  running = [];
});

async function cluster(size: number, contiv: Record<string, unknown> = {}) {
  const store = await MemoryStore.open();
  const clock = new ManualClock(0);
  for (let i = 1; i <= size; i++) running.push(await startNode(store, `node${i}`, clock, contiv));
  await settle(running);
  return { store, clock };
}

describe('contiv cluster (simulated)', () => {
  it('two nodes: pods reach each other within and across nodes over VXLAN', async () => {
    const { clock } = await cluster(2);
    const [n1, n2] = running as [ClusterNode, ClusterNode];
    const a = await addPod(n1, 'ca', 'default', 'a');
    const b = await addPod(n1, 'cb', 'default', 'b');
    const c = await addPod(n2, 'cc', 'default', 'c');
    expect([a, b, c]).toEqual(['10.1.1.2', '10.1.1.3', '10.1.2.2']);
    await settle(running);
    const w = world(running, clock);
    expect(podProbe(w, 'node1', a, b)).toMatchObject({ allowed: true, deliveredTo: { kind: 'pod', node: 'node1', ip: expect.any(Number) } });
    const cross = podProbe(w, 'node1', a, c);
    expect(cross).toMatchObject({ allowed: true, deliveredTo: { kind: 'pod', node: 'node2' } });
    expect(cross.forward.steps.map((s) => s.step)).toContain('vxlan-decap');
    expect(podProbe(w, 'node2', c, b)).toMatchObject({ allowed: true, deliveredTo: { kind: 'pod', node: 'node1' } });
    expect(taggedInterface(n1.sim, podNames('ca').tap)?.tap?.hostIp4).toEqual({ ip: 0x0a010102, len: 32 });
  });

  it('three nodes: every pod reaches every other; deleting a node removes its tunnel on the others', async () => {
    const { clock } = await cluster(3);
    const ips = await Promise.all(running.map((n, i) => addPod(n, `c${i + 1}`, 'default', `p${i + 1}`)));
    expect(ips).toEqual(['10.1.1.2', '10.1.2.2', '10.1.3.2']);
    await settle(running);
    const w = world(running, clock);
    for (const [i, from] of running.entries()) {
      for (const [j] of running.entries()) {
        if (i === j) continue;
        expect(podProbe(w, from.name, ips[i]!, ips[j]!), `${from.name} -> ${ips[j]}`).toMatchObject({ allowed: true });
      }
    }
    for (const n of running.slice(0, 2)) expect(taggedInterface(n.sim, 'vxlan3')).toBeDefined();

    const gone = running[2]!;
    await gone.agent.close();
    running = running.slice(0, 2);
    await settle(running);
    for (const n of running) {
      expect(taggedInterface(n.sim, 'vxlan3')).toBeUndefined();
      expect(n.contiv.remoteNodes().map((r) => r.name)).toEqual([n.name === 'node1' ? 'node2' : 'node1']);
      expect(n.sim.state.routes.some((r) => r.prefix === 0x0a010300)).toBe(false);
    }
    const w2 = world(running, clock);
    expect(podProbe(w2, 'node1', ips[0]!, ips[1]!)).toMatchObject({ allowed: true });
    expect(podProbe(w2, 'node1', ips[0]!, ips[2]!).allowed).toBe(false);
  });

  it('the host interconnect: hosts reach pods, pods reach their own and the other node\'s host', async () => {
    const { clock } = await cluster(2);
    const a = await addPod(running[0]!, 'ca', 'default', 'a');
    const c = await addPod(running[1]!, 'cc', 'default', 'c');
    await settle(running);
    const w = world(running, clock);
    const host = (node: string, to: string) => probe(w, { from: { kind: 'host', node }, to: parseIp4(to), protocol: 'TCP', dstPort: 22 });
    expect(host('node1', a)).toMatchObject({ allowed: true, deliveredTo: { kind: 'pod', node: 'node1' } });
    expect(host('node1', c)).toMatchObject({ allowed: true, deliveredTo: { kind: 'pod', node: 'node2' } });
    expect(podProbe(w, 'node1', a, '172.30.1.2', 22)).toMatchObject({ allowed: true, deliveredTo: { kind: 'host', node: 'node1' } });
    expect(podProbe(w, 'node1', a, '172.30.2.2', 22)).toMatchObject({ allowed: true, deliveredTo: { kind: 'host', node: 'node2' } });
  });

  it('L2 mode: pods reach each other across nodes without tunnels', async () => {
    const { clock } = await cluster(2, { l2Interconnect: true });
    const a = await addPod(running[0]!, 'ca', 'default', 'a');
    const c = await addPod(running[1]!, 'cc', 'default', 'c');
    await settle(running);
    for (const n of running) expect([...n.sim.state.interfaces.values()].some((i) => i.type === 'vxlan')).toBe(false);
    const r = podProbe(world(running, clock), 'node1', a, c);
    expect(r).toMatchObject({ allowed: true, deliveredTo: { kind: 'pod', node: 'node2' } });
  });

  it('a pod deleted by CNI DEL is no longer reachable and its tap is gone', async () => {
    const { clock } = await cluster(2);
    const a = await addPod(running[0]!, 'ca', 'default', 'a');
    const c = await addPod(running[1]!, 'cc', 'default', 'c');
    await running[1]!.agent.fetch('/cni/del', { method: 'POST', body: JSON.stringify({ containerId: 'cc', ifName: 'eth0' }) });
    await settle(running);
    expect(taggedInterface(running[1]!.sim, podNames('cc').tap)).toBeUndefined();
    expect(podProbe(world(running, clock), 'node1', a, c).allowed).toBe(false);
  });
});
