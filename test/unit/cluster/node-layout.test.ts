import { describe, expect, it } from 'vitest';
import { NodeLayout } from '../../../cluster/node-layout.ts';

const RESERVED = [{ name: 'service CIDR', cidr: '10.96.0.0/12' }];

describe('NodeLayout', () => {
  it('NodeLayout() numbers nodes without addresses or pod CIDRs like contiv\'s IPAM, in name order', () => {
    const l = new NodeLayout([{ name: 'b', source: 's' }, { name: 'a', source: 's' }]);
    expect(l.nodes()).toEqual([{ name: 'a', address: '192.168.16.1', podCIDR: '10.1.1.0/24' }, { name: 'b', address: '192.168.16.2', podCIDR: '10.1.2.0/24' }]);
    expect(l.gateway).toBe(0xc0a810fe);
  });

  it('NodeLayout() keeps given InternalIPs and pod CIDRs and fills the others around them', () => {
    const l = new NodeLayout([
      { name: 'a', source: 's', internalIp: '192.168.16.2', podCIDR: '10.1.1.0/24' },
      { name: 'b', source: 's' },
    ]);
    expect(l.nodes()).toEqual([{ name: 'a', address: '192.168.16.2', podCIDR: '10.1.1.0/24' }, { name: 'b', address: '192.168.16.1', podCIDR: '10.1.2.0/24' }]);
  });

  it('NodeLayout() widens the segment and the pod subnet to cover what the Nodes give', () => {
    const l = new NodeLayout([
      { name: 'a', source: 's', internalIp: '10.0.5.11', podCIDR: '10.244.1.0/24' },
      { name: 'b', source: 's', internalIp: '10.0.5.12', podCIDR: '10.244.2.0/24' },
    ], { reserved: RESERVED });
    expect([l.segment, l.podSubnet]).toEqual([{ addr: 0x0a000500, len: 24 }, { addr: 0x0af40000, len: 16 }]);
    expect(l.add({ name: 'c', source: 's' })).toEqual({ name: 'c', address: '10.0.5.1', podCIDR: '10.244.3.0/24' });
  });

  it.each([
    ['a taken InternalIP', [{ name: 'a', source: 'n1', internalIp: '192.168.16.5' }, { name: 'b', source: 'n2', internalIp: '192.168.16.5' }], 'n2 status.addresses: InternalIP 192.168.16.5 is already the address of node a'],
    ['overlapping pod CIDRs', [{ name: 'a', source: 'n1', podCIDR: '10.1.0.0/23' }, { name: 'b', source: 'n2', podCIDR: '10.1.1.0/24' }], 'n2 spec.podCIDR: 10.1.1.0/24 overlaps the pod CIDR 10.1.0.0/23 of node a'],
    ['a pod CIDR in the service CIDR', [{ name: 'a', source: 'n1', podCIDR: '10.96.1.0/24' }], 'n1 spec.podCIDR: the cluster pod subnet 10.96.0.0/16 overlaps the service CIDR 10.96.0.0/12'],
    ['too small a pod CIDR', [{ name: 'a', source: 'n1', podCIDR: '10.1.1.0/31' }], 'n1 spec.podCIDR: 10.1.1.0/31 is too small for pods: at most /30'],
  ])('NodeLayout() refuses %s naming the Node and field', (_what, requests, message) => {
    expect(() => new NodeLayout(requests, { reserved: RESERVED })).toThrow(message);
  });

  it('add() keeps a known node and refuses to re-address it', () => {
    const l = new NodeLayout([{ name: 'a', source: 's' }]);
    expect(l.add({ name: 'a', source: 's2' })).toEqual({ name: 'a', address: '192.168.16.1', podCIDR: '10.1.1.0/24' });
    expect(() => l.add({ name: 'a', source: 's2', podCIDR: '10.1.9.0/24' })).toThrow('s2 spec.podCIDR: 10.1.9.0/24 differs from the node\'s pod CIDR 10.1.1.0/24 (spec.podCIDR is immutable)');
    expect(() => l.add({ name: 'a', source: 's2', internalIp: '192.168.16.9' })).toThrow('cannot re-address a running node');
  });
});
