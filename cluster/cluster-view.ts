/**
 * @module ClusterView: the simulated cluster as probes and output see it after a step — pods
 * with their node and IP, nodes with address and pod CIDR, Services with their cluster IP; it
 * resolves probe references ({@linkcode ProbeTargets}), names pods by address
 * ({@linkcode EndpointNames}), says which ports an endpoint listens on, and routes Services'
 * external and LoadBalancer IPs at the gateway. Pure.
 */
import type { Node, Pod, Service } from '../plugins/ksr/model.ts';
import { parseIp4, type Ip4 } from '../plugins/net/ipv4.ts';
import type { Endpoint } from '../plugins/vpp/sim/tracer/trace.ts';
import type { GatewayRoute } from '../plugins/vpp/sim/underlay.ts';
import { compareText } from './compare-text.ts';
import type { LaidOutNode } from './node-layout.ts';
import type { EndpointNames } from './probe-result.ts';
import type { NodeTarget, PodTarget, ProbeTargets, ServiceTarget } from './probe-spec.ts';

/** A pod in the output. */
export interface PodRow {
  readonly namespace: string;
  readonly name: string;
  readonly node: string;
  /** Its IP; null while it has none. */
  readonly ip: string | null;
}

/** A node in the output. */
export interface NodeRow {
  readonly name: string;
  readonly address: string;
  readonly podCIDR: string;
}

/** A Service in the output. */
export interface ServiceRow {
  readonly namespace: string;
  readonly name: string;
  /** Its cluster IP, `None` for headless Services, null for ExternalName ones. */
  readonly clusterIP: string | null;
}

const PROTO_NAMES: Readonly<Record<number, string>> = { 6: 'TCP', 17: 'UDP', 132: 'SCTP' };

/** The cluster after a step. */
export class ClusterView implements ProbeTargets, EndpointNames {
  readonly #pods = new Map<string, Pod>();
  readonly #byAddress = new Map<string, Pod>();
  readonly #nodes: Map<string, LaidOutNode>;

  /**
   * @param pods pods as stored (bound, with their status)
   * @param clusterIPs cluster IP (or `None`) of every Service by `namespace/name`
   * @param outside whether an address is a host outside the cluster
   */
  constructor(
    pods: readonly Pod[],
    nodes: readonly LaidOutNode[],
    private readonly clusterIPs: ReadonlyMap<string, string | undefined>,
    private readonly outside: (ip: Ip4) => boolean,
    /** The host network's address of each node in the data plane (host-network pods). */
    private readonly hostAddresses: ReadonlyMap<string, string> = new Map(),
  ) {
    for (const p of pods) {
      this.#pods.set(`${p.namespace}/${p.name}`, p);
      if (p.ip !== undefined && !p.hostNetwork && p.nodeName !== undefined) this.#byAddress.set(`${p.nodeName}|${parseIp4(p.ip)}`, p);
    }
    this.#nodes = new Map(nodes.map((n) => [n.name, n]));
  }

  /** The pods as stored, sorted by namespace/name. */
  pods(): Pod[] {
    return [...this.#pods.values()].sort((a, b) => compareText(`${a.namespace}/${a.name}`, `${b.namespace}/${b.name}`));
  }

  pod(namespace: string, name: string): PodTarget | undefined {
    const p = this.#pods.get(`${namespace}/${name}`);
    if (!p?.nodeName) return undefined;
    return { node: p.nodeName, hostNetwork: p.hostNetwork, ...(p.ip !== undefined ? { ip: p.ip } : {}) };
  }

  node(name: string): NodeTarget | undefined {
    const n = this.#nodes.get(name);
    const host = this.hostAddresses.get(name);
    return n ? { address: n.address, ...(host !== undefined ? { hostAddress: host } : {}) } : undefined;
  }

  service(namespace: string, name: string): ServiceTarget | undefined {
    const id = `${namespace}/${name}`;
    if (!this.clusterIPs.has(id)) return undefined;
    const ip = this.clusterIPs.get(id);
    return ip !== undefined ? { clusterIP: ip } : {};
  }

  isOutside(ip: Ip4): boolean {
    return this.outside(ip) && ![...this.#nodes.values()].some((n) => parseIp4(n.address) === ip);
  }

  podAt(node: string, ip: Ip4): string | undefined {
    const p = this.#byAddress.get(`${node}|${ip}`);
    return p ? `${p.namespace}/${p.name}` : undefined;
  }

  /** Pods listen on their declared container ports (every port when they declare none); other endpoints on every port. */
  listens(e: Endpoint, proto: number, port: number): boolean {
    if (e.kind !== 'pod') return true;
    const p = this.#byAddress.get(`${e.node}|${e.ip}`);
    if (!p || p.containerPorts.length === 0) return true;
    return p.containerPorts.some((c) => c.containerPort === port && c.protocol === PROTO_NAMES[proto]);
  }

  /** Pods (with IPs, bound), sorted by namespace/name. */
  podRows(): PodRow[] {
    return [...this.#pods.values()]
      .sort((a, b) => compareText(`${a.namespace}/${a.name}`, `${b.namespace}/${b.name}`))
      .map((p) => ({ namespace: p.namespace, name: p.name, node: p.nodeName ?? '', ip: p.ip ?? null }));
  }

  /** Nodes, sorted by name. */
  nodeRows(): NodeRow[] {
    return [...this.#nodes.values()].sort((a, b) => compareText(a.name, b.name)).map((n) => ({ name: n.name, address: n.address, podCIDR: n.podCIDR }));
  }

  /** Services, sorted by namespace/name. */
  serviceRows(): ServiceRow[] {
    return [...this.clusterIPs.entries()]
      .sort(([a], [b]) => compareText(a, b))
      .map(([id, ip]) => {
        const [namespace = '', name = ''] = id.split('/');
        return { namespace, name, clusterIP: ip ?? null };
      });
  }

  /**
   * Gateway routes: Services' external and LoadBalancer IPs to the first node (outside
   * clients reach another node with a probe's `enterAt`), Nodes' ExternalIPs to their node.
   */
  gatewayRoutes(services: readonly Service[], nodes: readonly Node[]): GatewayRoute[] {
    const first = [...this.#nodes.values()].sort((a, b) => compareText(a.name, b.name))[0];
    const routes = new Map<Ip4, Ip4>();
    for (const n of [...nodes].sort((a, b) => compareText(a.name, b.name))) {
      const own = this.#nodes.get(n.name);
      if (!own) continue;
      for (const a of n.addresses) if (a.type === 'ExternalIP' && a.address !== own.address && !routes.has(parseIp4(a.address))) routes.set(parseIp4(a.address), parseIp4(own.address));
    }
    if (first) {
      for (const s of [...services].sort((a, b) => compareText(`${a.namespace}/${a.name}`, `${b.namespace}/${b.name}`))) {
        for (const ip of [...s.externalIPs, ...s.loadBalancerIPs]) if (!routes.has(parseIp4(ip))) routes.set(parseIp4(ip), parseIp4(first.address));
      }
    }
    return [...routes.entries()].sort(([a], [b]) => a - b).map(([ip, via]) => ({ prefix: { addr: ip, len: 32 }, via }));
  }
}
