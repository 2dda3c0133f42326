/**
 * @module Kubernetes objects as JSON for the cluster e2e suites (Namespaces, Pods, Services,
 * NetworkPolicies), and their parsing into the manifest objects `Cluster.apply()` takes. The
 * JSON is what a user would write; the simulation's controllers complete it.
 */
import type { ManifestObject } from '../../plugins/ksr/manifest-loader.ts';
import { parseManifestJson } from '../../plugins/ksr/manifest-loader.ts';

/** A Kubernetes object as JSON. */
export type Json = Record<string, unknown>;

/** Parses objects into manifest objects. @throws {Error} naming the first bad object */
export function manifests(...objects: readonly Json[]): ManifestObject[] {
  return objects.flatMap((o, i) => {
    const set = parseManifestJson(o, `object ${i} (${String(o.kind)} ${JSON.stringify(o.metadata)})`);
    if (set.errors.length > 0) throw new Error(set.errors.map((e) => e.message).join('; '));
    return [...set.objects];
  });
}

/** A Namespace. */
export function namespace(name: string, labels: Record<string, string> = {}): Json {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

/** A container port of a pod. */
export interface PortSpec {
  readonly containerPort: number;
  readonly name?: string;
  readonly protocol?: 'TCP' | 'UDP' | 'SCTP';
}

/** What a pod manifest may say besides its name. */
export interface PodSpec {
  readonly node?: string;
  readonly labels?: Record<string, string>;
  readonly ports?: readonly PortSpec[];
  /** The Ready condition. @default true */
  readonly ready?: boolean;
  /** `status.phase` (`Running` when not given). */
  readonly phase?: string;
  /** Marks the pod terminating (a deletion timestamp). */
  readonly terminating?: boolean;
  /** The pod IP asked for (must lie in its node's pod CIDR). */
  readonly ip?: string;
}

/** A Pod `ns/name`. */
export function pod(ref: string, o: PodSpec = {}): Json {
  const [ns, name] = ref.split('/') as [string, string];
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { namespace: ns, name, labels: o.labels ?? {}, ...(o.terminating ? { deletionTimestamp: '2023-11-14T22:13:20Z' } : {}) },
    spec: { ...(o.node ? { nodeName: o.node } : {}), containers: [{ name: 'app', image: 'app', ...(o.ports ? { ports: o.ports.map((p) => ({ protocol: 'TCP', ...p })) } : {}) }] },
    status: {
      ...(o.phase ? { phase: o.phase } : {}),
      ...(o.ip ? { podIP: o.ip } : {}),
      conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }],
    },
  };
}

/** A port of a Service. */
export interface ServicePortSpec {
  readonly port: number;
  readonly name?: string;
  readonly targetPort?: number | string;
  readonly protocol?: 'TCP' | 'UDP' | 'SCTP';
  readonly nodePort?: number;
}

/** What a Service manifest may say besides its name. */
export interface ServiceSpec {
  readonly selector?: Record<string, string>;
  readonly ports: readonly ServicePortSpec[];
  readonly type?: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  readonly externalIPs?: readonly string[];
  readonly externalTrafficPolicy?: 'Cluster' | 'Local';
  readonly internalTrafficPolicy?: 'Cluster' | 'Local';
  readonly affinitySeconds?: number;
  readonly publishNotReadyAddresses?: boolean;
}

/** A Service `ns/name`. */
export function service(ref: string, o: ServiceSpec): Json {
  const [ns, name] = ref.split('/') as [string, string];
  return {
    apiVersion: 'v1', kind: 'Service',
    metadata: { namespace: ns, name },
    spec: {
      ...(o.selector ? { selector: o.selector } : {}),
      ...(o.type ? { type: o.type } : {}),
      ports: o.ports.map((p) => ({ protocol: 'TCP', ...p })),
      ...(o.externalIPs ? { externalIPs: o.externalIPs } : {}),
      ...(o.externalTrafficPolicy ? { externalTrafficPolicy: o.externalTrafficPolicy } : {}),
      ...(o.internalTrafficPolicy ? { internalTrafficPolicy: o.internalTrafficPolicy } : {}),
      ...(o.publishNotReadyAddresses ? { publishNotReadyAddresses: true } : {}),
      ...(o.affinitySeconds !== undefined ? { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: o.affinitySeconds } } } : {}),
    },
  };
}

/** A NetworkPolicy `ns/name` with its spec as Kubernetes writes it. */
export function networkPolicy(ref: string, spec: Json): Json {
  const [ns, name] = ref.split('/') as [string, string];
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { namespace: ns, name }, spec };
}
