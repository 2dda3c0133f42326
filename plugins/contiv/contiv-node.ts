/**
 * @module ContivNode: this node's contiv state — node ID, addressing, node IP and gateway,
 * the other nodes, the wired pods and their IPs — and the `ContivApi` view of it. No I/O:
 * the plugin shell feeds it store contents and events, persists what it decides and turns
 * `desired()` into VPP transactions.
 */
import { BadInputError } from '../../core/errors.ts';
import type { Node, ObjectId } from '../ksr/model.ts';
import { formatCidr, formatIp4, parseCidr, parseIp4, type Ip4 } from '../net/ipv4.ts';
import type { ContivApi, LocalPod, LocalPodChange, RemoteNode } from './api.ts';
import type { ContivConfig } from './config.ts';
import type { DhcpLease } from './dhcp-lease.ts';
import { AddressConflictError, ContivNotReadyError } from './errors.ts';
import {
  hostInterconnectOf, ipamNodeIpOf, podSubnetOf, vxlanAddressOf, type HostInterconnect, type IfAddress, type PodSubnet,
} from './ipam/node-addressing.ts';
import type { NodeInfo } from './node-id/node-info.ts';
import { nodeSettings, type NodeSettings } from './node-settings.ts';
import type { WiredPod } from './pod/local-pod-registry.ts';
import { LocalPods, type DroppedPod, type PodAddition } from './pod/local-pods.ts';
import type { PodRecord } from './pod/pod-record.ts';
import { internalIpOf, remoteNodes, type RemoteNodesView } from './remote/remote-nodes.ts';
import type { DesiredState } from './vswitch/desired-state.ts';
import { formatIfAddress } from './vswitch/base-config.ts';
import type { NodePlan } from './vswitch/node-plan.ts';
import { HOST_INTERCONNECT_TAP, VXLAN_BVI } from './vswitch/vswitch-names.ts';
import { vswitchState } from './vswitch/vswitch-state.ts';

/** What a resync rebuilds the state from. */
export interface ContivResyncInput {
  /** Every `allocatedIDs/` entry (own included). */
  readonly infos: readonly NodeInfo[];
  /** This node's persisted pod records. */
  readonly records: readonly PodRecord[];
  /** Every Kubernetes Node object. */
  readonly k8sNodes: readonly Node[];
}

/** Something a listener threw; reported by the shell. */
export type ListenerErrorSink = (err: unknown, what: string) => void;

/** This node's contiv state and its ContivApi view. */
export class ContivNode implements ContivApi {
  protected readonly settings: NodeSettings;
  /** Pods wired on this node and their IPs. */
  protected readonly local: LocalPods;
  private own?: NodeInfo;
  private host?: HostInterconnect;
  private vxlan?: IfAddress;
  private subnet?: PodSubnet;
  private readonly infos = new Map<number, NodeInfo>();
  private readonly k8sNodes = new Map<string, Node>();
  private lease?: DhcpLease;
  private remoteView: RemoteNodesView = { nodes: [], plans: [], problems: [] };
  private readonly ipListeners: ((ip: string | undefined, gw: string | undefined) => void)[] = [];
  private readonly podListeners: ((c: LocalPodChange) => void)[] = [];
  private notified?: string;
  private resynced = false;
  private podCidrProblem?: Record<string, unknown>;

  constructor(protected readonly config: ContivConfig, private readonly node: string) {
    this.settings = nodeSettings(config, node);
    this.local = new LocalPods(config.tcpStack);
  }

  // ---------------------------------------------------------------- ContivApi

  nodeName(): string { return this.node; }
  nodeId(): number { return this.ownInfo().id; }
  clusterPodSubnet(): string { return formatCidr(parseCidr(this.config.ipam.podSubnetCIDR)); }
  podSubnet(): string { return formatCidr(this.podSubnetInfo().subnet); }
  podGateway(): string { return formatIp4(this.podSubnetInfo().gateway); }
  serviceCidr(): string { return formatCidr(parseCidr(this.config.ipam.serviceCIDR)); }
  nodeIp(): string | undefined {
    const ip = this.currentNodeIp();
    return ip ? formatIfAddress(ip) : undefined;
  }
  defaultGateway(): string | undefined {
    const gw = this.currentGateway();
    return gw === undefined ? undefined : formatIp4(gw);
  }
  nodeAddresses(): readonly string[] {
    const out: string[] = [];
    const ip = this.currentNodeIp();
    if (ip) out.push(formatIp4(ip.ip));
    for (const o of this.settings.others) if (o.ip) out.push(formatIp4(o.ip.ip));
    if (this.host) out.push(formatIp4(this.host.vppIp));
    return [...new Set(out)];
  }
  onNodeIpChange(listener: (ip: string | undefined, gateway: string | undefined) => void): void { this.ipListeners.push(listener); }
  mainInterface(): string { return this.settings.main.name; }
  otherInterfaces(): readonly { readonly name: string; readonly ip?: string }[] {
    return this.settings.others.map((o) => ({ name: o.name, ...(o.ip ? { ip: formatIfAddress(o.ip) } : {}) }));
  }
  vxlanBvi(): string | undefined { return this.config.l2Interconnect ? undefined : VXLAN_BVI; }
  hostInterconnect(): string { return HOST_INTERCONNECT_TAP; }
  hostInterconnectHostIp(): string { return formatIp4(this.hostInfo().hostIp); }
  outboundInterfaces(): readonly string[] {
    const bvi = this.vxlanBvi();
    return [this.settings.main.name, ...this.settings.others.map((o) => o.name), ...(bvi ? [bvi] : []), HOST_INTERCONNECT_TAP];
  }
  isL2Mode(): boolean { return this.config.l2Interconnect; }
  tcpStackEnabled(): boolean { return this.config.tcpStack; }
  natExternalTraffic(): boolean { return this.settings.natExternalTraffic; }
  localPods(): readonly LocalPod[] { return this.local.registry.list().map((p) => p.local); }
  localPod(id: ObjectId): LocalPod | undefined { return this.local.registry.get(id)?.local; }
  localPodByAppNs(_index: number): LocalPod | undefined { return undefined; }
  localPodByInterface(name: string): LocalPod | undefined { return this.local.registry.byInterface(name)?.local; }
  onLocalPodChange(listener: (change: LocalPodChange) => void): void { this.podListeners.push(listener); }
  remoteNodes(): readonly RemoteNode[] { return this.remoteView.nodes; }

