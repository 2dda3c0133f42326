import { afterEach, describe, expect, it } from 'vitest';
import type { KeyValueStore } from '../../core/kv/key-value-store.ts';
import { MemoryStore } from '../../core/kv/memory-store.ts';
import { dhcpLeaseKey } from '../../plugins/contiv/dhcp-lease-record.ts';
import { encodeNodeInfo, nodeInfoKey } from '../../plugins/contiv/node-id/node-info.ts';
import { RecordingVppApi, startContiv, type ContivTestAgent } from './contiv-fakes.ts';

let agents: ContivTestAgent[] = [];
afterEach(async () => {
  for (const a of agents) await a.t.close();
  agents = [];
});

const DHCP = { ipam: { nodeInterconnectDHCP: true } };
const MAIN = 'GigabitEthernet0/8/0';

async function start(store: KeyValueStore, config: Record<string, unknown> = DHCP): Promise<ContivTestAgent> {
  const vpp = new RecordingVppApi();
  vpp.indexes.set(MAIN, 1);
  const a = await startContiv(store, 'n1', config, vpp);
  agents.push(a);
  return a;
}

/** A VPP 22.10 `dhcp_compl_event`. */
function lease(ip: [number, number, number, number], len: number, router: [number, number, number, number], swIfIndex = 1) {
  return {
    _msgname: 'dhcp_compl_event', pid: 0,
    lease: { sw_if_index: swIfIndex, state: 2, is_ipv6: false, hostname: 'n1', mask_width: len,
      host_address: { af: 0, un: { ip4: ip } }, router_address: { af: 0, un: { ip4: router } } },
  };
}

