import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../../../../core/errors.ts';
import { defaultContivConfig } from '../../../../../plugins/contiv/config.ts';
import { NodeIdOutOfRangeError } from '../../../../../plugins/contiv/errors.ts';
import { hostInterconnectOf, ipamNodeIpOf, podSubnetOf, vxlanAddressOf } from '../../../../../plugins/contiv/ipam/node-addressing.ts';
import { formatCidr, formatIp4 } from '../../../../../plugins/net/ipv4.ts';

const ipam = defaultContivConfig().ipam;

describe('node addressing', () => {
  it('gives node 1 the addresses of the original deployment example', () => {
    const pod = podSubnetOf(ipam, 1);
    expect([formatCidr(pod.subnet), formatIp4(pod.gateway), pod.source]).toEqual(['10.1.1.0/24', '10.1.1.1', 'node-id']);
    const host = hostInterconnectOf(ipam, 1);
    expect([formatCidr(host.network), formatIp4(host.vppIp), formatIp4(host.hostIp)]).toEqual(['172.30.1.0/24', '172.30.1.1', '172.30.1.2']);
    const node = ipamNodeIpOf(ipam, 1);
    expect(`${formatIp4(node.ip)}/${node.len}`).toBe('192.168.16.1/24');
    const vx = vxlanAddressOf(ipam, 1);
    expect(`${formatIp4(vx.ip)}/${vx.len}`).toBe('192.168.30.1/24');
  });

  it('podSubnetOf() prefers the Node object\'s spec.podCIDR', () => {
    const pod = podSubnetOf(ipam, 1, '10.244.3.0/24', 'k8s/node/n1');
    expect([formatCidr(pod.subnet), formatIp4(pod.gateway), pod.source]).toEqual(['10.244.3.0/24', '10.244.3.1', 'node-object']);
  });

  it('podSubnetOf() rejects a podCIDR that does not parse or is too small, naming the Node and field', () => {
    expect(() => podSubnetOf(ipam, 1, '10.244.3/24', 'k8s/node/n1')).toThrow(BadInputError);
    expect(() => podSubnetOf(ipam, 1, '10.244.3/24', 'k8s/node/n1')).toThrow(/^k8s\/node\/n1 spec.podCIDR: /);
    expect(() => podSubnetOf(ipam, 1, '10.244.3.0/31', 'k8s/node/n1')).toThrow(/too small for pods/);
  });

  it('derivations fail clearly for node IDs that do not fit', () => {
    expect(() => podSubnetOf(ipam, 256)).toThrow(NodeIdOutOfRangeError);
    expect(() => ipamNodeIpOf(ipam, 255)).toThrow(/node interconnect address/);
    expect(() => vxlanAddressOf(ipam, 255)).toThrow(/VXLAN address/);
    expect(() => hostInterconnectOf(ipam, 256)).toThrow(/VPP-host subnet/);
  });
});
