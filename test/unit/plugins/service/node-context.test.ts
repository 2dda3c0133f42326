import { describe, expect, it } from 'vitest';
import { isLocalEndpoint, readNodeContext, sortIp4s } from '../../../../plugins/service/node-context.ts';
import { FakeContiv } from '../../../plugins/service-fakes.ts';
import { nodeContext } from './service-fixtures.ts';

describe('readNodeContext', () => {
  it('readNodeContext() collects this node\'s addresses and other nodes\' addresses from contiv and the Node objects', () => {
    const contiv = new FakeContiv();
    contiv.seedPod({ id: { namespace: 'default', name: 'b' }, ip: '10.1.1.3', interface: 'tap1', containerId: 'c1' });
    contiv.seedPod({ id: { namespace: 'default', name: 'a' }, ip: '10.1.1.2', interface: 'tap0', containerId: 'c0' });
    const ctx = readNodeContext(contiv, [
      { name: 'node1', addresses: [{ type: 'InternalIP', address: '10.0.0.1' }, { type: 'Hostname', address: 'node1' }] },
      { name: 'node2', addresses: [{ type: 'InternalIP', address: '10.0.0.2' }, { type: 'ExternalIP', address: '198.51.100.2' }] },
      { name: 'node3', addresses: [{ type: 'InternalIP', address: '192.168.16.1' }] },
    ]);
    expect(ctx.ownAddresses).toEqual(['10.0.0.1', '192.168.16.1']);
    expect(ctx.otherNodeAddresses).toEqual(['10.0.0.2', '192.168.16.2', '198.51.100.2']);
    expect(ctx.podInterfaces).toEqual(['tap0', 'tap1']);
    expect(ctx).toMatchObject({ nodeName: 'node1', nodeIp: '192.168.16.1/24', gateway: '192.168.16.254', vxlanBvi: 'vxlanBVI', l2Mode: false });
  });

  it('readNodeContext() leaves the node IP and gateway out while DHCP has not answered', () => {
    const contiv = new FakeContiv();
    contiv.setNodeIp(undefined, undefined);
    const ctx = readNodeContext(contiv, []);
    expect('nodeIp' in ctx || 'gateway' in ctx).toBe(false);
    expect(ctx.ownAddresses).toEqual([]);
  });
});

describe('isLocalEndpoint', () => {
  it.each([
    ['its node name is this node', 'node1', '10.1.2.2', true],
    ['its node name is another node, whatever the address', 'node2', '10.1.1.2', false],
    ['without node name, its address is in this node\'s pod subnet', undefined, '10.1.1.9', true],
    ['without node name, its address is one of this node\'s', undefined, '192.168.16.1', true],
    ['without node name, its address is elsewhere', undefined, '10.1.2.9', false],
  ] as const)('isLocalEndpoint() is %s → %s', (_case, nodeName, ip, local) => {
    expect(isLocalEndpoint(nodeContext(), nodeName, ip)).toBe(local);
  });
});

describe('sortIp4s', () => {
  it('sortIp4s() sorts numerically, drops duplicates and non-IPv4 strings', () => {
    expect(sortIp4s(['10.0.0.10', '10.0.0.9', 'fd00::1', '10.0.0.9', 'x'])).toEqual(['10.0.0.9', '10.0.0.10']);
  });
});
