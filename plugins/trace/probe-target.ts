/**
 * @module From a parsed probe to the tracer's request on one agent: a pod must be wired on this
 * node to send, `node:` as a source must be this node, an `ip:` source is an outside host
 * entering at this node; destinations resolve to a pod IP (any node), a Service's cluster IP,
 * a node address or the given address. Pure over {@linkcode TraceNodeFacts}.
 */
import { BadInputError } from '../../core/errors.ts';
import { parseIp4 } from '../net/ipv4.ts';
import type { ProbeRequest, ProbeSource } from '../vpp/sim/tracer/probe.ts';
import type { ProbeEndpointRef, ProbeQuery } from './probe-query.ts';

/** What resolving a probe needs to know about this node and the cluster. */
export interface TraceNodeFacts {
  /** This node's name. */
  readonly node: string;
  /** IP of a pod wired on this node (`namespace/name`). */
  localPodIp(id: string): string | undefined;
  /** A pod known from Kubernetes (any node): its IP once assigned, and its node. */
  pod(id: string): { readonly ip?: string; readonly node?: string } | undefined;
  /** Cluster IPs of a Service (empty = headless / none assigned); undefined = no such Service. */
  serviceIps(id: string): readonly string[] | undefined;
  /** Address of a node (this one: its node IP), if known. */
  nodeAddress(name: string): string | undefined;
}

const id = (r: { namespace: string; name: string }): string => `${r.namespace}/${r.name}`;

function source(ref: ProbeEndpointRef, facts: TraceNodeFacts, where: string): ProbeSource {
  switch (ref.kind) {
    case 'pod': {
      const ip = facts.localPodIp(id(ref));
      if (ip !== undefined) return { kind: 'pod', node: facts.node, ip: parseIp4(ip) };
      const known = facts.pod(id(ref));
      const elsewhere = known?.node !== undefined && known.node !== facts.node ? `it runs on ${known.node}; ` : '';
      throw new BadInputError(where, 'from', `pod ${id(ref)} is not wired on this node (${facts.node}): ${elsewhere}an agent traces from its own pods only`);
    }
    case 'node':
      if (ref.name !== facts.node) throw new BadInputError(where, 'from', `node:${ref.name} is not this node (${facts.node}): an agent traces from its own host network only`);
      return { kind: 'host', node: facts.node };
    case 'ip':
      return { kind: 'outside', ip: parseIp4(ref.ip), enterAt: facts.node };
    case 'service':
      throw new BadInputError(where, 'from', 'a Service cannot open a connection');
  }
}

function target(ref: ProbeEndpointRef, facts: TraceNodeFacts, where: string): string {
  switch (ref.kind) {
    case 'pod': {
      const ip = facts.localPodIp(id(ref)) ?? facts.pod(id(ref))?.ip;
      if (ip !== undefined) return ip;
      const detail = facts.pod(id(ref)) ? `pod ${id(ref)} has no IP yet` : `no pod ${id(ref)}`;
      throw new BadInputError(where, 'to', `${detail}; expected a pod with an IP`);
    }
    case 'service': {
      const ips = facts.serviceIps(id(ref));
      if (ips === undefined) throw new BadInputError(where, 'to', `no Service ${id(ref)}`);
      const first = ips[0];
      if (first === undefined) throw new BadInputError(where, 'to', `Service ${id(ref)} has no cluster IP (headless or not assigned)`);
      return first;
    }
    case 'node': {
      const ip = facts.nodeAddress(ref.name);
      if (ip === undefined) throw new BadInputError(where, 'to', `no address known for node ${ref.name}`);
      return ip;
    }
    case 'ip':
      return ref.ip;
  }
}

/**
 * The tracer request for `q` on this node (a fixed client port keeps repeated traces identical).
 * @throws {BadInputError} naming `from` or `to` when an endpoint cannot be resolved here
 */
export function resolveProbe(q: ProbeQuery, facts: TraceNodeFacts, where = 'GET /trace', srcPort?: number): ProbeRequest {
  return {
    from: source(q.source, facts, where),
    to: parseIp4(target(q.target, facts, where)),
    protocol: q.protocol,
    dstPort: q.port,
    ...(srcPort !== undefined ? { srcPort } : {}),
  };
}
