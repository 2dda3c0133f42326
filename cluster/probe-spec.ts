/**
 * @module Probe specs: the JSON probes of `simulate` (a probes file or a scenario step) and of
 * `trace` — `{ from, to, port, protocol, enterAt?, sourcePort?, attempts? }` — validated, and
 * resolved against a view of the cluster ({@linkcode ProbeTargets}) into packet-tracer probe
 * requests. Pure: no I/O, no DI; the cluster simulation and a single agent each supply their view.
 */
import { z } from 'zod';
import { BadInputError } from '../core/errors.ts';
import { formatIp4, isIp4, parseIp4, type Ip4 } from '../plugins/net/ipv4.ts';
import type { ProbeProtocol, ProbeRequest, ProbeSource } from '../plugins/vpp/sim/tracer/probe.ts';

/** Protocols a probe can use. */
export const PROBE_PROTOCOLS: readonly ProbeProtocol[] = ['TCP', 'UDP', 'SCTP'];

/** Most attempts one probe may ask for. */
export const MAX_ATTEMPTS = 1000;

/** One probe as written in JSON (the `simulate` / `trace` contract; keys are kept as written). */
export interface ProbeSpec {
  /** `ns/pod`, `node:NAME` (the node's host network) or `ip:A.B.C.D` (a host outside the cluster). */
  readonly from: string;
  /** `ns/pod`, `svc:ns/name` (its ClusterIP), `node:NAME` (its address) or `ip:A.B.C.D`. */
  readonly to: string;
  /** Destination port: the pod port, the service port, a NodePort. */
  readonly port: number;
  readonly protocol: ProbeProtocol;
  /** Node where outside traffic (`from: ip:`) enters the cluster. */
  readonly enterAt?: string;
  /** Client port of the first attempt. @default a fresh ephemeral port */
  readonly sourcePort?: number;
  /** Connections to open, each from a fresh source port. @default 1 */
  readonly attempts?: number;
}

const portNumber = z.number().int().min(1).max(65535);

/** zod schema of one probe (strict: unknown keys are errors). */
export const probeSpecSchema = z
  .object({
    from: z.string().min(1),
    to: z.string().min(1),
    port: portNumber,
    protocol: z.enum(['TCP', 'UDP', 'SCTP']),
    enterAt: z.string().min(1).optional(),
    sourcePort: portNumber.optional(),
    attempts: z.number().int().min(1).max(MAX_ATTEMPTS).optional(),
  })
  .strict();

/** Who sends a probe. */
export type ProbeFromRef =
  | { readonly kind: 'pod'; readonly namespace: string; readonly name: string }
  | { readonly kind: 'node'; readonly node: string }
  | { readonly kind: 'ip'; readonly ip: Ip4 };

/** Where a probe goes. */
export type ProbeToRef = ProbeFromRef | { readonly kind: 'service'; readonly namespace: string; readonly name: string };

const FROM_FORMS = '"ns/pod", "node:NAME" or "ip:A.B.C.D"';
const TO_FORMS = '"ns/pod", "svc:ns/name", "node:NAME" or "ip:A.B.C.D"';

function objectRef(text: string): { namespace: string; name: string } | undefined {
  const parts = text.split('/');
  return parts.length === 2 && parts[0] && parts[1] ? { namespace: parts[0], name: parts[1] } : undefined;
}

function parseRef(text: string, source: string, field: string, forms: string, services: boolean): ProbeToRef {
  const bad = (why: string) => new BadInputError(source, field, `${why} (expected ${forms})`);
  if (text.startsWith('node:')) {
    const node = text.slice(5);
    if (!node) throw bad(`"${text}" names no node`);
    return { kind: 'node', node };
  }
  if (text.startsWith('ip:')) {
    const ip = text.slice(3);
    if (!isIp4(ip)) throw bad(`"${ip}" is not an IPv4 address`);
    return { kind: 'ip', ip: parseIp4(ip) };
  }
  if (text.startsWith('svc:')) {
    if (!services) throw bad(`"${text}": a probe cannot start at a Service`);
    const ref = objectRef(text.slice(4));
    if (!ref) throw bad(`"${text}" is not svc:namespace/name`);
    return { kind: 'service', ...ref };
  }
  const ref = objectRef(text);
  if (!ref) throw bad(`"${text}" is not a pod reference`);
  return { kind: 'pod', ...ref };
}

