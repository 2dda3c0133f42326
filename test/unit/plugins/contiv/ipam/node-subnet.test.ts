import { describe, expect, it } from 'vitest';
import { NodeIdOutOfRangeError } from '../../../../../plugins/contiv/errors.ts';
import { nodeHostAddress, nodeSubnet } from '../../../../../plugins/contiv/ipam/node-subnet.ts';
import { formatCidr, formatIp4, parseCidr } from '../../../../../plugins/net/ipv4.ts';

const sub = (cluster: string, id: number, len: number) => formatCidr(nodeSubnet(parseCidr(cluster), id, len, 'pod subnet'));

describe('nodeSubnet', () => {
  it('nodeSubnet() places the node ID in the bits between the two prefixes', () => {
    expect(sub('10.1.0.0/16', 1, 24)).toBe('10.1.1.0/24');
    expect(sub('10.1.0.0/16', 255, 24)).toBe('10.1.255.0/24');
    expect(sub('172.30.0.0/16', 7, 24)).toBe('172.30.7.0/24');
  });

  it('nodeSubnet() keeps only the bits the prefixes leave (/19 → /24 = 5 bits) and rejects IDs beyond them', () => {
    expect(sub('10.1.0.0/19', 31, 24)).toBe('10.1.31.0/24');
    const err = (() => {
      try {
        sub('10.1.0.0/19', 32, 24);
      } catch (e: unknown) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(NodeIdOutOfRangeError);
    expect(err).toMatchObject({ nodeId: 32, maxId: 31, subnet: '10.1.0.0/19', what: 'pod subnet', code: 'NODE_ID_OUT_OF_RANGE' });
  });

  it('nodeSubnet() gives IDs beyond 255 their own subnet instead of wrapping', () => {
    expect(sub('10.0.0.0/8', 256, 24)).toBe('10.1.0.0/24');
    expect(sub('10.0.0.0/8', 300, 24)).toBe('10.1.44.0/24');
    expect(sub('10.0.0.0/8', 65535, 24)).toBe('10.255.255.0/24');
    expect(() => sub('10.0.0.0/8', 65536, 24)).toThrow(/node ID 65536 does not fit the pod subnet in 10.0.0.0\/8: at most 65535 nodes fit/);
    expect(() => sub('10.1.0.0/16', 256, 24)).toThrow(NodeIdOutOfRangeError);
  });

  it('nodeSubnet() handles small per-node prefixes', () => {
    expect(sub('10.1.0.0/16', 1, 30)).toBe('10.1.0.4/30');
    expect(sub('10.1.0.0/16', 16383, 30)).toBe('10.1.255.252/30');
    expect(() => sub('10.1.0.0/16', 16384, 30)).toThrow(NodeIdOutOfRangeError);
  });

  it('nodeSubnet() masks host bits of the cluster subnet and rejects node ID 0', () => {
    expect(formatCidr(nodeSubnet({ addr: parseCidr('10.1.0.0/16').addr + 5, len: 16 }, 2, 24, 'x'))).toBe('10.1.2.0/24');
    expect(() => sub('10.1.0.0/16', 0, 24)).toThrow(NodeIdOutOfRangeError);
  });

  it('nodeSubnet() rejects a per-node prefix not longer than the cluster prefix', () => {
    expect(() => sub('10.1.0.0/16', 1, 16)).toThrow(RangeError);
  });
});

describe('nodeHostAddress', () => {
  const host = (subnet: string, id: number) => formatIp4(nodeHostAddress(parseCidr(subnet), id, 'node IP'));

  it('nodeHostAddress() uses the node ID as host part', () => {
    expect(host('192.168.16.0/24', 1)).toBe('192.168.16.1');
    expect(host('192.168.16.0/24', 254)).toBe('192.168.16.254');
    expect(host('10.0.0.0/16', 300)).toBe('10.0.1.44');
  });

  it('nodeHostAddress() never hands out the broadcast address or the network address', () => {
    expect(() => host('192.168.16.0/24', 255)).toThrow(/node ID 255 does not fit the node IP in 192.168.16.0\/24: at most 254/);
    expect(() => host('192.168.16.0/24', 0)).toThrow(NodeIdOutOfRangeError);
  });
});
