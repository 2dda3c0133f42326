/**
 * @module The other nodes as this node sees them: their registry entries (`allocatedIDs/`)
 * joined with their Kubernetes Node objects (pod CIDR, InternalIP), turned into what the API
 * reports and what the interconnect is built from. Pure; a node whose entry cannot be used
 * is reported as a problem and left out, the others go on.
 */
import { BadInputError, errorMessage, errorToJSON } from '../../../core/errors.ts';
import { formatCidr, formatIp4, isIp4, parseIfAddress, parseIp4, type Ip4 } from '../../net/ipv4.ts';
import type { Node } from '../../ksr/model.ts';
import type { RemoteNode } from '../api.ts';
import type { IpamConfig } from '../config.ts';
import { hostInterconnectOf, podSubnetOf, vxlanAddressOf } from '../ipam/node-addressing.ts';
import { nodeInfoKey, type NodeInfo } from '../node-id/node-info.ts';
import type { RemoteNodePlan } from '../vswitch/node-plan.ts';

/** Inputs of {@linkcode remoteNodes}. */
export interface RemoteNodeInputs {
  readonly ownName: string;
  readonly ipam: IpamConfig;
  /** VXLAN mode (remote BVI addresses needed). */
  readonly vxlan: boolean;
  /** Registry entries of all nodes (own included; it is skipped). */
  readonly infos: Iterable<NodeInfo>;
  /** Kubernetes Node objects by name. */
  readonly k8sNodes: ReadonlyMap<string, Node>;
}

/** A remote node that could not be used, with why. */
export interface RemoteNodeProblem {
  readonly node: string;
  readonly id: number;
  readonly error: Record<string, unknown>;
}

/** Result of {@linkcode remoteNodes}. */
export interface RemoteNodesView {
  /** Every other node with an entry, sorted by name. */
  readonly nodes: readonly RemoteNode[];
  /** Nodes that publish a node IP and can be connected, sorted by ID. */
  readonly plans: readonly RemoteNodePlan[];
  readonly problems: readonly RemoteNodeProblem[];
}

/** The Kubernetes InternalIP of a Node, if it has one. */
export function internalIpOf(node: Node | undefined): string | undefined {
  const a = node?.addresses.find((x) => x.type === 'InternalIP' && isIp4(x.address));
  return a?.address;
}

/** Joins registry entries and Node objects into the view of the other nodes. */
export function remoteNodes(inputs: RemoteNodeInputs): RemoteNodesView {
  const nodes: RemoteNode[] = [];
  const plans: RemoteNodePlan[] = [];
  const problems: RemoteNodeProblem[] = [];
  const seen = new Set<string>();
  // a node with two entries (a leftover) is taken at its lowest ID
  for (const info of [...inputs.infos].sort((a, b) => a.id - b.id)) {
    if (info.name === inputs.ownName || seen.has(info.name)) continue;
    seen.add(info.name);
    const k8s = inputs.k8sNodes.get(info.name);
    try {
      const pod = podSubnetOf(inputs.ipam, info.id, k8s?.podCIDR, `k8s/node/${info.name}`);
      const vxlanIp = inputs.vxlan ? vxlanAddressOf(inputs.ipam, info.id).ip : undefined;
      const ip = info.ipAddress ? parseNodeIp(info) : undefined;
      const mgmtText = info.managementIpAddress ?? internalIpOf(k8s);
      const mgmt = mgmtText && isIp4(mgmtText) ? parseIp4(mgmtText) : undefined;
      nodes.push({
        name: info.name,
        id: info.id,
        ...(ip !== undefined ? { ip: formatIp4(ip) } : {}),
        podSubnet: formatCidr(pod.subnet),
        ...(vxlanIp !== undefined ? { vxlanIp: formatIp4(vxlanIp) } : {}),
      });
      if (ip === undefined) continue;
      plans.push({
        id: info.id,
        name: info.name,
        ip,
        podSubnet: pod.subnet,
        hostNetwork: hostInterconnectOf(inputs.ipam, info.id).network,
        ...(vxlanIp !== undefined ? { vxlanIp } : {}),
        ...(mgmt !== undefined && mgmt !== ip ? { managementIp: mgmt } : {}),
      });
    } catch (err: unknown) {
      problems.push({ node: info.name, id: info.id, error: errorToJSON(err) });
    }
  }
  nodes.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  plans.sort((a, b) => a.id - b.id);
  return { nodes, plans, problems };
}

function parseNodeIp(info: NodeInfo): Ip4 {
  try {
    return parseIfAddress(info.ipAddress ?? '').ip;
  } catch (err: unknown) {
    throw new BadInputError(nodeInfoKey(info.id), 'ip_address', errorMessage(err), { cause: err });
  }
}
