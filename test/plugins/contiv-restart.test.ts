import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../core/kv/memory-store.ts';
import { encodeNodeInfo, nodeInfoKey } from '../../plugins/contiv/node-id/node-info.ts';
import { podNames } from '../../plugins/contiv/pod/pod-names.ts';
import { encodePodRecord, podRecordKey } from '../../plugins/contiv/pod/pod-record.ts';
import { cniBody, startContiv, type ContivTestAgent } from './contiv-fakes.ts';

let agents: ContivTestAgent[] = [];
afterEach(async () => {
  for (const a of agents) await a.t.close();
  agents = [];
});

async function start(store: MemoryStore, config: Record<string, unknown> = {}): Promise<ContivTestAgent> {
  const a = await startContiv(store, 'n1', config);
  agents.push(a);
  return a;
}

async function stop(a: ContivTestAgent): Promise<void> {
  await a.t.close();
  agents = agents.filter((x) => x !== a);
}

describe('ContivPlugin restart', () => {
  it('a restarted agent keeps its node ID, its pods and their IPs, and states the same VPP config', async () => {
    const store = await MemoryStore.open();
    await store.put(nodeInfoKey(2), encodeNodeInfo({ id: 2, name: 'n2', ipAddress: '192.168.16.2/24' }));
    const first = await start(store);
    await first.post('/cni/add', cniBody('c1', 'default', 'a'));
    await first.post('/cni/add', cniBody('c2', 'default', 'b'));
    await first.post('/cni/add', cniBody('c3', 'other', 'c'));
    await first.post('/cni/del', { containerId: 'c2', ifName: 'eth0' });
    const before = new Map(first.vpp.state);
    const pods = first.contiv.localPods();
    await stop(first);

    const second = await start(store);
    expect(second.contiv.nodeId()).toBe(1);
    expect(second.contiv.localPods()).toEqual(pods);
    expect(new Map(second.vpp.state)).toEqual(before);
    const again = await second.post('/cni/add', cniBody('c3', 'other', 'c'));
    expect(again.json).toMatchObject({ ips: [{ address: '10.1.1.4/32' }] });
    expect(second.vpp.take().filter((op) => !op.startsWith('put '))).toEqual([]);
    const reuse = await second.post('/cni/add', cniBody('c4', 'default', 'd'));
    expect(reuse.json).toMatchObject({ ips: [{ address: '10.1.1.3/32' }] });
    const next = await second.post('/cni/add', cniBody('c5', 'default', 'e'));
    expect(next.json).toMatchObject({ ips: [{ address: '10.1.1.5/32' }] });
  });

  it('a pod deleted while the agent was down is not stated again (the reconciler removes it)', async () => {
    const store = await MemoryStore.open();
    const first = await start(store);
    await first.post('/cni/add', cniBody('c1', 'default', 'a'));
    await first.post('/cni/add', cniBody('c2', 'default', 'b'));
    await stop(first);
    await store.delete(podRecordKey('n1', { namespace: 'default', name: 'a' }));
    const second = await start(store);
    const puts = second.vpp.take().filter((op) => op.includes(podNames('c1').tap) || op.includes(podNames('c2').tap));
    expect(puts).toEqual([
      `put vpp/arp/${podNames('c2').tap}/10.1.1.3`, `put vpp/interface/${podNames('c2').tap}`, `put vpp/route/0/10.1.1.3/32/-/${podNames('c2').tap}`,
    ]);
    expect(second.contiv.localPods().map((p) => p.id.name)).toEqual(['b']);
  });

  it('drops and deletes records whose IP no longer fits the pod subnet, keeping the others', async () => {
    const store = await MemoryStore.open();
    const bad = { id: { namespace: 'default', name: 'far' }, containerId: 'cf', netns: '/n', ifName: 'eth0', ip: '10.9.9.9' };
    const good = { id: { namespace: 'default', name: 'near' }, containerId: 'cn', netns: '/n', ifName: 'eth0', ip: '10.1.1.7' };
    await store.put(podRecordKey('n1', bad.id), encodePodRecord(bad));
    await store.put(podRecordKey('n1', good.id), encodePodRecord(good));
    await store.put('/vnf-agent/n1/contiv/pod/default/broken', '{');
    const a = await start(store);
    expect(a.contiv.localPods().map((p) => `${p.id.name}=${p.ip}`)).toEqual(['near=10.1.1.7']);
    expect(await store.get(podRecordKey('n1', bad.id))).toBeUndefined();
    expect(a.t.agent.status().plugins.contiv?.details?.problems).toEqual([
      { key: '/vnf-agent/n1/contiv/pod/default/broken', error: expect.objectContaining({ code: 'BAD_INPUT' }) },
      { key: '/vnf-agent/n1/contiv/pod/default/far', error: expect.objectContaining({ message: 'pod record default/far ip: 10.9.9.9 is outside the pod subnet 10.1.1.0/24' }) },
    ]);
  });

  it('releases its node ID on a clean shutdown unless told to keep it', async () => {
    const store = await MemoryStore.open();
    await stop(await start(store));
    expect(await store.get(nodeInfoKey(1))).toBeUndefined();
    await stop(await start(store, { releaseNodeIdOnShutdown: false }));
    expect(await store.get(nodeInfoKey(1))).toBeDefined();
  });

  it('a resync on demand changes nothing when nothing changed', async () => {
    const store = await MemoryStore.open();
    const a = await start(store);
    await a.post('/cni/add', cniBody('c1', 'default', 'a'));
    const before = new Map(a.vpp.state);
    a.vpp.take();
    await a.datasync.resync('request');
    expect(new Map(a.vpp.state)).toEqual(before);
    expect(a.vpp.take().every((op) => op.startsWith('put '))).toBe(true);
  });
});
