/**
 * @module The service processor: a Service, its endpoints and this node's facts → the
 * service model (frontends, eligible backends and the action per frontend). Pure.
 *
 * Frontends per service port: every cluster IP (`internalTrafficPolicy`), every load-balancer
 * ingress IP and external IP (`externalTrafficPolicy`), and for NodePort / LoadBalancer
 * Services the NodePort on each of this node's addresses (`externalTrafficPolicy`) and on every
 * other node's address (translated here, at the source node, with Cluster endpoints: only this
 * node's pods and host reach another node's address through this node, and Kubernetes gives
 * pod traffic to external destinations the Cluster endpoints).
 */
import { BadInputError } from '../../core/errors.ts';
import type { EndpointSlice, Endpoints, ObjectId, Pod, Service, ServicePort } from '../ksr/model.ts';
import { isIp4 } from '../net/ipv4.ts';
import { endpointCandidates } from './endpoint-candidates.ts';
import { selectEndpoints } from './endpoint-selection.ts';
import { isLocalEndpoint, type NodeContext } from './node-context.ts';
import type {
  EndpointCandidate,
  FrontendKind,
  IgnoredReason,
  ServiceBackend,
  ServiceFrontend,
  ServiceModel,
  ServicePortModel,
} from './service-model.ts';
import { servicePortTag } from './service-tag.ts';

/** Load-balancing weights of backends. */
export interface BackendWeights {
  /** Weight of a backend on this node (1-255). */
  readonly local: number;
  /** Weight of a backend on another node (1-255). */
  readonly remote: number;
}

/** Everything the processor reads about one Service. */
export interface ServiceInput {
  readonly service: Service;
  readonly endpoints?: Endpoints;
  readonly slices: readonly EndpointSlice[];
  pod(id: ObjectId): Pod | undefined;
  readonly node: NodeContext;
  readonly weights: BackendWeights;
}

/** The model of a Service and the pods it depends on. */
export interface ProcessedService {
  readonly model: ServiceModel;
  /** `namespace/name` of the pods its endpoints refer to: a change of one of them re-processes it. */
  readonly pods: readonly string[];
}

/** Client-IP affinity bounds Kubernetes validates (`sessionAffinityConfig.clientIP.timeoutSeconds`). */
const MAX_AFFINITY_SECONDS = 86400;
const DEFAULT_AFFINITY_SECONDS = 10800;

const validPort = (n: number | undefined): n is number => n !== undefined && Number.isInteger(n) && n >= 1 && n <= 65535;

/** IPv4 addresses of a list; IPv6 ones (dual-stack) are skipped silently, garbage is a problem. */
function ipv4s(list: readonly string[], origin: string, field: string, problems: BadInputError[]): string[] {
  const out: string[] = [];
  list.forEach((ip, i) => {
    if (isIp4(ip)) {
      if (!out.includes(ip)) out.push(ip);
    } else if (!ip.includes(':')) problems.push(new BadInputError(origin, `${field}[${i}]`, `"${ip}" is not an IPv4 address`));
  });
  return out;
}

function ignoredReason(service: Service): IgnoredReason | undefined {
  if (service.type === 'ExternalName') return 'external-name';
  if (service.clusterIPs.includes('None')) return 'headless';
  if (service.clusterIPs.every((ip) => ip === '')) return 'no-cluster-ip';
  return undefined;
}

