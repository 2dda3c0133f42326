import { describe, expect, it } from 'vitest';
import { addBaseConfig } from '../../../../../plugins/contiv/vswitch/base-config.ts';
import { parseIp4 } from '../../../../../plugins/net/ipv4.ts';
import type { VppValue } from '../../../../../plugins/vpp/model.ts';
import { nodePlan } from './plan-fixture.ts';

function build(over: Parameters<typeof nodePlan>[0] = {}): Map<string, VppValue> {
  const out = new Map<string, VppValue>();
  addBaseConfig(nodePlan(over), out);
  return out;
}

describe('addBaseConfig', () => {
  it('addBaseConfig() lays out main NIC, host interconnect, pod gateway and VXLAN BVI', () => {
    const out = build();
    expect([...out.keys()].sort()).toEqual([
      'vpp/interface/GigabitEthernet0/8/0',
      'vpp/interface/podGwLoop',
      'vpp/interface/tap-vpp2',
      'vpp/interface/vxlanBVI',
    ]);
    expect(out.get('vpp/interface/GigabitEthernet0/8/0')).toEqual({
      name: 'GigabitEthernet0/8/0', type: 'ethernet', enabled: true, ipAddresses: ['192.168.16.1/24'], vrf: 0,
    });
    expect(out.get('vpp/interface/tap-vpp2')).toEqual({
      name: 'tap-vpp2', type: 'tap', enabled: true, mac: '1a:2b:3d:00:00:01', ipAddresses: ['172.30.1.1/24'], vrf: 0,
      tap: { hostIfName: 'vpp1', hostIp: '172.30.1.2/24', rxRingSize: 256, txRingSize: 256 },
    });
    expect(out.get('vpp/interface/podGwLoop')).toEqual({ name: 'podGwLoop', type: 'loopback', enabled: true, ipAddresses: ['10.1.1.1/32'], vrf: 0 });
    expect(out.get('vpp/interface/vxlanBVI')).toEqual({
      name: 'vxlanBVI', type: 'loopback', enabled: true, mac: '1a:2b:3c:00:00:01', ipAddresses: ['192.168.30.1/24'], vrf: 0,
    });
  });

  it('addBaseConfig() adds the static default route, other NICs and the route to the management IP', () => {
    const out = build({
      staticGateway: parseIp4('192.168.16.100'),
      managementIp: parseIp4('10.20.0.1'),
      others: [{ name: 'GigabitEthernet0/9/0', ip: { ip: parseIp4('10.0.0.1'), len: 24 }, dhcp: false }],
    });
    expect(out.get('vpp/route/0/0.0.0.0/0/192.168.16.100/GigabitEthernet0/8/0')).toEqual({
      vrf: 0, dst: '0.0.0.0/0', nextHop: '192.168.16.100', outgoingInterface: 'GigabitEthernet0/8/0', weight: 1, preference: 0,
    });
    expect(out.get('vpp/route/0/10.20.0.1/32/172.30.1.2/tap-vpp2')).toMatchObject({ dst: '10.20.0.1/32', nextHop: '172.30.1.2', outgoingInterface: 'tap-vpp2' });
    expect(out.get('vpp/interface/GigabitEthernet0/9/0')).toMatchObject({ type: 'ethernet', ipAddresses: ['10.0.0.1/24'] });
  });

  it('addBaseConfig() runs the DHCP client on a DHCP main NIC and leaves the default route to it', () => {
    const out = build({ main: { name: 'GigabitEthernet0/8/0', dhcp: true }, staticGateway: parseIp4('192.168.16.100') });
    expect(out.get('vpp/interface/GigabitEthernet0/8/0')).toEqual({
      name: 'GigabitEthernet0/8/0', type: 'ethernet', enabled: true, ipAddresses: [], vrf: 0, dhcpClient: { hostname: 'n1' },
    });
    expect([...out.keys()].some((k) => k.startsWith('vpp/route/0/0.0.0.0/0'))).toBe(false);
  });

  it('addBaseConfig() leaves out the BVI in L2 mode and turns the session layer on with the TCP stack', () => {
    const { vxlan: _v, ...rest } = nodePlan();
    const out = new Map<string, VppValue>();
    addBaseConfig({ ...rest, tcpStack: true }, out);
    expect(out.has('vpp/interface/vxlanBVI')).toBe(false);
    expect(out.get('vpp/session/enable')).toEqual({ enabled: true });
  });

  it('addBaseConfig() gives large node IDs distinct MACs', () => {
    expect(build({ nodeId: 300 }).get('vpp/interface/vxlanBVI')).toMatchObject({ mac: '1a:2b:3c:00:01:2c' });
  });
});
