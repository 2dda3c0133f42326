import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { contivConfigSchema, defaultContivConfig } from '../../../../plugins/contiv/config.ts';

function issues(input: unknown): string[] {
  const r = contivConfigSchema.safeParse(input);
  if (r.success) return [];
  return r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('contivConfigSchema', () => {
  it('parse() yields the documented defaults for an empty section', () => {
    const c = defaultContivConfig();
    expect(c.ipam).toEqual({
      podSubnetCIDR: '10.1.0.0/16', podNetworkPrefixLen: 24, vppHostSubnetCIDR: '172.30.0.0/16', vppHostNetworkPrefixLen: 24,
      nodeInterconnectCIDR: '192.168.16.0/24', nodeInterconnectDHCP: false, vxlanCIDR: '192.168.30.0/24', serviceCIDR: '10.96.0.0/12',
    });
    expect(c).toMatchObject({
      nodes: [], defaultMainInterface: 'GigabitEthernet0/8/0', l2Interconnect: false, vxlanVni: 10, tcpStack: false,
      natExternalTraffic: true, tap: { rxRingSize: 256, txRingSize: 256 }, cni: { checkNetnsExists: false },
      releaseNodeIdOnShutdown: true, nodeIdMaxAttempts: 100,
    });
  });

  it('parse() rejects a per-node prefix not longer than the cluster prefix, naming the field', () => {
    expect(issues({ ipam: { podSubnetCIDR: '10.1.0.0/24', podNetworkPrefixLen: 24 } })).toEqual([
      'ipam.podNetworkPrefixLen: must be longer than the prefix of podSubnetCIDR 10.1.0.0/24 (/24), got 24',
    ]);
    expect(issues({ ipam: { vppHostNetworkPrefixLen: 16 } })[0]).toMatch(/^ipam.vppHostNetworkPrefixLen: must be longer/);
  });

  it('parse() rejects per-node prefixes too small for pods', () => {
    expect(issues({ ipam: { podNetworkPrefixLen: 31 } })[0]).toMatch(/^ipam.podNetworkPrefixLen:/);
  });

  it('parse() rejects CIDRs that do not parse', () => {
    expect(issues({ ipam: { vxlanCIDR: '192.168.30/24' } })).toEqual(['ipam.vxlanCIDR: expected an IPv4 CIDR a.b.c.d/len']);
    expect(issues({ ipam: { serviceCIDR: '10.96.0.0' } })).toEqual(['ipam.serviceCIDR: expected an IPv4 CIDR a.b.c.d/len']);
  });

  it('parse() rejects overlapping subnets', () => {
    expect(issues({ ipam: { vxlanCIDR: '10.1.200.0/24' } })).toEqual(['ipam.vxlanCIDR: vxlanCIDR overlaps podSubnetCIDR']);
  });

  it('parse() rejects unknown keys', () => {
    expect(issues({ ipam: { podSubnet: '10.1.0.0/16' } }).join()).toMatch(/podSubnet/);
    expect(issues({ useL2Interconnect: true }).join()).toMatch(/useL2Interconnect/);
  });

  it('parse() validates node entries: addresses, ip with dhcp, duplicate names', () => {
    expect(issues({ nodes: [{ name: 'a', mainInterface: { name: 'eth', ip: '192.168.16.0/24' } }] })).toEqual([
      'nodes.0.mainInterface.ip: 192.168.16.0/24 is the network or broadcast address of its prefix',
    ]);
    expect(issues({ nodes: [{ name: 'a', mainInterface: { name: 'eth', ip: '192.168.16.1' } }] })[0]).toMatch(/interface address/);
    expect(issues({ nodes: [{ name: 'a', mainInterface: { name: 'eth', ip: '192.168.16.1/24', dhcp: true } }] })).toEqual([
      'nodes.0.mainInterface: give either ip or dhcp: true, not both',
    ]);
    const twice = { name: 'a', mainInterface: { name: 'eth' } };
    expect(issues({ nodes: [twice, twice] })).toEqual(['nodes.1.name: node "a" is listed twice']);
    expect(issues({ nodes: [{ name: 'a', mainInterface: { name: 'eth' }, gateway: '1.2.3' }] })).toEqual([
      'nodes.0.gateway: expected an IPv4 address a.b.c.d',
    ]);
  });

  it('parse() rejects tap ring sizes that are not powers of two', () => {
    expect(issues({ tap: { rxRingSize: 300 } })[0]).toMatch(/powers of two/);
  });

  it('parse() keeps a full node entry', () => {
    const c = contivConfigSchema.parse({
      nodes: [{ name: 'n1', mainInterface: { name: 'GigabitEthernet0/8/0', ip: '192.168.16.1/24' }, gateway: '192.168.16.100',
        otherInterfaces: [{ name: 'GigabitEthernet0/9/0', ip: '10.0.0.1/24' }] }],
    });
    expect(c.nodes[0]).toEqual({
      name: 'n1', mainInterface: { name: 'GigabitEthernet0/8/0', ip: '192.168.16.1/24', dhcp: false }, gateway: '192.168.16.100',
      otherInterfaces: [{ name: 'GigabitEthernet0/9/0', ip: '10.0.0.1/24', dhcp: false }],
    });
  });

  it('parse() accepts examples/contiv.yaml', () => {
    const doc = parse(readFileSync(new URL('../../../../examples/contiv.yaml', import.meta.url), 'utf8')) as { plugins: { contiv: unknown } };
    const c = contivConfigSchema.parse(doc.plugins.contiv);
    expect(c.nodes.map((n) => n.name)).toEqual(['node-1', 'node-2']);
    expect(c.ipam).toEqual(defaultContivConfig().ipam);
  });
});