/** Parses the `from` of a probe. @throws {BadInputError} naming `source` and `field` */
export function parseFromRef(text: string, source: string, field = 'from'): ProbeFromRef {
  return parseRef(text, source, field, FROM_FORMS, false) as ProbeFromRef;
}

/** Parses the `to` of a probe. @throws {BadInputError} naming `source` and `field` */
export function parseToRef(text: string, source: string, field = 'to'): ProbeToRef {
  return parseRef(text, source, field, TO_FORMS, true);
}

/** The first zod issue of a failed parse as `[field path, message]`. */
function firstIssue(err: z.ZodError, prefix: string): [string, string] {
  const issue = err.issues[0];
  if (!issue) return [prefix, 'invalid'];
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  const field = `${prefix}${path}`.replace(/^\./, '');
  const keys = issue.code === 'unrecognized_keys' ? ` (${issue.keys.join(', ')}; allowed: ${Object.keys(probeSpecSchema.shape).join(', ')})` : '';
  return [field, `${issue.message}${keys}`];
}

/**
 * Validates a list of probes: an array, or an object `{ probes: [...] }` (a probes file).
 * Every probe's references are checked for form (not for existence: see {@linkcode resolveProbe}).
 * @param source names the input in errors (`probes.json`, `scenario.json steps[2]`)
 * @throws {BadInputError} naming `source`, the field (`probes[3].protocol`) and what was expected
 */
export function parseProbeSpecs(json: unknown, source: string, field = 'probes'): ProbeSpec[] {
  const list = Array.isArray(json)
    ? json
    : typeof json === 'object' && json !== null && Array.isArray((json as Record<string, unknown>).probes)
      ? ((json as Record<string, unknown>).probes as unknown[])
      : undefined;
  if (!list) throw new BadInputError(source, field, 'expected a list of probes, or an object { "probes": [...] }');
  return list.map((item, i) => {
    const at = `${field}[${i}]`;
    const parsed = probeSpecSchema.safeParse(item);
    if (!parsed.success) {
      const [f, detail] = firstIssue(parsed.error, at);
      throw new BadInputError(source, f, detail);
    }
    const spec = parsed.data;
    parseFromRef(spec.from, source, `${at}.from`);
    parseToRef(spec.to, source, `${at}.to`);
    return stripUndefined(spec);
  });
}

function stripUndefined(spec: z.output<typeof probeSpecSchema>): ProbeSpec {
  return {
    from: spec.from, to: spec.to, port: spec.port, protocol: spec.protocol,
    ...(spec.enterAt !== undefined ? { enterAt: spec.enterAt } : {}),
    ...(spec.sourcePort !== undefined ? { sourcePort: spec.sourcePort } : {}),
    ...(spec.attempts !== undefined ? { attempts: spec.attempts } : {}),
  };
}

/** A pod as probes see it. */
export interface PodTarget {
  /** The node it is scheduled on. */
  readonly node: string;
  /** Its IP (no prefix); undefined while it has none. */
  readonly ip?: string;
  readonly hostNetwork: boolean;
}

/** A node as probes see it. */
export interface NodeTarget {
  /** Its address (InternalIP / node IP, no prefix); NodePorts answer there. */
  readonly address: string;
  /**
   * The address of its Linux host network in the data plane (contiv: the host side of the host
   * interconnect), where host-network pods send from and are reached; default: `address`.
   */
  readonly hostAddress?: string;
}

/** A Service as probes see it. */
export interface ServiceTarget {
  /** `spec.clusterIP`; undefined or `None` when it has none. */
  readonly clusterIP?: string;
}

/** What probe resolution needs to know about the cluster (implemented by the simulation and by an agent). */
export interface ProbeTargets {
  pod(namespace: string, name: string): PodTarget | undefined;
  node(name: string): NodeTarget | undefined;
  service(namespace: string, name: string): ServiceTarget | undefined;
  /** Whether `ip` is a host outside the cluster (not a pod, service, node or interconnect address). */
  isOutside(ip: Ip4): boolean;
}

