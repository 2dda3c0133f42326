/**
 * @module NodeContext: the facts about this node the service plugin works from (addresses,
 * interfaces, gateway, mode), read once per event from the contiv API and the Node objects.
 */
import type { ContivApi } from '../contiv/api.ts';
import type { Node } from '../ksr/model.ts';
import { cidrContains, isIp4, parseCidr, parseIp4 } from '../net/ipv4.ts';

/** A physical interface other than the main one. */
export interface OtherInterface {
  readonly name: string;
  /** Address with prefix length, if configured. */
  readonly ip?: string;
}

/** What the service plugin knows about the node it runs on. Plain data, comparable as JSON. */
export interface NodeContext {
  readonly nodeName: string;
  /** Node IP with prefix length (`192.168.16.1/24`); undefined while DHCP has not answered. */
  readonly nodeIp?: string;
  /** Default gateway (no prefix), from config or DHCP. */
  readonly gateway?: string;
  /** This node's pod subnet (`10.1.1.0/24`). */
  readonly podSubnet: string;
  /** VPP's address on the pod subnet: the pods' gateway, also this node's twice-NAT address. */
  readonly podGateway: string;
  /** Main VPP interface ('' when there is none). */
  readonly mainInterface: string;
  readonly otherInterfaces: readonly OtherInterface[];
  /** The VXLAN BVI; undefined in L2 mode. */
  readonly vxlanBvi?: string;
  /** VPP side of the host interconnect ('' when there is none). */
  readonly hostInterconnect: string;
  readonly l2Mode: boolean;
  /** Whether the contiv configuration asks for SNAT of pods' traffic to the outside. */
  readonly natExternalTraffic: boolean;
  /** This node's own addresses (no prefix), sorted: NodePorts answer here with external semantics. */
  readonly ownAddresses: readonly string[];
  /** Other nodes' addresses, sorted, without this node's. */
  readonly otherNodeAddresses: readonly string[];
  /** VPP interfaces of the pods wired on this node, sorted. */
  readonly podInterfaces: readonly string[];
}

/** Sorts IPv4 address strings numerically, dropping duplicates and anything not IPv4. */
export function sortIp4s(ips: Iterable<string>): string[] {
  const unique = [...new Set([...ips].filter(isIp4))];
  return unique.sort((a, b) => parseIp4(a) - parseIp4(b));
}

/** The address part of `a.b.c.d/len` (or the text itself without a slash). */
export function addressOf(ipWithPrefix: string): string {
  const slash = ipWithPrefix.indexOf('/');
  return slash < 0 ? ipWithPrefix : ipWithPrefix.slice(0, slash);
}

/** InternalIP and ExternalIP addresses of a Node object. */
function nodeObjectAddresses(node: Node): string[] {
  return node.addresses.filter((a) => a.type === 'InternalIP' || a.type === 'ExternalIP').map((a) => a.address);
}

/**
 * Reads the node context from the contiv API and the Node objects of the cluster.
 * @param nodes every Node object known (this node's own included)
 */
export function readNodeContext(contiv: ContivApi, nodes: readonly Node[]): NodeContext {
  const nodeName = contiv.nodeName();
  const nodeIp = contiv.nodeIp();
  const own = new Set<string>(contiv.nodeAddresses());
  if (nodeIp !== undefined) own.add(addressOf(nodeIp));
  const others = new Set<string>();
  for (const node of nodes) {
    for (const a of nodeObjectAddresses(node)) (node.name === nodeName ? own : others).add(a);
  }
  for (const remote of contiv.remoteNodes()) {
    if (remote.ip !== undefined && remote.name !== nodeName) others.add(addressOf(remote.ip));
  }
  for (const a of own) others.delete(a);
  const vxlanBvi = contiv.vxlanBvi();
  const gateway = contiv.defaultGateway();
  return {
    nodeName,
    ...(nodeIp === undefined ? {} : { nodeIp }),
    ...(gateway === undefined ? {} : { gateway }),
    podSubnet: contiv.podSubnet(),
    podGateway: contiv.podGateway(),
    mainInterface: contiv.mainInterface(),
    otherInterfaces: [...contiv.otherInterfaces()]
      .map((o) => (o.ip === undefined ? { name: o.name } : { name: o.name, ip: o.ip }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    ...(vxlanBvi === undefined ? {} : { vxlanBvi }),
    hostInterconnect: contiv.hostInterconnect(),
    l2Mode: contiv.isL2Mode(),
    natExternalTraffic: contiv.natExternalTraffic(),
    ownAddresses: sortIp4s(own),
    otherNodeAddresses: sortIp4s(others),
    podInterfaces: [...new Set(contiv.localPods().map((p) => p.interface))].sort(),
  };
}

/**
 * Whether an endpoint is on this node: by its node name when known, else by its address
 * (this node's pod subnet, or one of this node's own addresses for host-network pods).
 */
export function isLocalEndpoint(ctx: NodeContext, nodeName: string | undefined, ip: string): boolean {
  if (nodeName !== undefined && nodeName !== '') return nodeName === ctx.nodeName;
  if (ctx.ownAddresses.includes(ip)) return true;
  try {
    return isIp4(ip) && cidrContains(parseCidr(ctx.podSubnet), parseIp4(ip));
  } catch {
    // An unparsable pod subnet only means "not local by subnet"; contiv reports its own config.
    return false;
  }
}