describe('ContivPlugin DHCP', () => {
  it('starts without a node IP, runs the DHCP client and waits with the tunnels', async () => {
    const store = await MemoryStore.open();
    await store.put(nodeInfoKey(2), encodeNodeInfo({ id: 2, name: 'n2', ipAddress: '192.168.16.2/24' }));
    const a = await start(store);
    expect(a.contiv.nodeIp()).toBeUndefined();
    expect(a.vpp.state.get(`vpp/interface/${MAIN}`)).toEqual({ name: MAIN, type: 'ethernet', enabled: true, ipAddresses: [], vrf: 0, dhcpClient: { hostname: 'n1' } });
    expect(a.vpp.state.has('vpp/interface/vxlan2')).toBe(false);
    expect(JSON.parse((await store.get(nodeInfoKey(1)))!.value)).toEqual({ id: 1, name: 'n1' });
  });

  it('a lease sets node IP and gateway, builds the tunnels, notifies and publishes', async () => {
    const store = await MemoryStore.open();
    await store.put(nodeInfoKey(2), encodeNodeInfo({ id: 2, name: 'n2', ipAddress: '192.168.16.2/24' }));
    const a = await start(store);
    a.vpp.take();
    const seen: [string | undefined, string | undefined][] = [];
    a.contiv.onNodeIpChange((ip, gw) => seen.push([ip, gw]));
    await a.vpp.emit(a.datasync, 'dhcp_compl_event', lease([192, 168, 16, 50], 24, [192, 168, 16, 1]));
    await a.settle();
    expect(seen).toEqual([['192.168.16.50/24', '192.168.16.1']]);
    expect([a.contiv.nodeIp(), a.contiv.defaultGateway()]).toEqual(['192.168.16.50/24', '192.168.16.1']);
    expect(a.vpp.take()).toEqual([
      'put vpp/arp/vxlanBVI/192.168.30.2', 'put vpp/bd/vxlanBD', 'put vpp/interface/vxlan2',
      'put vpp/route/0/10.1.2.0/24/192.168.30.2/vxlanBVI', 'put vpp/route/0/172.30.2.0/24/192.168.30.2/vxlanBVI',
    ]);
    expect(a.vpp.state.get('vpp/interface/vxlan2')).toMatchObject({ vxlan: { srcAddress: '192.168.16.50', dstAddress: '192.168.16.2' } });
    expect(JSON.parse((await store.get(nodeInfoKey(1)))!.value)).toEqual({ id: 1, name: 'n1', ip_address: '192.168.16.50/24' });
    expect(JSON.parse((await store.get(dhcpLeaseKey('n1')))!.value)).toEqual({ address: '192.168.16.50/24', router: '192.168.16.1' });
  });

  it('a changed lease moves the node IP; tunnels and the published entry follow', async () => {
    const store = await MemoryStore.open();
    await store.put(nodeInfoKey(2), encodeNodeInfo({ id: 2, name: 'n2', ipAddress: '192.168.16.2/24' }));
    const a = await start(store);
    await a.vpp.emit(a.datasync, 'dhcp_compl_event', lease([192, 168, 16, 50], 24, [192, 168, 16, 1]));
    a.vpp.take();
    const seen: string[] = [];
    a.contiv.onNodeIpChange((ip, gw) => seen.push(`${ip} ${gw}`));
    await a.vpp.emit(a.datasync, 'dhcp_compl_event', lease([192, 168, 16, 60], 24, [192, 168, 16, 254]));
    await a.settle();
    expect(seen).toEqual(['192.168.16.60/24 192.168.16.254']);
    expect(a.vpp.take()).toEqual(['put vpp/interface/vxlan2']);
    expect(a.vpp.state.get('vpp/interface/vxlan2')).toMatchObject({ vxlan: { srcAddress: '192.168.16.60' } });
    expect(JSON.parse((await store.get(nodeInfoKey(1)))!.value).ip_address).toBe('192.168.16.60/24');
  });

  it('the same lease again, or one for another interface, changes nothing', async () => {
    const store = await MemoryStore.open();
    const a = await start(store);
    await a.vpp.emit(a.datasync, 'dhcp_compl_event', lease([192, 168, 16, 50], 24, [192, 168, 16, 1]));
    a.vpp.take();
    let calls = 0;
    a.contiv.onNodeIpChange(() => calls++);
    await a.vpp.emit(a.datasync, 'dhcp_compl_event', lease([192, 168, 16, 50], 24, [192, 168, 16, 1]));
    await a.vpp.emit(a.datasync, 'dhcp_compl_event', lease([10, 0, 0, 9], 24, [10, 0, 0, 1], 7));
    expect(calls).toBe(0);
    expect(a.vpp.take()).toEqual([]);
    expect(a.contiv.nodeIp()).toBe('192.168.16.50/24');
  });

  it('another node learns the new IP of a DHCP node and moves its tunnel', async () => {
    const store = await MemoryStore.open();
    const a = await start(store);
    const b = await startContiv(store, 'n2');
    agents.push(b);
    await a.vpp.emit(a.datasync, 'dhcp_compl_event', lease([192, 168, 16, 50], 24, [192, 168, 16, 1]));
    await a.settle();
    await b.settle();
    expect(b.vpp.state.get('vpp/interface/vxlan1')).toMatchObject({ vxlan: { srcAddress: '192.168.16.2', dstAddress: '192.168.16.50' } });
    await a.vpp.emit(a.datasync, 'dhcp_compl_event', lease([192, 168, 16, 51], 24, [192, 168, 16, 1]));
    await a.settle();
    await b.settle();
    expect(b.vpp.state.get('vpp/interface/vxlan1')).toMatchObject({ vxlan: { dstAddress: '192.168.16.51' } });
  });

  it('a restarted DHCP node starts from its persisted lease (VPP keeps the lease and sends no event)', async () => {
    const store = await MemoryStore.open();
    const a = await start(store);
    await a.vpp.emit(a.datasync, 'dhcp_compl_event', lease([192, 168, 16, 50], 24, [192, 168, 16, 1]));
    await a.settle();
    await a.t.close();
    agents = [];
    const again = await start(store);
    expect([again.contiv.nodeIp(), again.contiv.defaultGateway()]).toEqual(['192.168.16.50/24', '192.168.16.1']);
  });

  it('a static node ignores DHCP events', async () => {
    const a = await start(await MemoryStore.open(), {});
    await a.vpp.emit(a.datasync, 'dhcp_compl_event', lease([192, 168, 16, 50], 24, [192, 168, 16, 1]));
    expect(a.contiv.nodeIp()).toBe('192.168.16.1/24');
  });
});
