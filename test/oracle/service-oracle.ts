/**
 * @module ServiceOracle: an independent model of what Kubernetes (kube-proxy) does with a
 * connection to a service address — which backends may answer, with which source address
 * they see the client, or whether the connection is refused or dropped. For comparing the
 * traced data plane with Kubernetes semantics end to end. Shares no code with
 * `plugins/service` (only the input model types); `agentDeviation()` names the documented
 * cases where the agent knowingly differs (docs/service.md).
 */
import type { EndpointSlice, Endpoints, ObjectId, Pod, Protocol, Service, ServicePort } from '../../plugins/ksr/model.ts';

/** A node and every address that belongs to it (node IP, InternalIP/ExternalIP, ...). */
export interface OracleNode {
  readonly name: string;
  readonly addresses: readonly string[];
}

/** The cluster state the oracle reasons about. Endpoints and slices are optional: derived from selectors when absent. */
export interface OracleCluster {
  readonly nodes: readonly OracleNode[];
  readonly pods: readonly Pod[];
  readonly services: readonly Service[];
  readonly endpoints?: readonly Endpoints[];
  readonly endpointSlices?: readonly EndpointSlice[];
}

/** Who opens the connection. Host-network pods count as their node. */
export type OracleClient =
  | { readonly kind: 'pod'; readonly pod: ObjectId }
  | { readonly kind: 'node'; readonly node: string }
  | { readonly kind: 'external'; readonly ip: string; readonly enterAt: string };

/** A connection attempt. */
export interface OracleProbe {
  readonly client: OracleClient;
  readonly ip: string;
  readonly port: number;
  readonly protocol: Protocol;
}

/** The source address a backend sees: the client's own, or an address of one of `nodes` (masquerade). */
export type OracleSource = { readonly kind: 'client' } | { readonly kind: 'node'; readonly nodes: readonly string[] };

/** A backend that may answer. */
export interface OracleBackend {
  readonly ip: string;
  readonly port: number;
  readonly pod?: ObjectId;
  readonly node?: string;
  readonly source: OracleSource;
}

/** What happens to the connection. */
export interface OracleVerdict {
  /**
   * `forwarded` to one of `backends`; `refused` (no endpoint: TCP reset / ICMP unreachable);
   * `dropped` (Local traffic policy, no endpoint on that node); `unanswered` (a port the Service
   * does not declare at its cluster IP: refused or dropped are both Kubernetes behaviour);
   * `not-a-service` (the oracle has no opinion).
   */
  readonly kind: 'forwarded' | 'refused' | 'dropped' | 'unanswered' | 'not-a-service';
  /** `namespace/name` of the Service. */
  readonly service?: string;
  readonly frontend?: 'cluster-ip' | 'load-balancer-ip' | 'external-ip' | 'node-port';
  /** The Service port (not the NodePort). */
  readonly servicePort?: number;
  /** Node whose proxy decides (endpoint locality and affinity are per node). */
  readonly decidingNode?: string;
  readonly backends: readonly OracleBackend[];
  /** Failures that agree with Kubernetes (empty when forwarded or no opinion). */
  readonly acceptableFailures: readonly ('refused' | 'dropped')[];
  readonly reason: string;
}

interface Ep {
  readonly ip: string;
  readonly port: number;
  readonly ready: boolean;
  readonly serving: boolean;
  readonly terminating: boolean;
  readonly node?: string;
  readonly pod?: ObjectId;
}

const key = (o: ObjectId): string => `${o.namespace}/${o.name}`;
const ipv4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const terminal = (p: Pod | undefined): boolean => p?.phase === 'Failed' || p?.phase === 'Succeeded';
const noOpinion = (reason: string): OracleVerdict => ({ kind: 'not-a-service', backends: [], acceptableFailures: [], reason });

/** Answers probes about one cluster state. */
export class ServiceOracle {
  readonly #pods = new Map<string, Pod>();

  constructor(readonly cluster: OracleCluster) {
    for (const p of cluster.pods) this.#pods.set(key(p), p);
  }

