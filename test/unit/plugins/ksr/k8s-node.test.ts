import { describe, expect, it } from 'vitest';
import { decodeNode } from '../../../../plugins/ksr/k8s-node.ts';

describe('decodeNode', () => {
  it('decodeNode() takes the first IPv4 pod CIDR and IPv4 addresses', () => {
    expect(decodeNode({
      metadata: { name: 'n1' },
      spec: { podCIDR: 'fd00:1::/64', podCIDRs: ['fd00:1::/64', '10.1.1.0/24'] },
      status: { addresses: [{ type: 'InternalIP', address: 'fd00::1' }, { type: 'InternalIP', address: '192.168.16.1' }, { type: 'Hostname', address: 'n1' }] },
    }, 'k')).toEqual({ name: 'n1', podCIDR: '10.1.1.0/24', addresses: [{ type: 'InternalIP', address: '192.168.16.1' }, { type: 'Hostname', address: 'n1' }] });
  });

  it('decodeNode() rejects a bad pod CIDR naming the field', () => {
    expect(() => decodeNode({ metadata: { name: 'n' }, spec: { podCIDR: '10.1.1.0/33' } }, 'k')).toThrow(expect.objectContaining({ field: 'spec.podCIDR' }));
  });
});