/** The Service's ports that can be implemented, with their index in `spec.ports`; the others are reported. */
function validPorts(service: Service, origin: string, problems: BadInputError[]): { readonly sp: ServicePort; readonly index: number }[] {
  const seen = new Set<string>();
  const out: { sp: ServicePort; index: number }[] = [];
  service.ports.forEach((sp, index) => {
    const field = `spec.ports[${index}]`;
    const key = `${sp.protocol}/${sp.port}`;
    if (!validPort(sp.port)) {
      problems.push(new BadInputError(origin, `${field}.port`, `port ${sp.port} is out of range 1-65535`));
    } else if (typeof sp.targetPort === 'number' ? !validPort(sp.targetPort) : sp.targetPort === '') {
      problems.push(new BadInputError(origin, `${field}.targetPort`, `"${sp.targetPort}" is neither a port 1-65535 nor a port name`));
    } else if (seen.has(key)) {
      problems.push(new BadInputError(origin, `${field}.port`, `duplicate ${sp.protocol} port ${sp.port}`));
    } else if (sp.nodePort !== undefined && !validPort(sp.nodePort)) {
      // The port still works inside the cluster; only its NodePort is unusable.
      problems.push(new BadInputError(origin, `${field}.nodePort`, `nodePort ${sp.nodePort} is out of range 1-65535`));
      seen.add(key);
      const { nodePort: _unusable, ...rest } = sp;
      out.push({ sp: rest, index });
    } else {
      seen.add(key);
      out.push({ sp, index });
    }
  });
  return out;
}

function affinitySeconds(service: Service, origin: string, problems: BadInputError[]): number {
  if (service.sessionAffinity !== 'ClientIP') return 0;
  const t = service.sessionAffinityTimeoutSeconds;
  if (Number.isInteger(t) && t >= 1 && t <= MAX_AFFINITY_SECONDS) return t;
  problems.push(
    new BadInputError(origin, 'spec.sessionAffinityConfig.clientIP.timeoutSeconds', `${t} is out of range 1-${MAX_AFFINITY_SECONDS}; using ${DEFAULT_AFFINITY_SECONDS}`),
  );
  return DEFAULT_AFFINITY_SECONDS;
}

function toBackend(e: EndpointCandidate, weights: BackendWeights): ServiceBackend {
  return {
    ip: e.ip,
    port: e.port,
    local: e.local,
    weight: e.local ? weights.local : weights.remote,
    ...(e.pod ? { pod: e.pod } : {}),
    ...(e.nodeName === undefined ? {} : { nodeName: e.nodeName }),
  };
}

interface FrontendSpec {
  readonly kind: FrontendKind;
  readonly ip: string;
  readonly scope: 'this-node' | 'other-node';
  readonly policy: 'Cluster' | 'Local';
  readonly masquerade: boolean;
  /** Field naming the frontend's origin, for problems. */
  readonly field: string;
}

/** The frontends of one port, in precedence order (an earlier one wins a clash). */
function frontendSpecs(
  m: { clusterIPs: string[]; lbIPs: string[]; externalIPs: string[] },
  service: Service,
  sp: ServicePort,
  portIndex: number,
  node: NodeContext,
): FrontendSpec[] {
  const ext = service.externalTrafficPolicy;
  const masq = ext === 'Cluster';
  const specs: FrontendSpec[] = [
    ...m.clusterIPs.map((ip) => ({ kind: 'cluster-ip' as const, ip, scope: 'this-node' as const, policy: service.internalTrafficPolicy, masquerade: false, field: 'spec.clusterIPs' })),
    ...m.lbIPs.map((ip) => ({ kind: 'load-balancer-ip' as const, ip, scope: 'this-node' as const, policy: ext, masquerade: masq, field: 'status.loadBalancer.ingress' })),
    ...m.externalIPs.map((ip) => ({ kind: 'external-ip' as const, ip, scope: 'this-node' as const, policy: ext, masquerade: masq, field: 'spec.externalIPs' })),
  ];
  if ((service.type === 'NodePort' || service.type === 'LoadBalancer') && sp.nodePort !== undefined) {
    const field = `spec.ports[${portIndex}].nodePort`;
    for (const ip of node.ownAddresses) specs.push({ kind: 'node-port', ip, scope: 'this-node', policy: ext, masquerade: masq, field });
    for (const ip of node.otherNodeAddresses) specs.push({ kind: 'node-port', ip, scope: 'other-node', policy: 'Cluster', masquerade: masq, field });
  }
  return specs;
}

