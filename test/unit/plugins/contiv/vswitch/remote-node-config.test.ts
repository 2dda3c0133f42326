import { describe, expect, it } from 'vitest';
import { addRemoteNodeConfig, canConnect, vxlanBridgeDomain } from '../../../../../plugins/contiv/vswitch/remote-node-config.ts';
import { parseIp4 } from '../../../../../plugins/net/ipv4.ts';
import type { VppValue } from '../../../../../plugins/vpp/model.ts';
import { nodePlan, remotePlan } from './plan-fixture.ts';

describe('addRemoteNodeConfig', () => {
  it('addRemoteNodeConfig() builds a VXLAN tunnel, a static neighbour for the remote BVI and routes via it', () => {
    const out = new Map<string, VppValue>();
    addRemoteNodeConfig(nodePlan(), remotePlan(2, { managementIp: parseIp4('10.20.0.2') }), out);
    expect(Object.fromEntries(out)).toEqual({
      'vpp/interface/vxlan2': {
        name: 'vxlan2', type: 'vxlan', enabled: true, ipAddresses: [], vrf: 0,
        vxlan: { srcAddress: '192.168.16.1', dstAddress: '192.168.16.2', vni: 10 },
      },
      'vpp/arp/vxlanBVI/192.168.30.2': { interface: 'vxlanBVI', ip: '192.168.30.2', mac: '1a:2b:3c:00:00:02' },
      'vpp/route/0/10.1.2.0/24/192.168.30.2/vxlanBVI': { vrf: 0, dst: '10.1.2.0/24', nextHop: '192.168.30.2', outgoingInterface: 'vxlanBVI', weight: 1, preference: 0 },
      'vpp/route/0/172.30.2.0/24/192.168.30.2/vxlanBVI': { vrf: 0, dst: '172.30.2.0/24', nextHop: '192.168.30.2', outgoingInterface: 'vxlanBVI', weight: 1, preference: 0 },
      'vpp/route/0/10.20.0.2/32/192.168.30.2/vxlanBVI': { vrf: 0, dst: '10.20.0.2/32', nextHop: '192.168.30.2', outgoingInterface: 'vxlanBVI', weight: 1, preference: 0 },
    });
  });

  it('addRemoteNodeConfig() routes via the remote node IP on the main NIC in L2 mode', () => {
    const { vxlan: _v, ...l2 } = nodePlan();
    const out = new Map<string, VppValue>();
    addRemoteNodeConfig(l2, remotePlan(3), out);
    expect([...out.keys()].sort()).toEqual([
      'vpp/route/0/10.1.3.0/24/192.168.16.3/GigabitEthernet0/8/0',
      'vpp/route/0/172.30.3.0/24/192.168.16.3/GigabitEthernet0/8/0',
    ]);
  });

  it('canConnect() waits for this node\'s IP in VXLAN mode', () => {
    const { nodeIp: _ip, ...noIp } = nodePlan();
    expect(canConnect(noIp, remotePlan(2))).toBe(false);
    expect(canConnect(nodePlan(), remotePlan(2))).toBe(true);
  });

  it('vxlanBridgeDomain() holds the BVI and the tunnels in the split-horizon group, by node ID', () => {
    expect(vxlanBridgeDomain([5, 2])).toEqual({
      name: 'vxlanBD', flood: true, unknownUnicastFlood: true, forward: true, learn: true, arpTermination: false, macAge: 0,
      interfaces: [
        { name: 'vxlanBVI', bvi: true, splitHorizonGroup: 0 },
        { name: 'vxlan2', bvi: false, splitHorizonGroup: 1 },
        { name: 'vxlan5', bvi: false, splitHorizonGroup: 1 },
      ],
    });
  });
});
