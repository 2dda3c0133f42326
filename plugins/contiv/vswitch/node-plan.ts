/**
 * @module What the VPP configuration of this node is computed from: its addressing plan and
 * current node IP / gateway (NodePlan), the other nodes (RemoteNodePlan) and the options.
 * Types only; `contiv-node.ts` fills them, the `*-config.ts` builders read them.
 */
import type { Cidr, Ip4 } from '../../net/ipv4.ts';
import type { HostInterconnect, IfAddress, PodSubnet } from '../ipam/node-addressing.ts';

/** One physical interface of this node as configured. */
export interface PlannedInterface {
  readonly name: string;
  /** Static address (undefined with DHCP or none). */
  readonly ip?: IfAddress;
  readonly dhcp: boolean;
}

/** This node. */
export interface NodePlan {
  readonly nodeName: string;
  readonly nodeId: number;
  /** The main NIC; with DHCP its address comes from the lease (`nodeIp`). */
  readonly main: PlannedInterface;
  /** Other NICs. */
  readonly others: readonly PlannedInterface[];
  /** Current node IP (static, IPAM or the DHCP lease); undefined while DHCP has not answered. */
  readonly nodeIp?: IfAddress;
  /** Statically configured default gateway (a route is installed; DHCP installs its own). */
  readonly staticGateway?: Ip4;
  /** The node's Kubernetes InternalIP, if known and different from the node IP. */
  readonly managementIp?: Ip4;
  readonly pod: PodSubnet;
  readonly host: HostInterconnect;
  /** The VXLAN BVI address; undefined in L2 mode. */
  readonly vxlan?: IfAddress;
  readonly vxlanVni: number;
  readonly tcpStack: boolean;
  readonly tap: { readonly rxRingSize: number; readonly txRingSize: number };
}

/** Another node this node connects to. */
export interface RemoteNodePlan {
  readonly id: number;
  readonly name: string;
  /** Its node IP (no prefix). */
  readonly ip: Ip4;
  readonly podSubnet: Cidr;
  /** Its VPP-host network. */
  readonly hostNetwork: Cidr;
  /** Its VXLAN BVI address (VXLAN mode). */
  readonly vxlanIp?: Ip4;
  /** Its Kubernetes InternalIP, when different from its node IP. */
  readonly managementIp?: Ip4;
}
