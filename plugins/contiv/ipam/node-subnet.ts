/**
 * @module Placing a node ID into an address block: the per-node subnet of a cluster subnet,
 * or the node's host address in a shared subnet. Pure; IDs that do not fit are an error,
 * never silently trimmed (the original truncated IDs to 8 bits and masked them into the
 * available bits, so node 257 got node 1's subnet).
 */
import { formatCidr, maskOf, type Cidr, type Ip4 } from '../../net/ipv4.ts';
import { NodeIdOutOfRangeError } from '../errors.ts';

/**
 * The `nodeId`-th subnet of length `nodePrefixLen` inside `cluster`: the node ID occupies the
 * bits between the two prefix lengths ("host-ID trimming" of the original without the wrap).
 * @param what name of the block for the error (`pod subnet`)
 * @throws {NodeIdOutOfRangeError} if `nodeId` < 1 or does not fit in `nodePrefixLen - cluster.len` bits
 * @throws {RangeError} if `nodePrefixLen` is not longer than the cluster prefix
 * @example nodeSubnet(parseCidr('10.1.0.0/16'), 3, 24, 'pod subnet') // → 10.1.3.0/24
 */
export function nodeSubnet(cluster: Cidr, nodeId: number, nodePrefixLen: number, what: string): Cidr {
  if (nodePrefixLen <= cluster.len || nodePrefixLen > 32) {
    throw new RangeError(`per-node prefix /${nodePrefixLen} must be longer than /${cluster.len} and at most /32`);
  }
  const maxId = 2 ** (nodePrefixLen - cluster.len) - 1;
  if (!Number.isInteger(nodeId) || nodeId < 1 || nodeId > maxId) {
    throw new NodeIdOutOfRangeError(what, nodeId, formatCidr(cluster), maxId);
  }
  const addr = (cluster.addr & maskOf(cluster.len)) >>> 0;
  return { addr: (addr + nodeId * 2 ** (32 - nodePrefixLen)) >>> 0, len: nodePrefixLen };
}

/**
 * The address of node `nodeId` in a subnet shared by all nodes (node IPs, VXLAN BVIs): the
 * node ID is the host part. The network and broadcast addresses are never returned.
 * @throws {NodeIdOutOfRangeError} if the node ID is < 1 or hits the broadcast address or beyond
 * @example nodeHostAddress(parseCidr('192.168.16.0/24'), 5, 'node IP') // → 192.168.16.5
 */
export function nodeHostAddress(subnet: Cidr, nodeId: number, what: string): Ip4 {
  const size = 2 ** (32 - subnet.len);
  const maxId = subnet.len >= 31 ? size - 1 : size - 2;
  if (!Number.isInteger(nodeId) || nodeId < 1 || nodeId > maxId) {
    throw new NodeIdOutOfRangeError(what, nodeId, formatCidr(subnet), Math.max(0, maxId));
  }
  return (subnet.addr + nodeId) >>> 0;
}
