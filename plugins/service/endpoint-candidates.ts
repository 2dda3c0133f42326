/**
 * @module The endpoints of each port of a Service, from its EndpointSlices (preferred when
 * present) or its Endpoints: backend address and port (a named targetPort resolved per
 * backend), readiness, termination, node and locality. Failed or succeeded pods never count.
 */
import { BadInputError } from '../../core/errors.ts';
import type { EndpointPort, EndpointSlice, Endpoints, ObjectId, Pod, Service, ServicePort } from '../ksr/model.ts';
import { isIp4, parseIp4 } from '../net/ipv4.ts';
import type { EndpointCandidate } from './service-model.ts';

/** What candidate building reads. */
export interface CandidateSource {
  readonly service: Service;
  /** The Service's Endpoints object, if any. */
  readonly endpoints?: Endpoints;
  /** The Service's EndpointSlices (those whose service-name label names it). */
  readonly slices: readonly EndpointSlice[];
  /** A pod by namespace/name. */
  pod(id: ObjectId): Pod | undefined;
  /** Whether an endpoint on `nodeName` (or, unknown node, with address `ip`) is on this node. */
  isLocal(nodeName: string | undefined, ip: string): boolean;
}

/** Endpoints per service port. */
export interface PortCandidates {
  readonly source: 'EndpointSlice' | 'Endpoints' | 'none';
  /** Candidates of `ports[i]`, sorted by address then port. */
  readonly byPort: readonly (readonly EndpointCandidate[])[];
  /** `namespace/name` of every pod the endpoints refer to, sorted (a change of one affects the Service). */
  readonly pods: readonly string[];
  readonly problems: readonly BadInputError[];
}

/** One endpoint address before its port is chosen. */
interface RawEndpoint {
  readonly ip: string;
  readonly ready: boolean;
  readonly serving: boolean;
  readonly terminating: boolean;
  readonly nodeName?: string;
  readonly pod?: ObjectId;
  readonly ports: readonly EndpointPort[];
  /** Object and field, for problems. */
  readonly origin: string;
  readonly field: string;
  /** Field of the port list the backend port comes from. */
  readonly portsField: string;
}

const isTerminal = (pod: Pod | undefined): boolean => pod?.phase === 'Failed' || pod?.phase === 'Succeeded';
const podKey = (id: ObjectId): string => `${id.namespace}/${id.name}`;

function fromSlices(src: CandidateSource, refs: Set<string>): RawEndpoint[] {
  const out: RawEndpoint[] = [];
  const publish = src.service.publishNotReadyAddresses;
  for (const slice of [...src.slices].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const origin = `EndpointSlice ${slice.namespace}/${slice.name}`;
    slice.endpoints.forEach((ep, i) => {
      // kube-proxy uses the first address of an endpoint; the others are the same pod.
      const ip = ep.addresses[0];
      if (ip === undefined) return;
      if (ep.targetPod) refs.add(podKey(ep.targetPod));
      const pod = ep.targetPod ? src.pod(ep.targetPod) : undefined;
      if (isTerminal(pod)) return;
      const nodeName = ep.nodeName ?? pod?.nodeName;
      out.push({
        ip,
        ready: ep.ready || publish,
        serving: ep.serving || publish,
        terminating: ep.terminating,
        ...(nodeName === undefined ? {} : { nodeName }),
        ...(ep.targetPod ? { pod: ep.targetPod } : {}),
        ports: slice.ports,
        origin,
        field: `endpoints[${i}].addresses[0]`,
        portsField: 'ports',
      });
    });
  }
  return out;
}

function fromEndpoints(src: CandidateSource, endpoints: Endpoints, refs: Set<string>): RawEndpoint[] {
  const out: RawEndpoint[] = [];
  const publish = src.service.publishNotReadyAddresses;
  const origin = `Endpoints ${endpoints.namespace}/${endpoints.name}`;
  endpoints.subsets.forEach((subset, s) => {
    const lists = [
      { list: subset.addresses, ready: true, name: 'addresses' },
      { list: subset.notReadyAddresses, ready: false, name: 'notReadyAddresses' },
    ];
    for (const { list, ready, name } of lists) {
      list.forEach((a, i) => {
        if (a.targetPod) refs.add(podKey(a.targetPod));
        const pod = a.targetPod ? src.pod(a.targetPod) : undefined;
        if (isTerminal(pod)) return;
        // core/v1 Endpoints carry no termination condition: the pod tells it.
        const terminating = pod?.terminating ?? false;
        const nodeName = a.nodeName ?? pod?.nodeName;
        out.push({
          ip: a.ip,
          ready: publish || (ready && !terminating),
          serving: publish || ready,
          terminating,
          ...(nodeName === undefined ? {} : { nodeName }),
          ...(a.targetPod ? { pod: a.targetPod } : {}),
          ports: subset.ports,
          origin,
          field: `subsets[${s}].${name}[${i}].ip`,
          portsField: `subsets[${s}].ports`,
        });
      });
    }
  });
  return out;
}