  /** What Kubernetes does with `probe`. */
  evaluate(probe: OracleProbe): OracleVerdict {
    const client = this.#client(probe.client);
    for (const svc of [...this.cluster.services].sort((a, b) => key(a).localeCompare(key(b)))) {
      if (svc.type === 'ExternalName' || svc.clusterIPs.includes('None') || !svc.clusterIPs.some((ip) => ipv4.test(ip))) continue;
      const sp = svc.ports.find((p) => p.protocol === probe.protocol && p.port === probe.port);
      if (svc.clusterIPs.includes(probe.ip)) {
        if (!sp) return { ...noOpinion(`port ${probe.port}/${probe.protocol} is not a port of ${key(svc)}`), kind: 'unanswered', service: key(svc), acceptableFailures: ['refused', 'dropped'] };
        return this.#internal(svc, sp, client);
      }
      if (sp && (svc.loadBalancerIPs.includes(probe.ip) || svc.externalIPs.includes(probe.ip))) {
        const frontend = svc.loadBalancerIPs.includes(probe.ip) ? 'load-balancer-ip' : 'external-ip';
        return this.#external(svc, sp, client, frontend, client.node);
      }
      const np = svc.type === 'NodePort' || svc.type === 'LoadBalancer' ? svc.ports.find((p) => p.protocol === probe.protocol && p.nodePort === probe.port) : undefined;
      const owner = this.cluster.nodes.find((n) => n.addresses.includes(probe.ip));
      if (np && owner) return this.#external(svc, np, client, 'node-port', owner.name);
    }
    return noOpinion(`${probe.ip}:${probe.port}/${probe.protocol} is no service frontend`);
  }

