import { describe, expect, it } from 'vitest';
import { defaultContivConfig } from '../../../../../plugins/contiv/config.ts';
import { remoteNodes } from '../../../../../plugins/contiv/remote/remote-nodes.ts';
import type { Node } from '../../../../../plugins/ksr/model.ts';
import { formatCidr, formatIp4 } from '../../../../../plugins/net/ipv4.ts';

const ipam = defaultContivConfig().ipam;
const k8s = (nodes: Node[]) => new Map(nodes.map((n) => [n.name, n]));

describe('remoteNodes', () => {
  it('remoteNodes() reports the other nodes and plans those with a node IP', () => {
    const view = remoteNodes({
      ownName: 'n1', ipam, vxlan: true,
      infos: [
        { id: 1, name: 'n1', ipAddress: '192.168.16.1/24' },
        { id: 3, name: 'n3' },
        { id: 2, name: 'n2', ipAddress: '192.168.16.2/24', managementIpAddress: '10.20.0.2' },
      ],
      k8sNodes: k8s([]),
    });
    expect(view.nodes).toEqual([
      { name: 'n2', id: 2, ip: '192.168.16.2', podSubnet: '10.1.2.0/24', vxlanIp: '192.168.30.2' },
      { name: 'n3', id: 3, podSubnet: '10.1.3.0/24', vxlanIp: '192.168.30.3' },
    ]);
    expect(view.plans.map((p) => [p.id, formatIp4(p.ip), formatCidr(p.hostNetwork), p.managementIp && formatIp4(p.managementIp)])).toEqual([
      [2, '192.168.16.2', '172.30.2.0/24', '10.20.0.2'],
    ]);
  });

  it('remoteNodes() takes pod subnets and InternalIPs from the Node objects', () => {
    const view = remoteNodes({
      ownName: 'n1', ipam, vxlan: false,
      infos: [{ id: 2, name: 'n2', ipAddress: '192.168.16.2/24' }],
      k8sNodes: k8s([{ name: 'n2', podCIDR: '10.244.7.0/24', addresses: [{ type: 'InternalIP', address: '10.20.0.2' }] }]),
    });
    expect(view.nodes[0]).toEqual({ name: 'n2', id: 2, ip: '192.168.16.2', podSubnet: '10.244.7.0/24' });
    expect(formatIp4(view.plans[0]!.managementIp!)).toBe('10.20.0.2');
  });

  it('remoteNodes() leaves out a management IP equal to the node IP', () => {
    const view = remoteNodes({ ownName: 'n1', ipam, vxlan: true, infos: [{ id: 2, name: 'n2', ipAddress: '192.168.16.2/24', managementIpAddress: '192.168.16.2' }], k8sNodes: k8s([]) });
    expect(view.plans[0]!.managementIp).toBeUndefined();
  });

  it('remoteNodes() reports unusable entries as problems and goes on with the others', () => {
    const view = remoteNodes({
      ownName: 'n1', ipam, vxlan: true,
      infos: [{ id: 300, name: 'big', ipAddress: '192.168.16.9/24' }, { id: 4, name: 'bad', ipAddress: 'x' }, { id: 2, name: 'ok', ipAddress: '192.168.16.2/24' }],
      k8sNodes: k8s([]),
    });
    expect(view.plans.map((p) => p.name)).toEqual(['ok']);
    expect(view.problems.map((p) => [p.node, p.error.code])).toEqual([['bad', 'BAD_INPUT'], ['big', 'NODE_ID_OUT_OF_RANGE']]);
  });

  it('remoteNodes() uses the lowest ID of a node listed twice', () => {
    const view = remoteNodes({ ownName: 'n1', ipam, vxlan: true, infos: [{ id: 5, name: 'n2', ipAddress: '192.168.16.5/24' }, { id: 2, name: 'n2', ipAddress: '192.168.16.2/24' }], k8sNodes: k8s([]) });
    expect(view.nodes.map((n) => n.id)).toEqual([2]);
  });
});
