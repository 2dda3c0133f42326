import { afterEach, describe, expect, it } from 'vitest';
import type { KeyValueStore } from '../../core/kv/key-value-store.ts';
import { MemoryStore } from '../../core/kv/memory-store.ts';
import { encodeNodeInfo, nodeInfoKey } from '../../plugins/contiv/node-id/node-info.ts';
import { ksrKey } from '../../plugins/ksr/keys.ts';
import { startContiv, type ContivTestAgent } from './contiv-fakes.ts';

let agents: ContivTestAgent[] = [];
afterEach(async () => {
  for (const a of agents) await a.t.close();
  agents = [];
});

async function start(store: KeyValueStore, label = 'n1', config: Record<string, unknown> = {}): Promise<ContivTestAgent> {
  const a = await startContiv(store, label, config);
  agents.push(a);
  return a;
}

const node2 = (ip = '192.168.16.2/24') => encodeNodeInfo({ id: 2, name: 'n2', ipAddress: ip });
const k8sNode = (name: string, podCIDR?: string, internalIp?: string) =>
  JSON.stringify({ metadata: { name }, spec: podCIDR ? { podCIDR } : {}, status: { addresses: internalIp ? [{ type: 'InternalIP', address: internalIp }] : [] } });

const tunnelKeys = [
  'vpp/arp/vxlanBVI/192.168.30.2',
  'vpp/interface/vxlan2',
  'vpp/route/0/10.1.2.0/24/192.168.30.2/vxlanBVI',
  'vpp/route/0/172.30.2.0/24/192.168.30.2/vxlanBVI',
];

