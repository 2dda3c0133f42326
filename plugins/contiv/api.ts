/** @module The contiv plugin's public face: node, IPAM and pod wiring facts as `CONTIV_API`. */
import type { InjectionToken } from 'tsyringe';
import type { ObjectId } from '../ksr/model.ts';

/** A pod wired on this node. */
export interface LocalPod {
  readonly id: ObjectId;
  /** Pod IP (no prefix). */
  readonly ip: string;
  /** Name of the VPP interface facing the pod. */
  readonly interface: string;
  /** CNI container ID. */
  readonly containerId: string;
  /**
   * @deprecated Never set: VPP numbers app namespaces itself (see `appNamespace`). Was contiv's
   * own guess of the index, which VPP does not follow once a pod was deleted.
   */
  readonly appNsIndex?: number;
  /**
   * Id of the pod's app namespace (`vpp/session/appns/<id>`, VPP session layer), when the TCP
   * stack is on. VPP's index of it is the reconciler's metadata of that key.
   */
  readonly appNamespace?: string;
}

/** Another node of the cluster as this node sees it. */
export interface RemoteNode {
  readonly name: string;
  readonly id: number;
  /** Node interconnect IP (no prefix), if known. */
  readonly ip?: string;
  /** Its pod subnet (`10.1.2.0/24`). */
  readonly podSubnet: string;
  /** Its VXLAN BVI address (no prefix). */
  readonly vxlanIp?: string;
}

/** A change of this node's pods: wired (CNI ADD) or unwired (CNI DEL). */
export interface LocalPodChange {
  readonly type: 'added' | 'removed';
  readonly pod: LocalPod;
}

/** What the contiv plugin offers other plugins. Getters are valid after the initial resync. */
export interface ContivApi {
  /** This node's name. */
  nodeName(): string;
  /** This node's ID (>= 1). */
  nodeId(): number;
  /** The cluster-wide pod subnet (`10.1.0.0/16`). */
  clusterPodSubnet(): string;
  /** This node's pod subnet (`10.1.1.0/24`). */
  podSubnet(): string;
  /** Gateway address of the pod subnet on VPP (no prefix). */
  podGateway(): string;
  /** The service CIDR. */
  serviceCidr(): string;
  /** Node IP with prefix (`192.168.16.1/24`), undefined while DHCP has not answered. */
  nodeIp(): string | undefined;
  /** Default gateway (no prefix), if any. */
  defaultGateway(): string | undefined;
  /** Every address this node answers on (node IP, other NIC IPs, host interconnect), no prefix. */
  nodeAddresses(): readonly string[];
  /** Calls `listener` (inside the event loop) when the node IP or gateway changes. */
  onNodeIpChange(listener: (ip: string | undefined, gateway: string | undefined) => void): void;
  /** Name of the main VPP interface (towards other nodes / the gateway). */
  mainInterface(): string;
  /** Other physical VPP interfaces with their addresses (with prefix). */
  otherInterfaces(): readonly { readonly name: string; readonly ip?: string }[];
  /** Name of the VXLAN BVI, undefined in L2 mode. */
  vxlanBvi(): string | undefined;
  /** Name of the VPP side of the host interconnect. */
  hostInterconnect(): string;
  /** The host-side address of the host interconnect (no prefix). */
  hostInterconnectHostIp(): string;
  /** The interfaces through which traffic leaves the node (not to pods). */
  outboundInterfaces(): readonly string[];
  /** Whether nodes are joined by plain L2 (no VXLAN). */
  isL2Mode(): boolean;
  /** Whether the VPP TCP stack (session layer) is used for pods. */
  tcpStackEnabled(): boolean;
  /** Whether pods' traffic to outside the cluster is source-NATed. */
  natExternalTraffic(): boolean;
  /** Pods wired on this node, sorted by namespace/name. */
  localPods(): readonly LocalPod[];
  /** A local pod by ID. */
  localPod(id: ObjectId): LocalPod | undefined;
  /**
   * @deprecated Always undefined: contiv does not know VPP's app-namespace indexes (a pod's
   * namespace is `LocalPod.appNamespace`, by id).
   */
  localPodByAppNs(index: number): LocalPod | undefined;
  /** Calls `listener` (inside the event loop) when a local pod is wired or unwired. */
  onLocalPodChange(listener: (change: LocalPodChange) => void): void;
  /** Other nodes known from the store, sorted by name. */
  remoteNodes(): readonly RemoteNode[];
}

/** Token of the contiv plugin's API. */
export const CONTIV_API: InjectionToken<ContivApi> = Symbol('contiv.ContivApi');
