import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/clock.ts';
import { MemoryStore } from '../../core/kv/memory-store.ts';
import { nodeInfoKey } from '../../plugins/contiv/node-id/node-info.ts';
import { podNames } from '../../plugins/contiv/pod/pod-names.ts';
import { formatIp4 } from '../../plugins/net/ipv4.ts';
import { SimDhcpServer } from '../../plugins/vpp/sim/dhcp-server.ts';
import { addPod, GATEWAY, NIC, podProbe, settle, startNode, taggedInterface, vppOps, warnings, world, type ClusterNode } from './contiv-cluster.ts';

let running: ClusterNode[] = [];
afterEach(async () => {
  const problems = running.flatMap((n) => warnings(n));
  for (const n of running) await n.agent.close();
  running = [];
  expect(problems).toEqual([]);
});

describe('contiv cluster with DHCP (simulated)', () => {
  it('a DHCP lease change moves the node IP; tunnels on both nodes and pod traffic follow', async () => {
    const store = await MemoryStore.open();
    const clock = new ManualClock(0);
    const dhcp = { ipam: { nodeInterconnectDHCP: true } };
    running = [await startNode(store, 'node1', clock, dhcp), await startNode(store, 'node2', clock, dhcp)];
    const [n1, n2] = running as [ClusterNode, ClusterNode];
    expect(n1.contiv.nodeIp()).toBeUndefined();
    const changes: string[] = [];
    n1.contiv.onNodeIpChange((ip, gw) => changes.push(`${ip} via ${gw}`));

    new SimDhcpServer(n1.sim).offer(NIC, { address: '192.168.16.11', prefixLength: 24, router: GATEWAY });
    new SimDhcpServer(n2.sim).offer(NIC, { address: '192.168.16.12', prefixLength: 24, router: GATEWAY });
    await settle(running);
    expect([n1.contiv.nodeIp(), n1.contiv.defaultGateway()]).toEqual(['192.168.16.11/24', GATEWAY]);
    expect(changes).toEqual([`192.168.16.11/24 via ${GATEWAY}`]);
    const a = await addPod(n1, 'ca', 'default', 'a');
    const c = await addPod(n2, 'cc', 'default', 'c');
    await settle(running);
    expect(podProbe(world(running, clock), 'node1', a, c)).toMatchObject({ allowed: true, deliveredTo: { kind: 'pod', node: 'node2' } });

    new SimDhcpServer(n1.sim).offer(NIC, { address: '192.168.16.21', prefixLength: 24, router: GATEWAY });
    await settle(running);
    expect(n1.contiv.nodeIp()).toBe('192.168.16.21/24');
    expect(changes.at(-1)).toBe(`192.168.16.21/24 via ${GATEWAY}`);
    expect(JSON.parse((await store.get(nodeInfoKey(1)))!.value).ip_address).toBe('192.168.16.21/24');
    expect(formatIp4(taggedInterface(n1.sim, 'vxlan2')!.vxlan!.src)).toBe('192.168.16.21');
    expect(formatIp4(taggedInterface(n2.sim, 'vxlan1')!.vxlan!.dst)).toBe('192.168.16.21');
    const w = world(running, clock);
    expect(podProbe(w, 'node1', a, c)).toMatchObject({ allowed: true });
    expect(podProbe(w, 'node2', c, a)).toMatchObject({ allowed: true, deliveredTo: { kind: 'pod', node: 'node1' } });
  });
});

describe('contiv agent restart (simulated)', () => {
  it('a restarted agent over the same store and VPP changes nothing in VPP and pods keep their IPs', async () => {
    const store = await MemoryStore.open();
    const clock = new ManualClock(0);
    running = [await startNode(store, 'node1', clock), await startNode(store, 'node2', clock)];
    await settle(running);
    const ips = [await addPod(running[0]!, 'ca', 'default', 'a'), await addPod(running[0]!, 'cb', 'default', 'b'), await addPod(running[1]!, 'cc', 'default', 'c')];
    await settle(running);
    const sim1 = running[0]!.sim;
    const tapIndex = taggedInterface(sim1, podNames('ca').tap)!.swIfIndex;

    await running[0]!.agent.close();
    running = running.slice(1);
    await settle(running);
    const again = await startNode(store, 'node1', clock, {}, sim1);
    running = [again, ...running];
    await settle(running);

    expect(again.contiv.nodeId()).toBe(1);
    expect(again.contiv.localPods().map((p) => p.ip)).toEqual(ips.slice(0, 2));
    const ops = await vppOps(again);
    const resync = ops.find((t) => t.isResync)!;
    expect(resync).toBeDefined();
    expect(resync.executed).toEqual([]);
    expect(ops.flatMap((t) => t.executed)).toEqual([]);
    expect(taggedInterface(sim1, podNames('ca').tap)!.swIfIndex).toBe(tapIndex);
    const retry = await again.agent.fetch('/cni/add', { method: 'POST', body: JSON.stringify({ containerId: 'ca', netns: '/var/run/netns/ca', ifName: 'eth0', args: 'K8S_POD_NAMESPACE=default;K8S_POD_NAME=a' }) });
    expect(await retry.json()).toMatchObject({ ips: [{ address: `${ips[0]}/32` }] });
    expect(podProbe(world(running, clock), 'node2', ips[2]!, ips[1]!)).toMatchObject({ allowed: true, deliveredTo: { kind: 'pod', node: 'node1' } });
  });

  it('a restarted agent removes the interfaces of pods deleted while it was down', async () => {
    const store = await MemoryStore.open();
    const clock = new ManualClock(0);
    running = [await startNode(store, 'node1', clock)];
    await addPod(running[0]!, 'ca', 'default', 'a');
    await addPod(running[0]!, 'cb', 'default', 'b');
    const sim = running[0]!.sim;
    await running[0]!.agent.close();
    running = [];
    await store.delete('/vnf-agent/node1/contiv/pod/default/a');
    running = [await startNode(store, 'node1', clock, {}, sim)];
    await settle(running);
    expect(taggedInterface(sim, podNames('ca').tap)).toBeUndefined();
    expect(taggedInterface(sim, podNames('cb').tap)).toBeDefined();
    const ops = (await vppOps(running[0]!)).flatMap((t) => t.executed.map((e) => `${e.op} ${e.key}`));
    expect(ops.filter((o) => !(o.startsWith('delete ') && o.includes(podNames('ca').tap)))).toEqual([]);
    expect(ops.length).toBeGreaterThan(0);
  });
});
