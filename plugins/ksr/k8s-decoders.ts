/** @module The Kubernetes decoder of each KSR kind, and which manifest `kind`/`apiVersion` maps to it. Pure. */
import type { KsrKind, KsrKinds } from './model.ts';
import { decodeEndpointSlice } from './k8s-endpoint-slice.ts';
import { decodeEndpoints } from './k8s-endpoints.ts';
import { decodeNamespace } from './k8s-namespace.ts';
import { decodeNode } from './k8s-node.ts';
import { decodePod } from './k8s-pod.ts';
import { decodePolicy } from './k8s-policy.ts';
import { decodeService } from './k8s-service.ts';

/** How one KSR kind appears in Kubernetes JSON. */
export interface K8sKindInfo<K extends KsrKind> {
  /** The Kubernetes `kind`. */
  readonly k8sKind: string;
  /** Accepted `apiVersion`s. */
  readonly apiVersions: readonly string[];
  readonly decode: (json: unknown, source: string, defaultNamespace?: string) => KsrKinds[K];
}

/** Per KSR kind: Kubernetes kind, API versions and decoder. */
export const K8S_KINDS: { readonly [K in KsrKind]: K8sKindInfo<K> } = {
  namespace: { k8sKind: 'Namespace', apiVersions: ['v1'], decode: decodeNamespace },
  node: { k8sKind: 'Node', apiVersions: ['v1'], decode: decodeNode },
  pod: { k8sKind: 'Pod', apiVersions: ['v1'], decode: decodePod },
  policy: { k8sKind: 'NetworkPolicy', apiVersions: ['networking.k8s.io/v1'], decode: decodePolicy },
  service: { k8sKind: 'Service', apiVersions: ['v1'], decode: decodeService },
  endpoints: { k8sKind: 'Endpoints', apiVersions: ['v1'], decode: decodeEndpoints },
  endpointslice: { k8sKind: 'EndpointSlice', apiVersions: ['discovery.k8s.io/v1'], decode: decodeEndpointSlice },
};

/** The KSR kind of a Kubernetes `kind` (`NetworkPolicy` → `policy`), if the agent reads it. */
export function ksrKindOf(k8sKind: string): KsrKind | undefined {
  return (Object.keys(K8S_KINDS) as KsrKind[]).find((k) => K8S_KINDS[k].k8sKind === k8sKind);
}

/** Decodes Kubernetes JSON of a known kind. @throws {BadInputError} */
export function decodeK8s<K extends KsrKind>(kind: K, json: unknown, source: string, defaultNamespace?: string): KsrKinds[K] {
  return K8S_KINDS[kind].decode(json, source, defaultNamespace);
}
