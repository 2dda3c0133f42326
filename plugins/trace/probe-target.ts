/**
 * @module From a probe spec to the tracer's request on one agent. Resolution is the one
 * `simulate` uses (`cluster/probe-spec.ts` over a {@linkcode ProbeTargets} view), with what a
 * single agent adds: it can only send from its own pods and its own host network (it sees no
 * other node's data plane), and outside traffic enters at this node. Pure over
 * {@linkcode TraceNodeFacts}.
 */
import { parseFromRef, resolveProbe, type ProbeSpec, type ProbeTargets } from '../../cluster/probe-spec.ts';
import { BadInputError } from '../../core/errors.ts';
import { cidrContains, isIp4, parseCidr, type Cidr, type Ip4 } from '../net/ipv4.ts';
import type { ProbeRequest } from '../vpp/sim/tracer/probe.ts';

/** What resolving a probe needs to know about this node and the cluster. */
export interface TraceNodeFacts {
  /** This node's name. */
  readonly node: string;
  /** IP of a pod wired on this node. */
  localPodIp(namespace: string, name: string): string | undefined;
  /** A pod known from Kubernetes (any node). */
  pod(namespace: string, name: string): { readonly ip?: string; readonly node?: string; readonly hostNetwork: boolean } | undefined;
  /** A Service: its cluster IP (undefined / `None` when it has none); undefined = no such Service. */
  service(namespace: string, name: string): { readonly clusterIP?: string } | undefined;
  /** Address of a node (this one: its node IP), if known. */
  nodeAddress(name: string): string | undefined;
  /** Prefixes and addresses that are inside the cluster (pod and service subnets, node addresses), as text. */
  readonly inside: readonly string[];
}

function insideCidrs(texts: readonly string[]): Cidr[] {
  const out: Cidr[] = [];
  for (const t of texts) {
    if (isIp4(t)) out.push(parseCidr(`${t}/32`));
    else {
      try {
        out.push(parseCidr(t));
      } catch {
        // A prefix that does not parse cannot make an address inside.
      }
    }
  }
  return out;
}

/** The cluster as probes on this agent see it. */
export function localProbeTargets(facts: TraceNodeFacts): ProbeTargets {
  const inside = insideCidrs(facts.inside);
  return {
    pod: (namespace, name) => {
      const localIp = facts.localPodIp(namespace, name);
      if (localIp !== undefined) return { node: facts.node, ip: localIp, hostNetwork: false };
      const p = facts.pod(namespace, name);
      if (!p) return undefined;
      return { node: p.node ?? '', hostNetwork: p.hostNetwork, ...(p.ip !== undefined ? { ip: p.ip } : {}) };
    },
    node: (name) => {
      const address = facts.nodeAddress(name);
      return address === undefined ? undefined : { address };
    },
    service: (namespace, name) => facts.service(namespace, name),
    isOutside: (ip: Ip4) => !inside.some((c) => cidrContains(c, ip)),
  };
}

/**
 * The tracer request for `spec` on this node.
 * @throws {BadInputError} naming `from` / `to` when an endpoint cannot be resolved here: unknown,
 *   without an address, or a source on another node
 */
export function resolveLocalProbe(spec: ProbeSpec, facts: TraceNodeFacts, source: string): ProbeRequest {
  const from = parseFromRef(spec.from, source);
  if (from.kind === 'pod' && facts.localPodIp(from.namespace, from.name) === undefined) {
    const known = facts.pod(from.namespace, from.name);
    const where = known?.node !== undefined && known.node !== facts.node ? `it runs on ${known.node}; ` : '';
    if (!known?.hostNetwork || known.node !== facts.node) {
      throw new BadInputError(source, 'from', `pod ${from.namespace}/${from.name} is not wired on this node (${facts.node}): ${where}an agent traces from its own pods only`);
    }
  }
  if (from.kind === 'node' && from.node !== facts.node) {
    throw new BadInputError(source, 'from', `node:${from.node} is not this node (${facts.node}): an agent traces from its own host network only`);
  }
  const request = resolveProbe(spec, localProbeTargets(facts), source).request;
  if (request.from.kind === 'outside' && request.from.enterAt === undefined) return { ...request, from: { ...request.from, enterAt: facts.node } };
  return request;
}

/** Another node as this agent knows it (`CONTIV_API.remoteNodes()`). */
export interface RemoteNodeRef {
  readonly name: string;
  readonly podSubnet: string;
  readonly ip?: string;
  readonly vxlanIp?: string;
}

/**
 * The other node an address belongs to (its pod subnet, node IP or VXLAN address), if any: a
 * trace towards it leaves this agent's view.
 */
export function remoteNodeOf(ip: Ip4, remotes: readonly RemoteNodeRef[]): string | undefined {
  for (const r of remotes) {
    const own = insideCidrs([r.podSubnet, ...(r.ip !== undefined ? [r.ip.split('/')[0] ?? ''] : []), ...(r.vxlanIp !== undefined ? [r.vxlanIp] : [])]);
    if (own.some((c) => cidrContains(c, ip))) return r.name;
  }
  return undefined;
}
