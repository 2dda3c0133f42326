import { describe, expect, it } from 'vitest';
import { defaultContivConfig } from '../../../../plugins/contiv/config.ts';
import { ContivNode } from '../../../../plugins/contiv/contiv-node.ts';
import { AddressConflictError, ContivNotReadyError, NodeIdOutOfRangeError } from '../../../../plugins/contiv/errors.ts';
import { parseIp4 } from '../../../../plugins/net/ipv4.ts';

function node(config = defaultContivConfig(), name = 'n1', id = 1): ContivNode {
  const n = new ContivNode(config, name);
  n.bindNodeId({ id, name });
  return n;
}

describe('ContivNode', () => {
  it('getters fail with ContivNotReadyError before the node ID and resync', () => {
    const n = new ContivNode(defaultContivConfig(), 'n1');
    expect(() => n.nodeId()).toThrow(ContivNotReadyError);
    const bound = node();
    expect(() => bound.podSubnet()).toThrow(ContivNotReadyError);
    expect(() => bound.preparePod({ namespace: 'a', name: 'b' }, 'c', '/n', 'eth0')).toThrow(ContivNotReadyError);
  });

  it('bindNodeId() rejects node IDs that do not fit this node\'s address blocks', () => {
    expect(() => node(defaultContivConfig(), 'n1', 256)).toThrow(NodeIdOutOfRangeError);
    expect(() => node(defaultContivConfig(), 'n1', 255)).toThrow(/VXLAN address/);
    expect(() => node(defaultContivConfig({ l2Interconnect: true }), 'n1', 255)).toThrow(/node interconnect address/);
    const roomy = defaultContivConfig({ l2Interconnect: true, ipam: { vppHostSubnetCIDR: '172.16.0.0/12' }, nodes: [{ name: 'n1', mainInterface: { name: 'e', ip: '10.0.0.1/24' } }] });
    expect(() => node(roomy, 'n1', 300)).not.toThrow();
  });

  it('bindNodeId() rejects an IPAM node IP equal to the configured gateway', () => {
    const cfg = defaultContivConfig({ nodes: [{ name: 'n1', mainInterface: { name: 'e' }, gateway: '192.168.16.1' }] });
    expect(() => node(cfg)).toThrow(AddressConflictError);
    expect(() => node(cfg)).toThrow(/192.168.16.1: node n1 \(ID 1\) would get its gateway's address/);
  });

  it('resyncState() derives the pod subnet from the node ID, or takes a usable Node podCIDR', () => {
    const n = node();
    n.resyncState({ infos: [], records: [], k8sNodes: [] });
    expect(n.podSubnet()).toBe('10.1.1.0/24');
    n.resyncState({ infos: [], records: [], k8sNodes: [{ name: 'n1', podCIDR: '10.244.5.0/24', addresses: [] }] });
    expect([n.podSubnet(), n.podCidrIssue()]).toEqual(['10.244.5.0/24', undefined]);
    n.resyncState({ infos: [], records: [], k8sNodes: [{ name: 'n1', podCIDR: '10.244.5.0/31', addresses: [] }] });
    expect(n.podSubnet()).toBe('10.1.1.0/24');
    expect(n.podCidrIssue()).toMatchObject({ code: 'BAD_INPUT', field: 'spec.podCIDR' });
  });

  it('setK8sNode() adopts a new own podCIDR only while no pod is wired', () => {
    const n = node();
    n.resyncState({ infos: [], records: [], k8sNodes: [] });
    expect(n.setK8sNode('n1', { name: 'n1', podCIDR: '10.244.5.0/24', addresses: [] })).toBe(false);
    expect(n.podSubnet()).toBe('10.244.5.0/24');
    n.resyncState({ infos: [], records: [{ id: { namespace: 'a', name: 'p' }, containerId: 'c', netns: '/n', ifName: 'eth0', ip: '10.244.5.2' }], k8sNodes: [{ name: 'n1', podCIDR: '10.244.5.0/24', addresses: [] }] });
    expect(n.setK8sNode('n1', { name: 'n1', podCIDR: '10.244.9.0/24', addresses: [] })).toBe(true);
    expect(n.podSubnet()).toBe('10.244.5.0/24');
  });

  it('emitNodeIpChange() skips the initial value and reports each change once', () => {
    const cfg = defaultContivConfig({ ipam: { nodeInterconnectDHCP: true } });
    const n = node(cfg);
    n.resyncState({ infos: [], records: [], k8sNodes: [] });
    const seen: string[] = [];
    n.onNodeIpChange((ip, gw) => seen.push(`${ip} ${gw}`));
    n.emitNodeIpChange(() => undefined);
    expect(n.setLease({ address: { ip: parseIp4('192.168.16.9'), len: 24 }, router: parseIp4('192.168.16.1') })).toBe(true);
    n.emitNodeIpChange(() => undefined);
    n.emitNodeIpChange(() => undefined);
    expect(seen).toEqual(['192.168.16.9/24 192.168.16.1']);
  });

  it('listener errors go to the sink and the other listeners still run', () => {
    const n = node();
    n.resyncState({ infos: [], records: [], k8sNodes: [] });
    const errors: string[] = [];
    let ran = false;
    n.onLocalPodChange(() => { throw new Error('boom'); });
    n.onLocalPodChange(() => { ran = true; });
    n.emitPodChange({ type: 'added', pod: { id: { namespace: 'a', name: 'b' }, ip: '10.1.1.2', interface: 't', containerId: 'c' } }, (e, what) => errors.push(`${what}: ${(e as Error).message}`));
    expect(errors).toEqual(['onLocalPodChange listener: boom']);
    expect(ran).toBe(true);
  });
});
