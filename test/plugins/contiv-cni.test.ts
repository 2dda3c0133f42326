import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../core/kv/memory-store.ts';
import type { LocalPodChange } from '../../plugins/contiv/api.ts';
import { podNames } from '../../plugins/contiv/pod/pod-names.ts';
import { cniBody, startContiv, type ContivTestAgent } from './contiv-fakes.ts';

let agent: ContivTestAgent | undefined;
afterEach(async () => {
  await agent?.t.close();
  agent = undefined;
});

async function start(config: Record<string, unknown> = {}): Promise<ContivTestAgent> {
  agent = await startContiv(await MemoryStore.open(), 'n1', config);
  agent.vpp.take();
  return agent;
}

function podKeys(cid: string, ip: string): string[] {
  const tap = podNames(cid).tap;
  return [`vpp/arp/${tap}/${ip}`, `vpp/interface/${tap}`, `vpp/route/0/${ip}/32/-/${tap}`];
}

describe('ContivPlugin CNI', () => {
  it('POST /cni/add wires a pod: CNI result, VPP tap/route/neighbour, record, LocalPod and listener', async () => {
    const a = await start();
    const changes: LocalPodChange[] = [];
    a.contiv.onLocalPodChange((c) => changes.push(c));
    const res = await a.post('/cni/add', cniBody('c1', 'default', 'web-1'));
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      cniVersion: '1.0.0',
      interfaces: [{ name: 'eth0', mac: podNames('c1').podMac, sandbox: '/var/run/netns/c1' }],
      ips: [{ address: '10.1.1.2/32', gateway: '10.1.1.1', interface: 0 }],
      routes: [{ dst: '0.0.0.0/0', gw: '10.1.1.1' }],
      dns: {},
    });
    expect(a.vpp.take()).toEqual(podKeys('c1', '10.1.1.2').map((k) => `put ${k}`));
    const pod = { id: { namespace: 'default', name: 'web-1' }, ip: '10.1.1.2', interface: podNames('c1').tap, containerId: 'c1' };
    expect(a.contiv.localPods()).toEqual([pod]);
    expect(a.contiv.localPod({ namespace: 'default', name: 'web-1' })).toEqual(pod);
    expect(changes).toEqual([{ type: 'added', pod }]);
  });

  it('POST /cni/add repeated for the same container returns the same result and changes nothing', async () => {
    const a = await start();
    const first = await a.post('/cni/add', cniBody('c1', 'default', 'web-1'));
    a.vpp.take();
    let calls = 0;
    a.contiv.onLocalPodChange(() => calls++);
    const again = await a.post('/cni/add', cniBody('c1', 'default', 'web-1'));
    expect(again).toEqual(first);
    expect(a.vpp.take()).toEqual([]);
    expect(calls).toBe(0);
  });

  it('POST /cni/del unwires the pod and its IP is given to the next pod', async () => {
    const a = await start();
    await a.post('/cni/add', cniBody('c1', 'default', 'a'));
    await a.post('/cni/add', cniBody('c2', 'default', 'b'));
    a.vpp.take();
    const changes: string[] = [];
    a.contiv.onLocalPodChange((c) => changes.push(`${c.type} ${c.pod.id.name} ${c.pod.ip}`));
    expect(await a.post('/cni/del', { containerId: 'c1', ifName: 'eth0', netns: '/var/run/netns/c1' })).toEqual({ status: 200, json: {} });
    expect(a.vpp.take()).toEqual(podKeys('c1', '10.1.1.2').map((k) => `delete ${k}`));
    expect(a.contiv.localPods().map((p) => p.id.name)).toEqual(['b']);
    const c = await a.post('/cni/add', cniBody('c3', 'default', 'c'));
    expect(c.json).toMatchObject({ ips: [{ address: '10.1.1.2/32' }] });
    expect(changes).toEqual(['removed a 10.1.1.2', 'added c 10.1.1.2']);
  });

  it('POST /cni/del of an unknown container succeeds without changes', async () => {
    const a = await start();
    expect(await a.post('/cni/del', { containerId: 'nope', ifName: 'eth0' })).toEqual({ status: 200, json: {} });
    expect(a.vpp.take()).toEqual([]);
  });

  it('POST /cni/add answers CNI errors for bad requests', async () => {
    const a = await start();
    const noName = await a.post('/cni/add', cniBody('c1', 'default', 'x', { args: 'K8S_POD_NAMESPACE=default' }));
    expect(noName).toEqual({ status: 400, json: { cniVersion: '1.0.0', code: 4, msg: 'CNI ADD request args.K8S_POD_NAME: missing pod name (CNI_ARGS K8S_POD_NAME)', details: 'BAD_INPUT' } });
    const malformed = await a.post('/cni/add', '{"containerId":');
    expect(malformed.status).toBe(400);
    expect(malformed.json).toMatchObject({ code: 6, msg: expect.stringMatching(/^CNI ADD request: malformed JSON body/) });
    const relative = await a.post('/cni/add', cniBody('c1', 'default', 'x', { netns: 'proc/1/ns/net' }));
    expect(relative.json).toMatchObject({ code: 4, msg: expect.stringMatching(/netns: "proc\/1\/ns\/net" is not a network namespace path/) });
    expect(a.vpp.take()).toEqual([]);
    expect(a.contiv.localPods()).toEqual([]);
  });

  it('POST /cni/add rejects an unknown namespace path when netns checking is on', async () => {
    const a = await start({ cni: { checkNetnsExists: true } });
    const res = await a.post('/cni/add', cniBody('c1', 'default', 'x', { netns: '/var/run/netns/does-not-exist-42' }));
    expect(res).toEqual({
      status: 404,
      json: { cniVersion: '1.0.0', code: 3, msg: 'network namespace /var/run/netns/does-not-exist-42 of container c1 does not exist', details: 'NETNS_NOT_FOUND' },
    });
    const ok = await a.post('/cni/add', cniBody('c2', 'default', 'y', { netns: '/proc/self/ns/net' }));
    expect(ok.status).toBe(200);
  });

  it('POST /cni/add fails clearly when the pod subnet is exhausted', async () => {
    const a = await start({ ipam: { podNetworkPrefixLen: 30 } });
    expect((await a.post('/cni/add', cniBody('c1', 'default', 'a'))).json).toMatchObject({ ips: [{ address: '10.1.0.6/32', gateway: '10.1.0.5' }] });
    const full = await a.post('/cni/add', cniBody('c2', 'default', 'b'));
    expect(full).toEqual({ status: 500, json: { cniVersion: '1.0.0', code: 100, msg: 'no free pod IP left in 10.1.0.4/30 (all 1 addresses are allocated)', details: 'POD_IP_EXHAUSTED' } });
  });

  it('POST /cni/add for a pod re-created in a new sandbox keeps its IP and replaces the interface', async () => {
    const a = await start();
    await a.post('/cni/add', cniBody('old', 'default', 'web'));
    a.vpp.take();
    const changes: string[] = [];
    a.contiv.onLocalPodChange((c) => changes.push(`${c.type} ${c.pod.containerId}`));
    const res = await a.post('/cni/add', cniBody('new', 'default', 'web'));
    expect(res.json).toMatchObject({ ips: [{ address: '10.1.1.2/32' }] });
    expect(a.vpp.take().sort()).toEqual([...podKeys('old', '10.1.1.2').map((k) => `delete ${k}`), ...podKeys('new', '10.1.1.2').map((k) => `put ${k}`)].sort());
    expect(changes).toEqual(['removed old', 'added new']);
  });

  it('POST /cni/add of a container already wired for another pod is rejected', async () => {
    const a = await start();
    await a.post('/cni/add', cniBody('c1', 'default', 'a'));
    const res = await a.post('/cni/add', cniBody('c1', 'default', 'b'));
    expect(res.json).toMatchObject({ code: 4, msg: expect.stringContaining('container is already wired for pod default/a') });
  });

  it('POST /cni/check succeeds for a wired container and answers code 3 otherwise', async () => {
    const a = await start();
    await a.post('/cni/add', cniBody('c1', 'default', 'a'));
    expect(await a.post('/cni/check', cniBody('c1', 'default', 'a'))).toEqual({ status: 200, json: {} });
    expect((await a.post('/cni/check', cniBody('c9', 'default', 'a'))).json).toMatchObject({ code: 3 });
  });

  it('gives pods app namespaces with the TCP stack on', async () => {
    const a = await start({ tcpStack: true });
    await a.post('/cni/add', cniBody('c1', 'default', 'a'));
    await a.post('/cni/add', cniBody('c2', 'default', 'b'));
    // Named by id: VPP numbers namespaces itself, contiv guesses no index.
    expect(a.contiv.localPods().map((p) => p.appNamespace)).toEqual([podNames('c1').appNamespace, podNames('c2').appNamespace]);
    expect(a.contiv.localPods().map((p) => p.appNsIndex)).toEqual([undefined, undefined]);
    expect(a.vpp.state.get(`vpp/session/appns/${podNames('c1').appNamespace}`)).toEqual({ namespaceId: podNames('c1').appNamespace, secret: 42, interface: podNames('c1').loopback });
    expect(a.vpp.state.get('vpp/session/enable')).toEqual({ enabled: true });
  });
});