  // ---------------------------------------------------------------- state

  /** Whether the initial resync completed. */
  isReady(): boolean { return this.resynced; }

  /**
   * Adopts this node's registry entry and checks that its ID fits every address block this
   * node derives from it. @throws {NodeIdOutOfRangeError} @throws {AddressConflictError}
   */
  bindNodeId(info: NodeInfo): void {
    this.own = info;
    this.infos.set(info.id, info);
    this.host = hostInterconnectOf(this.config.ipam, info.id);
    if (!this.config.l2Interconnect) this.vxlan = vxlanAddressOf(this.config.ipam, info.id);
    const ip = this.currentNodeIp();
    const gw = this.settings.gateway;
    if (this.settings.ipSource === 'ipam' && ip && gw === ip.ip) {
      throw new AddressConflictError(formatIp4(gw), `node ${this.node} (ID ${info.id}) would get its gateway's address from nodeInterconnectCIDR; configure a static IP`);
    }
  }

  /** The entry this node should have in the registry now (ID, node IP, management IP). */
  wantedInfo(): NodeInfo {
    const ip = this.nodeIp();
    const mgmt = internalIpOf(this.k8sNodes.get(this.node));
    return { id: this.ownInfo().id, name: this.node, ...(ip ? { ipAddress: ip } : {}), ...(mgmt ? { managementIpAddress: mgmt } : {}) };
  }

  /** The node IP now: static, IPAM, or the DHCP lease (undefined until it arrives). */
  currentNodeIp(): IfAddress | undefined {
    switch (this.settings.ipSource) {
      case 'static': return this.settings.main.ip;
      case 'dhcp': return this.lease?.address;
      case 'ipam': return this.own ? ipamNodeIpOf(this.config.ipam, this.own.id) : undefined;
    }
  }

  /** The default gateway now: the lease's router with DHCP, else the configured one. */
  currentGateway(): Ip4 | undefined {
    return (this.settings.ipSource === 'dhcp' ? this.lease?.router : undefined) ?? this.settings.gateway;
  }

  /** Rebuilds the state from the store. @returns the pod records that could not be restored */
  resyncState(input: ContivResyncInput): readonly DroppedPod[] {
    const own = this.ownInfo();
    this.infos.clear();
    for (const i of input.infos) this.infos.set(i.id, i);
    const stored = this.infos.get(own.id);
    this.infos.set(own.id, stored?.name === this.node ? stored : own);
    this.k8sNodes.clear();
    for (const n of input.k8sNodes) this.k8sNodes.set(n.name, n);
    this.subnet = this.computePodSubnet();
    const dropped = this.local.reset(this.subnet, input.records);
    this.refreshRemotes();
    this.resynced = true;
    return dropped;
  }

  /** A registry entry was put. */
  setNodeInfo(info: NodeInfo): void {
    if (info.id === this.own?.id && info.name !== this.node) return;
    this.infos.set(info.id, info);
    this.refreshRemotes();
  }

  /** A registry entry was deleted. @returns whether it was this node's own */
  deleteNodeInfo(id: number): boolean {
    if (id === this.own?.id) return true;
    this.infos.delete(id);
    this.refreshRemotes();
    return false;
  }

  /**
   * A Kubernetes Node was put (or deleted: `node` undefined). A new pod CIDR of this node is
   * adopted at once when no pod is wired, else at the next resync.
   * @returns whether this node's own pod CIDR change is pending
   */
  setK8sNode(name: string, node: Node | undefined): boolean {
    if (node) this.k8sNodes.set(name, node);
    else this.k8sNodes.delete(name);
    this.refreshRemotes();
    if (name !== this.node || !this.subnet) return false;
    const next = this.computePodSubnet();
    if (formatCidr(next.subnet) === formatCidr(this.subnet.subnet)) return false;
    if (!this.local.resubnet(next)) return true;
    this.subnet = next;
    return false;
  }