/** Drops repeated problems (one bad port of a subset is reported once, not once per address). */
function uniqueProblems(problems: readonly BadInputError[]): BadInputError[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.source}\u0000${p.field}\u0000${p.detail}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Builds the model of one Service on this node.
 * @example buildServiceModel({ service, endpoints, slices: [], pod, node, weights: { local: 1, remote: 1 } })
 */
export function buildServiceModel(input: ServiceInput): ProcessedService {
  const { service, node } = input;
  const origin = `Service ${service.namespace}/${service.name}`;
  const problems: BadInputError[] = [];
  const base = {
    id: `${service.namespace}/${service.name}`,
    service: { namespace: service.namespace, name: service.name },
    type: service.type,
    sessionAffinity: service.sessionAffinity,
    externalTrafficPolicy: service.externalTrafficPolicy,
    internalTrafficPolicy: service.internalTrafficPolicy,
  };
  const ignored = ignoredReason(service);
  const clusterIPs = ignored ? [] : ipv4s(service.clusterIPs, origin, 'spec.clusterIPs', problems);
  const skip = ignored ?? (clusterIPs.length === 0 ? 'no-cluster-ip' : undefined);
  if (skip) {
    const none = { clusterIPs, externalIPs: [], loadBalancerIPs: [], affinitySeconds: 0, endpointSource: 'none' as const, ports: [] };
    return { model: { ...base, ...none, ignored: skip, problems }, pods: [] };
  }
  const externalIPs = ipv4s(service.externalIPs, origin, 'spec.externalIPs', problems);
  const lbIPs = ipv4s(service.loadBalancerIPs, origin, 'status.loadBalancer.ingress', problems);
  const affinity = affinitySeconds(service, origin, problems);
  const ports = validPorts(service, origin, problems);
  const candidates = endpointCandidates(
    {
      service,
      ...(input.endpoints ? { endpoints: input.endpoints } : {}),
      slices: input.slices,
      pod: (id) => input.pod(id),
      isLocal: (nodeName, ip) => isLocalEndpoint(node, nodeName, ip),
    },
    ports.map((p) => p.sp),
  );
  problems.push(...candidates.problems);
  const used = new Map<string, FrontendKind>();
  const portModels: ServicePortModel[] = ports.map(({ sp, index }, i) => {
    const endpoints = candidates.byPort[i] ?? [];
    const frontends: ServiceFrontend[] = [];
    for (const spec of frontendSpecs({ clusterIPs, lbIPs, externalIPs }, service, sp, index, node)) {
      const port = spec.kind === 'node-port' ? sp.nodePort! : sp.port;
      const slot = `${sp.protocol}/${spec.ip}/${port}`;
      const clash = used.get(slot);
      if (clash) {
        problems.push(new BadInputError(origin, spec.field, `${spec.ip}:${port}/${sp.protocol} is already this Service's ${clash} frontend`));
        continue;
      }
      used.set(slot, spec.kind);
      const sel = selectEndpoints(endpoints, spec.policy);
      frontends.push({
        kind: spec.kind,
        ip: spec.ip,
        port,
        protocol: sp.protocol,
        scope: spec.scope,
        policy: spec.policy,
        masquerade: spec.masquerade,
        action: sel.action,
        backends: sel.endpoints.map((e) => toBackend(e, input.weights)),
        reason: sel.reason,
      });
    }
    return {
      name: sp.name ?? '',
      protocol: sp.protocol,
      port: sp.port,
      targetPort: sp.targetPort,
      ...(sp.nodePort === undefined ? {} : { nodePort: sp.nodePort }),
      endpoints,
      frontends,
      tag: servicePortTag(service.namespace, service.name, sp.port),
    };
  });
  return {
    model: {
      ...base,
      clusterIPs,
      externalIPs,
      loadBalancerIPs: lbIPs,
      affinitySeconds: affinity,
      endpointSource: candidates.source,
      ports: portModels,
      problems: uniqueProblems(problems),
    },
    pods: candidates.pods,
  };
}
