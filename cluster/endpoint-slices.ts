/**
 * @module The EndpointSlice controller of the simulation: EndpointSlices (discovery.k8s.io/v1
 * JSON) for Services with a selector, from the pods they select, as Kubernetes' controller
 * derives them — pods with an IP that are not Succeeded/Failed; `ready` = the pod is ready and
 * not terminating (or the Service publishes not-ready addresses), `serving` = the pod is
 * ready, `terminating` = it is being deleted; a named `targetPort` resolved per pod from its
 * container ports (a pod without that port is left out of that port), pods with the same
 * resolved ports sharing one slice. Pure.
 */
import type { Pod, Protocol, Service } from '../plugins/ksr/model.ts';
import type { K8sJson } from './api-objects.ts';
import { compareText } from './compare-text.ts';

/** Label naming a slice's Service. */
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
/** Label naming who manages a slice. */
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
/** Our manager name. */
export const MANAGED_BY = 'simulate.contiv-ts';


interface SlicePort {
  readonly name: string;
  readonly port: number;
  readonly protocol: Protocol;
}

function selects(selector: Readonly<Record<string, string>>, pod: Pod): boolean {
  return Object.entries(selector).every(([k, v]) => pod.labels[k] === v);
}

function portsOf(svc: Service, pod: Pod): SlicePort[] {
  const out: SlicePort[] = [];
  for (const p of svc.ports) {
    const port = typeof p.targetPort === 'number'
      ? p.targetPort
      : pod.containerPorts.find((c) => c.name === p.targetPort && c.protocol === p.protocol)?.containerPort;
    if (port !== undefined) out.push({ name: p.name ?? '', port, protocol: p.protocol });
  }
  return out;
}

function endpointOf(svc: Service, pod: Pod): K8sJson {
  const serving = pod.ready;
  const ready = svc.publishNotReadyAddresses || (pod.ready && !pod.terminating);
  return {
    addresses: [pod.ip],
    conditions: { ready, serving, terminating: pod.terminating },
    ...(pod.nodeName !== undefined ? { nodeName: pod.nodeName } : {}),
    targetRef: { kind: 'Pod', namespace: pod.namespace, name: pod.name },
  };
}

/**
 * The slices of one Service (none without a selector). Slice names are `<service>-<n>`,
 * numbered in the order of their port sets; endpoints are sorted by pod name.
 */
export function endpointSlicesFor(svc: Service, pods: readonly Pod[]): K8sJson[] {
  if (svc.selector === undefined || svc.type === 'ExternalName') return [];
  const selector = svc.selector;
  const groups = new Map<string, { ports: SlicePort[]; pods: Pod[] }>();
  const members = pods
    .filter((p) => p.namespace === svc.namespace && p.ip !== undefined && p.phase !== 'Succeeded' && p.phase !== 'Failed' && selects(selector, p))
    .sort((a, b) => compareText(a.name, b.name));
  for (const pod of members) {
    const ports = portsOf(svc, pod);
    if (svc.ports.length > 0 && ports.length === 0) continue;
    const key = JSON.stringify(ports);
    const g = groups.get(key);
    if (g) g.pods.push(pod);
    else groups.set(key, { ports, pods: [pod] });
  }
  const ordered = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (ordered.length === 0) ordered.push(['[]', { ports: [], pods: [] }]);
  return ordered.map(([, g], i) => ({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: `${svc.name}-${i + 1}`,
      namespace: svc.namespace,
      labels: { [SERVICE_NAME_LABEL]: svc.name, [MANAGED_BY_LABEL]: MANAGED_BY },
    },
    addressType: 'IPv4',
    endpoints: g.pods.map((p) => endpointOf(svc, p)),
    ports: g.ports.map((p) => ({ ...(p.name ? { name: p.name } : {}), port: p.port, protocol: p.protocol })),
  }));
}