  /** A DHCP lease was bound. @returns whether node IP or gateway changed */
  setLease(lease: DhcpLease | undefined): boolean {
    const before = this.ipKey();
    this.lease = lease;
    return this.ipKey() !== before;
  }

  /** The current DHCP lease. */
  currentLease(): DhcpLease | undefined { return this.lease; }

  /** Problems with other nodes' entries (left out of the interconnect). */
  remoteProblems(): RemoteNodesView['problems'] { return this.remoteView.problems; }

  /** Why this node's Node.spec.podCIDR is not used, if it is set but unusable. */
  podCidrIssue(): Record<string, unknown> | undefined { return this.podCidrProblem; }

  /** Prepares a CNI ADD (see {@linkcode LocalPods.prepare}); needs the initial resync. */
  preparePod(id: ObjectId, containerId: string, netns: string, ifName: string, requestedIp?: string): PodAddition {
    if (!this.resynced) throw new ContivNotReadyError('wire a pod');
    return this.local.prepare(id, containerId, netns, ifName, requestedIp);
  }

  /** The wired pod of a container. */
  podByContainer(containerId: string): WiredPod | undefined { return this.local.registry.byContainer(containerId); }

  /** What the VPP configuration is computed from. */
  plan(): NodePlan {
    const own = this.ownInfo();
    const nodeIp = this.currentNodeIp();
    const mgmtText = internalIpOf(this.k8sNodes.get(this.node));
    const mgmt = mgmtText ? parseIp4(mgmtText) : undefined;
    return {
      nodeName: this.node,
      nodeId: own.id,
      main: this.settings.ipSource === 'ipam' && nodeIp ? { ...this.settings.main, ip: nodeIp } : this.settings.main,
      others: this.settings.others,
      ...(nodeIp ? { nodeIp } : {}),
      ...(this.settings.gateway !== undefined ? { staticGateway: this.settings.gateway } : {}),
      ...(mgmt !== undefined && mgmt !== nodeIp?.ip ? { managementIp: mgmt } : {}),
      pod: this.podSubnetInfo(),
      host: this.hostInfo(),
      ...(this.vxlan ? { vxlan: this.vxlan } : {}),
      vxlanVni: this.config.vxlanVni,
      tcpStack: this.config.tcpStack,
      tap: this.config.tap,
    };
  }

  /** The complete desired VPP state of contiv on this node. */
  desired(): DesiredState {
    return vswitchState(this.plan(), this.remoteView.plans, this.local.registry.list());
  }

  /** Calls the node-IP listeners if node IP or gateway changed since the last call (not for the initial value). */
  emitNodeIpChange(onError: ListenerErrorSink): void {
    const key = this.ipKey();
    const first = this.notified === undefined;
    if (key === this.notified) return;
    this.notified = key;
    if (first) return;
    const ip = this.nodeIp();
    const gw = this.defaultGateway();
    for (const l of this.ipListeners) {
      try {
        l(ip, gw);
      } catch (err: unknown) {
        onError(err, 'onNodeIpChange listener');
      }
    }
  }

  /** Calls the local-pod listeners. */
  emitPodChange(change: LocalPodChange, onError: ListenerErrorSink): void {
    for (const l of this.podListeners) {
      try {
        l(change);
      } catch (err: unknown) {
        onError(err, 'onLocalPodChange listener');
      }
    }
  }

  private ipKey(): string {
    return `${this.nodeIp() ?? ''}|${this.defaultGateway() ?? ''}`;
  }

  /** The Node's podCIDR when usable, else the subnet derived from the node ID. */
  private computePodSubnet(): PodSubnet {
    const podCidr = this.k8sNodes.get(this.node)?.podCIDR;
    this.podCidrProblem = undefined;
    try {
      return podSubnetOf(this.config.ipam, this.ownInfo().id, podCidr, `k8s/node/${this.node}`);
    } catch (err: unknown) {
      if (!(err instanceof BadInputError)) throw err;
      this.podCidrProblem = err.toJSON();
      return podSubnetOf(this.config.ipam, this.ownInfo().id);
    }
  }

  private refreshRemotes(): void {
    this.remoteView = remoteNodes({
      ownName: this.node,
      ipam: this.config.ipam,
      vxlan: !this.config.l2Interconnect,
      infos: this.infos.values(),
      k8sNodes: this.k8sNodes,
    });
  }

  private ownInfo(): NodeInfo {
    if (!this.own) throw new ContivNotReadyError('read the node ID');
    return this.own;
  }

  private podSubnetInfo(): PodSubnet {
    if (!this.subnet) throw new ContivNotReadyError('read the pod subnet');
    return this.subnet;
  }

  private hostInfo(): HostInterconnect {
    if (!this.host) throw new ContivNotReadyError('read the host interconnect');
    return this.host;
  }

}
