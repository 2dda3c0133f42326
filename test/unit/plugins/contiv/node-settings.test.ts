import { describe, expect, it } from 'vitest';
import { defaultContivConfig } from '../../../../plugins/contiv/config.ts';
import { nodeSettings } from '../../../../plugins/contiv/node-settings.ts';
import { formatIp4 } from '../../../../plugins/net/ipv4.ts';

describe('nodeSettings', () => {
  it('nodeSettings() uses IPAM and the default NIC for an unlisted node', () => {
    const s = nodeSettings(defaultContivConfig(), 'x');
    expect(s).toMatchObject({ ipSource: 'ipam', main: { name: 'GigabitEthernet0/8/0', dhcp: false }, others: [], natExternalTraffic: true });
    expect(s.entry).toBeUndefined();
  });

  it('nodeSettings() takes static IP, gateway, other NICs and the NAT override from the node entry', () => {
    const cfg = defaultContivConfig({
      natExternalTraffic: true,
      nodes: [{ name: 'n1', mainInterface: { name: 'eth1', ip: '10.0.0.5/24' }, gateway: '10.0.0.1', natExternalTraffic: false, otherInterfaces: [{ name: 'eth2', dhcp: true }] }],
    });
    const s = nodeSettings(cfg, 'n1');
    expect(s.ipSource).toBe('static');
    expect(s.main.ip && `${formatIp4(s.main.ip.ip)}/${s.main.ip.len}`).toBe('10.0.0.5/24');
    expect(formatIp4(s.gateway!)).toBe('10.0.0.1');
    expect(s.others).toEqual([{ name: 'eth2', dhcp: true }]);
    expect(s.natExternalTraffic).toBe(false);
  });

  it('nodeSettings() picks DHCP from the node entry or the global switch, unless a static IP is given', () => {
    expect(nodeSettings(defaultContivConfig({ nodes: [{ name: 'n1', mainInterface: { name: 'e', dhcp: true } }] }), 'n1').ipSource).toBe('dhcp');
    const global = defaultContivConfig({ ipam: { nodeInterconnectDHCP: true }, nodes: [{ name: 'n2', mainInterface: { name: 'e', ip: '10.0.0.2/24' } }] });
    expect(nodeSettings(global, 'n1').ipSource).toBe('dhcp');
    expect(nodeSettings(global, 'n2').ipSource).toBe('static');
  });
});