/** The backend port of `raw` for service port `sp`, or undefined when it does not serve that port. */
function backendPort(src: CandidateSource, raw: RawEndpoint, sp: ServicePort): number | undefined {
  if (raw.ports.length > 0) {
    const name = sp.name ?? '';
    return raw.ports.find((p) => (p.name ?? '') === name && p.protocol === sp.protocol)?.port;
  }
  // Hand-written endpoints without ports: resolve the targetPort ourselves, per backend pod.
  if (typeof sp.targetPort === 'number') return sp.targetPort;
  const pod = raw.pod ? src.pod(raw.pod) : undefined;
  return pod?.containerPorts.find((c) => c.name === sp.targetPort && c.protocol === sp.protocol)?.containerPort;
}

function validPort(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= 65535;
}

function compareCandidates(a: EndpointCandidate, b: EndpointCandidate): number {
  return parseIp4(a.ip) - parseIp4(b.ip) || a.port - b.port;
}

/** Merges duplicates of one address:port (several slices may list a pod during a rollover). */
function addCandidate(into: Map<string, EndpointCandidate>, c: EndpointCandidate): void {
  const key = `${c.ip}:${c.port}`;
  const had = into.get(key);
  if (!had) {
    into.set(key, c);
    return;
  }
  into.set(key, {
    ...had,
    ready: had.ready || c.ready,
    serving: had.serving || c.serving,
    terminating: had.terminating && c.terminating,
  });
}

/**
 * Builds the endpoint candidates of each of `ports` (the Service's valid ports).
 * Problems (a bad address, a port out of range, endpoints without a port of the service
 * port's name) are returned; the offending endpoint is skipped, the others are used.
 */
export function endpointCandidates(src: CandidateSource, ports: readonly ServicePort[]): PortCandidates {
  const problems: BadInputError[] = [];
  const source = src.slices.length > 0 ? 'EndpointSlice' : src.endpoints ? 'Endpoints' : 'none';
  // Every pod referenced, even a failed one skipped here: a later change of it must re-process the Service.
  const pods = new Set<string>();
  const raws = source === 'EndpointSlice' ? fromSlices(src, pods) : src.endpoints ? fromEndpoints(src, src.endpoints, pods) : [];
  const usable = raws.filter((r) => {
    if (isIp4(r.ip)) return true;
    // An IPv6 endpoint of a dual-stack Service is not ours to program; anything else is bad input.
    if (!r.ip.includes(':')) problems.push(new BadInputError(r.origin, r.field, `"${r.ip}" is not an IPv4 address`));
    return false;
  });
  const byPort = ports.map((sp) => {
    const found = new Map<string, EndpointCandidate>();
    let withPorts = 0;
    let bad = false;
    for (const r of usable) {
      if (r.ports.length > 0) withPorts++;
      const port = backendPort(src, r, sp);
      if (port === undefined) continue;
      if (!validPort(port)) {
        bad = true;
        problems.push(new BadInputError(r.origin, r.portsField, `port ${port} is out of range 1-65535`));
        continue;
      }
      addCandidate(found, {
        ip: r.ip,
        port,
        ready: r.ready,
        serving: r.serving,
        terminating: r.terminating,
        ...(r.nodeName === undefined ? {} : { nodeName: r.nodeName }),
        ...(r.pod ? { pod: r.pod } : {}),
        local: src.isLocal(r.nodeName, r.ip),
      });
    }
    if (found.size === 0 && !bad && withPorts > 0) {
      const origin = usable[0]!.origin;
      const field = source === 'EndpointSlice' ? 'ports' : 'subsets[*].ports';
      const name = sp.name ?? '';
      problems.push(new BadInputError(origin, field, `no ${sp.protocol} port named "${name}" for service port ${sp.port}`));
    }
    return [...found.values()].sort(compareCandidates);
  });
  return { source, byPort, pods: [...pods].sort(), problems };
}
