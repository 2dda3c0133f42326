/**
 * @module The addressing plan of one node, derived from the IPAM config and the node ID (or
 * the Node's spec.podCIDR): pod subnet and gateway, host interconnect, VXLAN BVI and IPAM
 * node IP. Pure; each block is computed separately so a block a node does not use (VXLAN in
 * L2 mode, the IPAM node IP of a node with a static IP) cannot fail its start.
 */
import { BadInputError } from '../../../core/errors.ts';
import { IpParseError, parseCidr, type Cidr, type Ip4 } from '../../net/ipv4.ts';
import type { IpamConfig } from '../config.ts';
import { nodeHostAddress, nodeSubnet } from './node-subnet.ts';

/** An address with its prefix length (`192.168.16.1/24`). */
export interface IfAddress {
  readonly ip: Ip4;
  readonly len: number;
}

/** Where a node's pod subnet came from. */
export type PodSubnetSource = 'node-object' | 'node-id';

/** A node's pod subnet and the gateway VPP holds in it. */
export interface PodSubnet {
  readonly subnet: Cidr;
  /** First address of the subnet; VPP answers on it. */
  readonly gateway: Ip4;
  readonly source: PodSubnetSource;
}

/** The VPP-to-host link of a node. */
export interface HostInterconnect {
  readonly network: Cidr;
  /** VPP side: network + 1. */
  readonly vppIp: Ip4;
  /** Host side: network + 2. */
  readonly hostIp: Ip4;
}

/**
 * The pod subnet of a node: its Node object's `spec.podCIDR` when set, else the `nodeId`-th
 * block of `podNetworkPrefixLen` in `podSubnetCIDR`.
 * @param podCidrSource names the Node object for errors (`k8s/node/<name>`)
 * @throws {BadInputError} if the podCIDR does not parse or is smaller than /30
 * @throws {NodeIdOutOfRangeError} if derived and the node ID does not fit
 */
export function podSubnetOf(ipam: IpamConfig, nodeId: number, podCidr?: string, podCidrSource = 'Node'): PodSubnet {
  if (podCidr) {
    let subnet: Cidr;
    try {
      subnet = parseCidr(podCidr);
    } catch (err: unknown) {
      if (err instanceof IpParseError) throw new BadInputError(podCidrSource, 'spec.podCIDR', err.message, { cause: err });
      throw err;
    }
    if (subnet.len > 30) throw new BadInputError(podCidrSource, 'spec.podCIDR', `${podCidr} is too small for pods: at most /30`);
    return { subnet, gateway: (subnet.addr + 1) >>> 0, source: 'node-object' };
  }
  const subnet = nodeSubnet(parseCidr(ipam.podSubnetCIDR), nodeId, ipam.podNetworkPrefixLen, 'pod subnet');
  return { subnet, gateway: (subnet.addr + 1) >>> 0, source: 'node-id' };
}

/**
 * The host interconnect of a node: the `nodeId`-th block of `vppHostNetworkPrefixLen` in
 * `vppHostSubnetCIDR`; VPP takes the first address, the host the second.
 * @throws {NodeIdOutOfRangeError}
 */
export function hostInterconnectOf(ipam: IpamConfig, nodeId: number): HostInterconnect {
  const network = nodeSubnet(parseCidr(ipam.vppHostSubnetCIDR), nodeId, ipam.vppHostNetworkPrefixLen, 'VPP-host subnet');
  return { network, vppIp: (network.addr + 1) >>> 0, hostIp: (network.addr + 2) >>> 0 };
}

/** The VXLAN BVI address of a node: host part `nodeId` of `vxlanCIDR`. @throws {NodeIdOutOfRangeError} */
export function vxlanAddressOf(ipam: IpamConfig, nodeId: number): IfAddress {
  const subnet = parseCidr(ipam.vxlanCIDR);
  return { ip: nodeHostAddress(subnet, nodeId, 'VXLAN address'), len: subnet.len };
}

/** The IPAM node IP of a node: host part `nodeId` of `nodeInterconnectCIDR`. @throws {NodeIdOutOfRangeError} */
export function ipamNodeIpOf(ipam: IpamConfig, nodeId: number): IfAddress {
  const subnet = parseCidr(ipam.nodeInterconnectCIDR);
  return { ip: nodeHostAddress(subnet, nodeId, 'node interconnect address'), len: subnet.len };
}
