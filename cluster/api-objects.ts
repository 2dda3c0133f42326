/**
 * @module What the simulated API server stores: the user's Kubernetes JSON completed with
 * what the controllers and kubelets write — a Node's pod CIDR and InternalIP, a Pod's
 * `spec.nodeName` and status (IP, host IP, phase), a Service's cluster IP and NodePorts. The
 * Kubernetes defaults of everything else are applied by the agents' decoders, as they read
 * the store. Pure.
 */
import type { LaidOutNode } from './node-layout.ts';
import type { ServiceAssignment } from './service-allocation.ts';

/** A Kubernetes object as JSON. */
export type K8sJson = Readonly<Record<string, unknown>>;

function record(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** The label the API server puts on every Namespace (`kubernetes.io/metadata.name: <name>`). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** The Namespace as stored: with the `kubernetes.io/metadata.name` label the API server sets. */
export function namespaceJson(json: K8sJson, name: string): K8sJson {
  const metadata = record(json.metadata);
  return { ...json, metadata: { ...metadata, labels: { ...record(metadata.labels), [NAMESPACE_NAME_LABEL]: name } } };
}

/** A Node object for a node the simulation creates (no manifest gave it). */
export function generatedNodeJson(name: string): K8sJson {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name } } };
}

/** The Node as stored: `spec.podCIDR(s)` and an InternalIP (first) as laid out. */
export function nodeJson(json: K8sJson, node: LaidOutNode): K8sJson {
  const spec = record(json.spec);
  const status = record(json.status);
  const given = Array.isArray(status.addresses) ? (status.addresses as unknown[]) : [];
  const hasInternal = given.some((a) => record(a).type === 'InternalIP');
  const addresses = hasInternal ? given : [{ type: 'InternalIP', address: node.address }, ...given];
  const withHost = addresses.some((a) => record(a).type === 'Hostname') ? addresses : [...addresses, { type: 'Hostname', address: node.name }];
  return {
    ...json,
    spec: { ...spec, podCIDR: node.podCIDR, podCIDRs: [node.podCIDR] },
    status: { ...status, addresses: withHost },
  };
}

/** What the kubelet reports for a pod. */
export interface PodStatusFacts {
  readonly nodeName: string;
  readonly hostIP: string;
  /** The pod IP, if it has one. */
  readonly podIP?: string;
}

/**
 * The Pod as stored: bound to its node, with `status.hostIP`, `status.podIP(s)` and a phase
 * (`Running` unless the manifest gives one). Conditions and other status fields of the
 * manifest are kept (its Ready condition decides readiness).
 */
export function podJson(json: K8sJson, facts: PodStatusFacts): K8sJson {
  const spec = record(json.spec);
  const status = record(json.status);
  const { podIP: _ip, podIPs: _ips, ...rest } = status;
  return {
    ...json,
    spec: { ...spec, nodeName: facts.nodeName },
    status: {
      ...rest,
      phase: typeof status.phase === 'string' ? status.phase : 'Running',
      hostIP: facts.hostIP,
      ...(facts.podIP !== undefined ? { podIP: facts.podIP, podIPs: [{ ip: facts.podIP }] } : {}),
    },
  };
}

/** The Service as stored: `spec.clusterIP(s)` and the NodePorts as allocated. */
export function serviceJson(json: K8sJson, a: ServiceAssignment): K8sJson {
  const spec = record(json.spec);
  const ports = Array.isArray(spec.ports) ? (spec.ports as unknown[]) : [];
  return {
    ...json,
    spec: {
      ...spec,
      ...(a.clusterIP !== undefined ? { clusterIP: a.clusterIP, clusterIPs: [a.clusterIP] } : {}),
      ...(ports.length > 0 ? { ports: ports.map((p, i) => (a.nodePorts[i] !== undefined ? { ...record(p), nodePort: a.nodePorts[i] } : p)) } : {}),
    },
  };
}
