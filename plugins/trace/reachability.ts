/**
 * @module The reachability matrix of one node (`GET /reachability`): every ordered pair of
 * distinct local pods, probed on each container port the destination pod declares (its
 * protocol; TCP when unset), or on one port for all pairs when asked. Pure over a probe
 * function; deterministic order (pods by namespace/name, then port, then protocol).
 */
import { BadInputError } from '../../core/errors.ts';
import type { Protocol } from '../ksr/model.ts';
import { parsePort, parseProtocol } from './probe-query.ts';

/** A port and its protocol. */
export interface PortProtocol {
  readonly port: number;
  readonly protocol: Protocol;
}

/** A local pod in the matrix. */
export interface ReachabilityPod {
  readonly namespace: string;
  readonly name: string;
  readonly ip: string;
  /** Its declared container ports (deduplicated, sorted); the cells towards it probe these. */
  readonly ports: readonly PortProtocol[];
}

/** The verdict of one probe. */
export interface CellVerdict {
  readonly allowed: boolean;
  readonly failure?: 'refused' | 'dropped';
  readonly reason: string;
}

/** One cell: `from` connecting to `to` on `port`/`protocol`. */
export interface ReachabilityCell extends CellVerdict {
  /** `namespace/name`. */
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly protocol: Protocol;
}

/** The answer of `GET /reachability`. */
export interface Reachability {
  readonly node: string;
  /** Local pods sorted by namespace, name. */
  readonly pods: readonly ReachabilityPod[];
  /** Every distinct port probed, sorted by port, protocol. */
  readonly ports: readonly PortProtocol[];
  /** Sorted by from, to, port, protocol. */
  readonly cells: readonly ReachabilityCell[];
}

/** The port probed towards a pod that declares none. */
export const DEFAULT_PORT: PortProtocol = { port: 80, protocol: 'TCP' };

/** Query of `GET /reachability`: probe one port for every pair instead of the declared ones. */
export interface ReachabilityQuery {
  readonly only?: PortProtocol;
}

const REACHABILITY_PARAMS = ['port', 'protocol'];

/**
 * Parses the query of `GET /reachability` (`port` and optional `protocol`).
 * @throws {BadInputError} naming the bad parameter
 */
export function parseReachabilityQuery(query: Readonly<Record<string, string | undefined>>, source = 'GET /reachability'): ReachabilityQuery {
  for (const key of Object.keys(query).sort()) {
    if (!REACHABILITY_PARAMS.includes(key)) throw new BadInputError(source, key, `unknown parameter; expected ${REACHABILITY_PARAMS.join(', ')}`);
  }
  if (query['port'] === undefined) {
    if (query['protocol'] !== undefined) throw new BadInputError(source, 'protocol', 'given without port; expected port=N too');
    return {};
  }
  return { only: { port: parsePort(source, 'port', query['port']), protocol: parseProtocol(source, 'protocol', query['protocol']) } };
}

/** Sorts and deduplicates ports. */
export function sortedPorts(ports: readonly PortProtocol[]): PortProtocol[] {
  const byKey = new Map(ports.map((p) => [`${p.port}/${p.protocol}`, p]));
  return [...byKey.values()].sort((a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol));
}

const podId = (p: ReachabilityPod): string => `${p.namespace}/${p.name}`;

/**
 * Probes every ordered pair of distinct pods.
 * @param probe answers one probe (`from`/`to` as `namespace/name`)
 * @example reachability('node-1', pods, (f, t, port, proto) => verdictOf(f, t, port, proto))
 */
export function reachability(
  node: string,
  pods: readonly ReachabilityPod[],
  probe: (from: string, to: string, port: number, protocol: Protocol) => CellVerdict,
  query: ReachabilityQuery = {},
): Reachability {
  const sorted = [...pods].sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
  const cells: ReachabilityCell[] = [];
  const probed: PortProtocol[] = [];
  for (const from of sorted) {
    for (const to of sorted) {
      if (from === to) continue;
      const ports = query.only ? [query.only] : to.ports.length > 0 ? sortedPorts(to.ports) : [DEFAULT_PORT];
      for (const { port, protocol } of ports) {
        const v = probe(podId(from), podId(to), port, protocol);
        probed.push({ port, protocol });
        cells.push({
          from: podId(from), to: podId(to), port, protocol, allowed: v.allowed,
          ...(v.failure !== undefined ? { failure: v.failure } : {}), reason: v.reason,
        });
      }
    }
  }
  return { node, pods: sorted.map((p) => ({ ...p, ports: sortedPorts(p.ports) })), ports: sortedPorts(probed), cells };
}