  #client(c: OracleClient): { readonly kind: 'pod' | 'node' | 'external'; readonly node: string; readonly ip?: string } {
    if (c.kind === 'external') return { kind: 'external', node: c.enterAt, ip: c.ip };
    if (c.kind === 'node') return { kind: 'node', node: c.node };
    const pod = this.#pods.get(key(c.pod));
    if (!pod?.nodeName) throw new Error(`oracle: unknown or unscheduled client pod ${key(c.pod)}`);
    return pod.hostNetwork ? { kind: 'node', node: pod.nodeName } : { kind: 'pod', node: pod.nodeName, ...(pod.ip ? { ip: pod.ip } : {}) };
  }

  /** ClusterIP traffic: internalTrafficPolicy at the client's node; off-cluster sources are masqueraded. */
  #internal(svc: Service, sp: ServicePort, client: { kind: string; node: string; ip?: string }): OracleVerdict {
    const local = svc.internalTrafficPolicy === 'Local';
    const source: OracleSource = client.kind === 'pod' ? { kind: 'client' } : { kind: 'node', nodes: [client.node] };
    return this.#verdict(svc, sp, 'cluster-ip', client.node, local, source, client);
  }

  /**
   * Traffic to an external IP, a load-balancer IP or a NodePort, decided at `decidingNode`
   * (the client's node for external/LB IPs, the address owner for NodePorts). Pods and the
   * node itself get the Cluster endpoints ("short-circuit"); with `Cluster` every source is
   * masqueraded; with `Local` an outside client keeps its address and gets local endpoints.
   */
  #external(svc: Service, sp: ServicePort, client: { kind: string; node: string; ip?: string }, frontend: OracleVerdict['frontend'] & string, decidingNode: string): OracleVerdict {
    const cluster = svc.externalTrafficPolicy === 'Cluster';
    const sameNode = client.node === decidingNode;
    const outsider = client.kind === 'external' || (client.kind === 'node' && !sameNode);
    const local = !cluster && outsider;
    const masq = cluster || (client.kind === 'node' && sameNode);
    const nodes = [...new Set([decidingNode, ...(client.kind === 'external' ? [] : [client.node])])];
    const source: OracleSource = masq ? { kind: 'node', nodes } : { kind: 'client' };
    return this.#verdict(svc, sp, frontend, decidingNode, local, source, client);
  }

  #verdict(
    svc: Service,
    sp: ServicePort,
    frontend: NonNullable<OracleVerdict['frontend']>,
    decidingNode: string,
    local: boolean,
    source: OracleSource,
    client: { kind: string; node: string; ip?: string },
  ): OracleVerdict {
    const eps = this.endpointsOf(svc, sp);
    const usable = eps.some((e) => e.ready || (e.serving && e.terminating));
    const eligible = local ? eps.filter((e) => e.node === decidingNode) : eps;
    const ready = eligible.filter((e) => e.ready);
    const chosen = ready.length > 0 ? ready : eligible.filter((e) => e.serving && e.terminating);
    const base = { service: key(svc), frontend, servicePort: sp.port, decidingNode };
    if (chosen.length === 0) {
      const kind = usable ? 'dropped' : 'refused';
      const reason = usable ? `${key(svc)} has no local endpoints on ${decidingNode}` : `${key(svc)} has no endpoints`;
      return { ...base, kind, backends: [], acceptableFailures: [kind], reason };
    }
    const backends = chosen.map((e): OracleBackend => {
      // A pod reaching itself through its Service is masqueraded (hairpin).
      const hairpin = client.kind === 'pod' && client.ip === e.ip;
      const src: OracleSource = hairpin ? { kind: 'node', nodes: [...new Set([decidingNode, client.node])] } : source;
      return { ip: e.ip, port: e.port, ...(e.pod ? { pod: e.pod } : {}), ...(e.node ? { node: e.node } : {}), source: src };
    });
    return { ...base, kind: 'forwarded', backends, acceptableFailures: [], reason: `${chosen.length} ${ready.length > 0 ? 'ready' : 'serving terminating'} endpoint(s)` };
  }

  /** The endpoints of a service port: slices, else Endpoints, else derived from the selector as the controllers do. */
  endpointsOf(svc: Service, sp: ServicePort): Ep[] {
    const publish = svc.publishNotReadyAddresses;
    const slices = (this.cluster.endpointSlices ?? []).filter((s) => s.namespace === svc.namespace && s.serviceName === svc.name);
    const eps = this.cluster.endpoints?.find((e) => e.namespace === svc.namespace && e.name === svc.name);
    const out = new Map<string, Ep>();
    const add = (e: Ep): void => {
      if (!ipv4.test(e.ip) || terminal(e.pod ? this.#pods.get(key(e.pod)) : undefined)) return;
      const k = `${e.ip}:${e.port}`;
      const had = out.get(k);
      out.set(k, had ? { ...had, ready: had.ready || e.ready, serving: had.serving || e.serving } : e);
    };
    const portOf = (ports: readonly { name?: string; port: number; protocol: Protocol }[]): number | undefined =>
      ports.find((p) => (p.name ?? '') === (sp.name ?? '') && p.protocol === sp.protocol)?.port;
    if (slices.length > 0) {
      for (const s of slices) {
        const port = portOf(s.ports);
        if (port === undefined) continue;
        for (const e of s.endpoints) {
          const ip = e.addresses[0];
          const pod = e.targetPod ? this.#pods.get(key(e.targetPod)) : undefined;
          const node = e.nodeName ?? pod?.nodeName;
          if (ip) add({ ip, port, ready: e.ready || publish, serving: e.serving || publish, terminating: e.terminating, ...(node ? { node } : {}), ...(e.targetPod ? { pod: e.targetPod } : {}) });
        }
      }
    } else if (eps) {
      for (const s of eps.subsets) {
        const port = portOf(s.ports);
        if (port === undefined) continue;
        for (const [list, isReady] of [[s.addresses, true], [s.notReadyAddresses, false]] as const) {
          for (const a of list) {
            const pod = a.targetPod ? this.#pods.get(key(a.targetPod)) : undefined;
            const terminating = pod?.terminating ?? false;
            const node = a.nodeName ?? pod?.nodeName;
            add({ ip: a.ip, port, ready: publish || (isReady && !terminating), serving: publish || isReady, terminating, ...(node ? { node } : {}), ...(a.targetPod ? { pod: a.targetPod } : {}) });
          }
        }
      }
    } else if (svc.selector !== undefined) {
      const selector = svc.selector;
      for (const pod of this.cluster.pods) {
        if (pod.namespace !== svc.namespace || !pod.ip || terminal(pod)) continue;
        if (!Object.entries(selector).every(([k, v]) => pod.labels[k] === v)) continue;
        const port = typeof sp.targetPort === 'number' ? sp.targetPort : pod.containerPorts.find((c) => c.name === sp.targetPort && c.protocol === sp.protocol)?.containerPort;
        if (port === undefined) continue;
        add({
          ip: pod.ip,
          port,
          ready: publish || (pod.ready && !pod.terminating),
          serving: pod.ready,
          terminating: pod.terminating,
          ...(pod.nodeName ? { node: pod.nodeName } : {}),
          pod: { namespace: pod.namespace, name: pod.name },
        });
      }
    }
    return [...out.values()].sort((a, b) => a.ip.localeCompare(b.ip, 'en', { numeric: true }) || a.port - b.port);
  }

  /**
   * Where the agent knowingly differs from Kubernetes for `probe` (see docs/service.md), or
   * undefined. Differential tests skip or relax these cases.
   */
  agentDeviation(probe: OracleProbe): string | undefined {
    const v = this.evaluate(probe);
    if (v.kind === 'not-a-service' || v.kind === 'unanswered' || !v.service) return undefined;
    const svc = this.cluster.services.find((s) => key(s) === v.service)!;
    const client = this.#client(probe.client);
    if (v.frontend === 'cluster-ip') {
      return client.kind === 'external' ? 'agent keeps an outside client\'s address on ClusterIP traffic (Kubernetes masquerades it)' : undefined;
    }
    if (svc.externalTrafficPolicy !== 'Local') return undefined;
    if (client.kind !== 'external' && client.node === v.decidingNode) {
      return 'agent gives in-cluster clients only the local endpoints of its own external addresses with externalTrafficPolicy Local (Kubernetes: all endpoints)';
    }
    if (client.kind === 'node' && v.frontend === 'node-port') {
      return 'agent gives a node\'s host all endpoints of another node\'s NodePort with externalTrafficPolicy Local (Kubernetes: that node\'s local endpoints)';
    }
    return undefined;
  }
}

/**
 * Client-IP session affinity over time, as kube-proxy keeps it: per deciding node, Service
 * port and client, a connection goes to the backend of the client's previous connection while
 * less than the timeout has passed since then; each connection renews it. At exactly the
 * timeout the oracle accepts any backend (implementations differ by one tick there).
 */
export class AffinityOracle {
  readonly #last = new Map<string, { ip: string; port: number; at: number }>();

  constructor(readonly oracle: ServiceOracle) {}

  /** The verdict for a connection at `nowSeconds`, narrowed to the remembered backend while affinity lasts. */
  expect(probe: OracleProbe, clientKey: string, nowSeconds: number): OracleVerdict {
    const v = this.oracle.evaluate(probe);
    const timeout = this.#timeout(v);
    if (v.kind !== 'forwarded' || timeout === 0) return v;
    const rec = this.#last.get(this.#key(v, clientKey));
    if (!rec || nowSeconds - rec.at >= timeout) return v;
    const same = v.backends.filter((b) => b.ip === rec.ip && b.port === rec.port);
    return same.length > 0 ? { ...v, backends: same, reason: `client affinity (${timeout}s)` } : v;
  }

  /** Records that the connection at `nowSeconds` went to `backend`. */
  record(probe: OracleProbe, clientKey: string, nowSeconds: number, backend: { readonly ip: string; readonly port: number }): void {
    const v = this.oracle.evaluate(probe);
    if (v.kind === 'forwarded' && this.#timeout(v) > 0) this.#last.set(this.#key(v, clientKey), { ip: backend.ip, port: backend.port, at: nowSeconds });
  }

  #timeout(v: OracleVerdict): number {
    const svc = this.oracle.cluster.services.find((s) => key(s) === v.service);
    return svc?.sessionAffinity === 'ClientIP' ? svc.sessionAffinityTimeoutSeconds : 0;
  }

  #key(v: OracleVerdict, clientKey: string): string {
    return `${v.decidingNode}|${v.service}|${v.servicePort}|${clientKey}`;
  }
}