/** A probe ready for the tracer. */
export interface ResolvedProbe {
  readonly spec: ProbeSpec;
  /** The tracer request of the first attempt (`srcPort` only when the spec fixes it). */
  readonly request: ProbeRequest;
  /** Connections to open (≥ 1). */
  readonly attempts: number;
}

function sourceOf(ref: ProbeFromRef, targets: ProbeTargets, source: string, spec: ProbeSpec): ProbeSource {
  const fail = (detail: string) => new BadInputError(source, 'from', detail);
  switch (ref.kind) {
    case 'pod': {
      const pod = targets.pod(ref.namespace, ref.name);
      if (!pod) throw fail(`unknown pod ${ref.namespace}/${ref.name}`);
      const node = targets.node(pod.node);
      if (pod.hostNetwork) return { kind: 'host', node: pod.node, ...(node ? { ip: parseIp4(node.hostAddress ?? node.address) } : {}) };
      if (pod.ip === undefined) throw fail(`pod ${ref.namespace}/${ref.name} has no IP`);
      return { kind: 'pod', node: pod.node, ip: parseIp4(pod.ip) };
    }
    case 'node':
      if (!targets.node(ref.node)) throw fail(`unknown node ${ref.node}`);
      return { kind: 'host', node: ref.node };
    case 'ip': {
      if (!targets.isOutside(ref.ip)) throw fail(`${formatIp4(ref.ip)} is not outside the cluster (it is in a pod, service, node or interconnect range); use "ns/pod" or "node:NAME" for cluster members`);
      if (spec.enterAt !== undefined && !targets.node(spec.enterAt)) throw new BadInputError(source, 'enterAt', `unknown node ${spec.enterAt}`);
      return { kind: 'outside', ip: ref.ip, ...(spec.enterAt !== undefined ? { enterAt: spec.enterAt } : {}) };
    }
  }
}

function destinationOf(ref: ProbeToRef, targets: ProbeTargets, source: string): Ip4 {
  const fail = (detail: string) => new BadInputError(source, 'to', detail);
  switch (ref.kind) {
    case 'pod': {
      const pod = targets.pod(ref.namespace, ref.name);
      if (!pod) throw fail(`unknown pod ${ref.namespace}/${ref.name}`);
      const node = targets.node(pod.node);
      const ip = pod.hostNetwork ? (node?.hostAddress ?? pod.ip ?? node?.address) : pod.ip;
      if (ip === undefined) throw fail(`pod ${ref.namespace}/${ref.name} has no IP`);
      return parseIp4(ip);
    }
    case 'service': {
      const svc = targets.service(ref.namespace, ref.name);
      if (!svc) throw fail(`unknown service ${ref.namespace}/${ref.name}`);
      if (svc.clusterIP === undefined || !isIp4(svc.clusterIP)) {
        throw fail(`service ${ref.namespace}/${ref.name} has no IPv4 cluster IP (${svc.clusterIP ?? 'none'}); probe its pods or an external address instead`);
      }
      return parseIp4(svc.clusterIP);
    }
    case 'node': {
      const node = targets.node(ref.node);
      if (!node) throw fail(`unknown node ${ref.node}`);
      return parseIp4(node.address);
    }
    case 'ip':
      return ref.ip;
  }
}

/**
 * Resolves a probe against the cluster: source endpoint and destination address.
 * @param source names the probe in errors (`probes.json probes[3]`)
 * @throws {BadInputError} naming `source` and the field (`from`, `to`, `enterAt`) when a pod,
 *   node or service is unknown, has no address, or an `ip:` source is not outside the cluster
 */
export function resolveProbe(spec: ProbeSpec, targets: ProbeTargets, source: string): ResolvedProbe {
  const from = sourceOf(parseFromRef(spec.from, source), targets, source, spec);
  if (spec.enterAt !== undefined && from.kind !== 'outside') {
    throw new BadInputError(source, 'enterAt', 'only probes from an outside host ("from": "ip:A.B.C.D") enter at a node');
  }
  const to = destinationOf(parseToRef(spec.to, source), targets, source);
  return {
    spec,
    request: { from, to, protocol: spec.protocol, dstPort: spec.port, ...(spec.sourcePort !== undefined ? { srcPort: spec.sourcePort } : {}) },
    attempts: spec.attempts ?? 1,
  };
}