describe('ContivPlugin interconnect', () => {
  it('resync configures the node and publishes its ID entry with the IPAM node IP', async () => {
    const store = await MemoryStore.open();
    const a = await start(store);
    expect(a.contiv.nodeId()).toBe(1);
    expect([a.contiv.nodeIp(), a.contiv.podSubnet(), a.contiv.podGateway(), a.contiv.hostInterconnectHostIp()]).toEqual(['192.168.16.1/24', '10.1.1.0/24', '10.1.1.1', '172.30.1.2']);
    expect(a.vpp.take().sort()).toEqual([
      'put vpp/bd/vxlanBD', 'put vpp/interface/GigabitEthernet0/8/0', 'put vpp/interface/podGwLoop', 'put vpp/interface/tap-vpp2',
      'put vpp/interface/vxlanBVI',
    ]);
    expect(a.vpp.state.get('vpp/interface/GigabitEthernet0/8/0')).toMatchObject({ ipAddresses: ['192.168.16.1/24'] });
    expect(JSON.parse((await store.get(nodeInfoKey(1)))!.value)).toEqual({ id: 1, name: 'n1', ip_address: '192.168.16.1/24' });
    expect(a.contiv.outboundInterfaces()).toEqual(['GigabitEthernet0/8/0', 'vxlanBVI', 'tap-vpp2']);
  });

  it('a node appearing gets a tunnel, BD membership and routes; its deletion removes them all', async () => {
    const store = await MemoryStore.open();
    const a = await start(store);
    a.vpp.take();
    await store.put(nodeInfoKey(2), node2());
    await a.settle();
    expect(a.vpp.take()).toEqual(['put vpp/bd/vxlanBD', ...tunnelKeys.map((k) => `put ${k}`)].sort());
    expect(a.vpp.state.get('vpp/interface/vxlan2')).toMatchObject({ vxlan: { srcAddress: '192.168.16.1', dstAddress: '192.168.16.2', vni: 10 } });
    expect(a.vpp.state.get('vpp/bd/vxlanBD')).toMatchObject({ interfaces: [{ name: 'vxlanBVI', bvi: true }, { name: 'vxlan2', bvi: false, splitHorizonGroup: 1 }] });
    expect(a.contiv.remoteNodes()).toEqual([{ name: 'n2', id: 2, ip: '192.168.16.2', podSubnet: '10.1.2.0/24', vxlanIp: '192.168.30.2' }]);

    await store.delete(nodeInfoKey(2));
    await a.settle();
    expect(a.vpp.take()).toEqual(['delete vpp/arp/vxlanBVI/192.168.30.2', 'delete vpp/interface/vxlan2', 'delete vpp/route/0/10.1.2.0/24/192.168.30.2/vxlanBVI', 'delete vpp/route/0/172.30.2.0/24/192.168.30.2/vxlanBVI', 'put vpp/bd/vxlanBD']);
    expect(a.vpp.state.get('vpp/bd/vxlanBD')).toMatchObject({ interfaces: [{ name: 'vxlanBVI' }] });
    expect(a.contiv.remoteNodes()).toEqual([]);
  });

  it('a node that moves to another IP gets its tunnel updated', async () => {
    const store = await MemoryStore.open();
    await store.put(nodeInfoKey(2), node2());
    const a = await start(store);
    expect(a.vpp.state.get('vpp/interface/vxlan2')).toMatchObject({ vxlan: { dstAddress: '192.168.16.2' } });
    a.vpp.take();
    await store.put(nodeInfoKey(2), node2('192.168.16.77/24'));
    await a.settle();
    expect(a.vpp.take()).toEqual(['put vpp/interface/vxlan2']);
    expect(a.vpp.state.get('vpp/interface/vxlan2')).toMatchObject({ vxlan: { dstAddress: '192.168.16.77' } });
  });

  it('a node without a published IP is listed but not connected', async () => {
    const store = await MemoryStore.open();
    await store.put(nodeInfoKey(2), encodeNodeInfo({ id: 2, name: 'n2' }));
    const a = await start(store);
    expect(a.contiv.remoteNodes()).toEqual([{ name: 'n2', id: 2, podSubnet: '10.1.2.0/24', vxlanIp: '192.168.30.2' }]);
    expect(a.vpp.state.has('vpp/interface/vxlan2')).toBe(false);
  });

  it('routes to other nodes go via their node IP on the main NIC in L2 mode', async () => {
    const store = await MemoryStore.open();
    const a = await start(store, 'n1', { l2Interconnect: true });
    expect(a.contiv.vxlanBvi()).toBeUndefined();
    a.vpp.take();
    await store.put(nodeInfoKey(2), node2());
    await a.settle();
    expect(a.vpp.take()).toEqual([
      'put vpp/route/0/10.1.2.0/24/192.168.16.2/GigabitEthernet0/8/0',
      'put vpp/route/0/172.30.2.0/24/192.168.16.2/GigabitEthernet0/8/0',
    ]);
    expect(a.vpp.state.has('vpp/bd/vxlanBD')).toBe(false);
  });

  it('takes pod subnets from Node objects and publishes and routes the management IP', async () => {
    const store = await MemoryStore.open();
    await store.put(ksrKey('node', 'n1'), k8sNode('n1', '10.244.1.0/24', '10.20.0.1'));
    await store.put(ksrKey('node', 'n2'), k8sNode('n2', '10.244.2.0/24', '10.20.0.2'));
    await store.put(nodeInfoKey(2), node2());
    const a = await start(store);
    expect(a.contiv.podSubnet()).toBe('10.244.1.0/24');
    expect(a.contiv.podGateway()).toBe('10.244.1.1');
    expect(a.vpp.state.get('vpp/interface/podGwLoop')).toMatchObject({ ipAddresses: ['10.244.1.1/32'] });
    expect(a.vpp.state.has('vpp/route/0/10.244.2.0/24/192.168.30.2/vxlanBVI')).toBe(true);
    expect(a.vpp.state.has('vpp/route/0/10.20.0.2/32/192.168.30.2/vxlanBVI')).toBe(true);
    expect(a.vpp.state.has('vpp/route/0/10.20.0.1/32/172.30.1.2/tap-vpp2')).toBe(true);
    await a.settle();
    expect(JSON.parse((await store.get(nodeInfoKey(1)))!.value)).toEqual({ id: 1, name: 'n1', ip_address: '192.168.16.1/24', management_ip_address: '10.20.0.1' });
  });

  it('a Node object appearing later updates the routes of the other node', async () => {
    const store = await MemoryStore.open();
    await store.put(nodeInfoKey(2), node2());
    const a = await start(store);
    a.vpp.take();
    await store.put(ksrKey('node', 'n2'), k8sNode('n2', '10.244.2.0/24'));
    await a.settle();
    expect(a.vpp.take()).toEqual(['delete vpp/route/0/10.1.2.0/24/192.168.30.2/vxlanBVI', 'put vpp/route/0/10.244.2.0/24/192.168.30.2/vxlanBVI']);
  });

  it('re-creates its own ID entry when someone deletes it', async () => {
    const store = await MemoryStore.open();
    const a = await start(store);
    await store.delete(nodeInfoKey(1));
    await a.settle();
    await a.settle();
    expect(JSON.parse((await store.get(nodeInfoKey(1)))?.value ?? '{}')).toEqual({ id: 1, name: 'n1', ip_address: '192.168.16.1/24' });
  });

  it('two agents on one store see each other', async () => {
    const store = await MemoryStore.open();
    const a = await start(store, 'n1');
    const b = await start(store, 'n2');
    await a.settle();
    expect(b.contiv.nodeId()).toBe(2);
    expect(a.contiv.remoteNodes().map((n) => [n.name, n.ip])).toEqual([['n2', '192.168.16.2']]);
    expect(b.contiv.remoteNodes().map((n) => [n.name, n.ip])).toEqual([['n1', '192.168.16.1']]);
    expect(a.vpp.state.get('vpp/interface/vxlan2')).toMatchObject({ vxlan: { srcAddress: '192.168.16.1', dstAddress: '192.168.16.2' } });
    expect(b.vpp.state.get('vpp/interface/vxlan1')).toMatchObject({ vxlan: { srcAddress: '192.168.16.2', dstAddress: '192.168.16.1' } });
    await b.t.close();
    agents = [a];
    await a.settle();
    expect(await store.get(nodeInfoKey(2))).toBeUndefined();
    expect(a.vpp.state.has('vpp/interface/vxlan2')).toBe(false);
  });

  it('uses the configured static IP, gateway and other NICs of its node entry', async () => {
    const store = await MemoryStore.open();
    const a = await start(store, 'n1', {
      nodes: [{ name: 'n1', mainInterface: { name: 'GigabitEthernet0/a/0', ip: '192.168.16.10/24' }, gateway: '192.168.16.254',
        otherInterfaces: [{ name: 'GigabitEthernet0/b/0', ip: '10.9.0.1/24' }] }],
    });
    expect(a.contiv.nodeIp()).toBe('192.168.16.10/24');
    expect(a.contiv.defaultGateway()).toBe('192.168.16.254');
    expect(a.contiv.mainInterface()).toBe('GigabitEthernet0/a/0');
    expect(a.contiv.otherInterfaces()).toEqual([{ name: 'GigabitEthernet0/b/0', ip: '10.9.0.1/24' }]);
    expect(a.contiv.nodeAddresses()).toEqual(['192.168.16.10', '10.9.0.1', '172.30.1.1']);
    expect(a.vpp.state.has('vpp/route/0/0.0.0.0/0/192.168.16.254/GigabitEthernet0/a/0')).toBe(true);
    expect(JSON.parse((await store.get(nodeInfoKey(1)))!.value).ip_address).toBe('192.168.16.10/24');
  });
});
