/**
 * @module The Kubernetes state model the agent works on: normalized, validated objects
 * decoded from Kubernetes JSON or from the original KSR's proto-JSON. Types only.
 *
 * Normalization rules (applied by the decoders in `plugins/ksr/`):
 * - absent maps and lists become empty (`{}` / `[]`), absent optional scalars stay `undefined`;
 * - Kubernetes API defaults are applied (NetworkPolicy `policyTypes`, port protocol `TCP`,
 *   Service `type: ClusterIP`, `sessionAffinity: None`, traffic policies `Cluster`);
 * - enums use the Kubernetes spelling (`TCP`, `In`, `Ingress`, `NodePort`).
 */

/** Transport protocols Kubernetes knows for ports. */
export type Protocol = 'TCP' | 'UDP' | 'SCTP';

/** Labels of an object. */
export type Labels = Readonly<Record<string, string>>;

/** `namespace/name` of a namespaced object. */
export interface ObjectId {
  readonly namespace: string;
  readonly name: string;
}

/** A label selector requirement. */
export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  /** Values for In / NotIn (non-empty there), empty for Exists / DoesNotExist. */
  readonly values: readonly string[];
}

/** A Kubernetes label selector. Both parts empty = selects everything. */
export interface LabelSelector {
  readonly matchLabels: Labels;
  readonly matchExpressions: readonly LabelSelectorRequirement[];
}

/** A Namespace. */
export interface Namespace {
  readonly name: string;
  readonly labels: Labels;
}

/** A container port of a pod. */
export interface ContainerPort {
  readonly name?: string;
  readonly containerPort: number;
  readonly protocol: Protocol;
}

/** A Pod, with the status fields the agent needs. */
export interface Pod extends ObjectId {
  readonly labels: Labels;
  /** Node the pod is scheduled on (`spec.nodeName`). */
  readonly nodeName?: string;
  /** `status.podIP` (first of `status.podIPs`); undefined until assigned. */
  readonly ip?: string;
  /** `status.hostIP`. */
  readonly hostIP?: string;
  /** `spec.hostNetwork`: the pod uses its node's network namespace. */
  readonly hostNetwork: boolean;
  /** `status.phase` (`Pending`, `Running`, `Succeeded`, `Failed`, `Unknown`). */
  readonly phase?: string;
  /** The `Ready` condition is `True`. Pods without conditions count as ready when Running. */
  readonly ready: boolean;
  /** `metadata.deletionTimestamp` is set. */
  readonly terminating: boolean;
  /** Ports of all containers, in container then port order. */
  readonly containerPorts: readonly ContainerPort[];
}

/** A port of a NetworkPolicy rule. */
export interface PolicyPort {
  readonly protocol: Protocol;
  /** Number, name of a container port, or undefined = every port. */
  readonly port?: number | string;
  /** Last port of a range starting at numeric `port`. */
  readonly endPort?: number;
}

/** An ipBlock peer. */
export interface IpBlock {
  readonly cidr: string;
  readonly except: readonly string[];
}

/**
 * A NetworkPolicy peer. podSelector alone: pods of the policy's namespace; namespaceSelector
 * alone: all pods of the selected namespaces; both: the selected pods in the selected
 * namespaces; ipBlock: addresses.
 */
export interface PolicyPeer {
  readonly podSelector?: LabelSelector;
  readonly namespaceSelector?: LabelSelector;
  readonly ipBlock?: IpBlock;
}

/** One ingress or egress rule. `peers` undefined/empty = every peer; `ports` empty = every port and protocol. */
export interface PolicyRule {
  readonly peers: readonly PolicyPeer[];
  readonly ports: readonly PolicyPort[];
}

/** A NetworkPolicy (networking.k8s.io/v1). */
export interface NetworkPolicy extends ObjectId {
  readonly podSelector: LabelSelector;
  /** Defaulted: Ingress always, Egress when egress rules exist (if not given explicitly). */
  readonly policyTypes: readonly ('Ingress' | 'Egress')[];
  readonly ingress: readonly PolicyRule[];
  readonly egress: readonly PolicyRule[];
}

/** A Service port. */
export interface ServicePort {
  readonly name?: string;
  readonly protocol: Protocol;
  readonly port: number;
  /** Number or name of a container port; defaults to `port`. */
  readonly targetPort: number | string;
  readonly nodePort?: number;
}

/** A Service. */
export interface Service extends ObjectId {
  readonly type: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
  /** `spec.clusterIPs` (or `[clusterIP]`); `['None']` for headless; empty when unassigned. */
  readonly clusterIPs: readonly string[];
  readonly ports: readonly ServicePort[];
  /** `spec.selector`; undefined = a Service without selector (hand-written Endpoints). */
  readonly selector?: Labels;
  readonly externalIPs: readonly string[];
  /** `status.loadBalancer.ingress[].ip`. */
  readonly loadBalancerIPs: readonly string[];
  readonly sessionAffinity: 'None' | 'ClientIP';
  /** Seconds; defaulted to 10800 for ClientIP. */
  readonly sessionAffinityTimeoutSeconds: number;
  readonly externalTrafficPolicy: 'Cluster' | 'Local';
  readonly internalTrafficPolicy: 'Cluster' | 'Local';
  readonly publishNotReadyAddresses: boolean;
  readonly externalName?: string;
}

/** An endpoint address. */
export interface EndpointAddress {
  readonly ip: string;
  readonly nodeName?: string;
  /** The pod behind the address (`targetRef` of kind Pod). */
  readonly targetPod?: ObjectId;
}

/** A port of an endpoint subset. */
export interface EndpointPort {
  readonly name?: string;
  readonly port: number;
  readonly protocol: Protocol;
}

/** One Endpoints subset. */
export interface EndpointSubset {
  readonly addresses: readonly EndpointAddress[];
  readonly notReadyAddresses: readonly EndpointAddress[];
  readonly ports: readonly EndpointPort[];
}

/** An Endpoints object (core/v1). */
export interface Endpoints extends ObjectId {
  readonly subsets: readonly EndpointSubset[];
}

/** One endpoint of an EndpointSlice. */
export interface SliceEndpoint {
  readonly addresses: readonly string[];
  /** conditions.ready (default true), serving (default = ready), terminating (default false). */
  readonly ready: boolean;
  readonly serving: boolean;
  readonly terminating: boolean;
  readonly nodeName?: string;
  readonly targetPod?: ObjectId;
}

/** An EndpointSlice (discovery.k8s.io/v1). */
export interface EndpointSlice extends ObjectId {
  /** The `kubernetes.io/service-name` label. */
  readonly serviceName: string;
  readonly endpoints: readonly SliceEndpoint[];
  readonly ports: readonly EndpointPort[];
}

/** A node address. */
export interface NodeAddress {
  readonly type: 'InternalIP' | 'ExternalIP' | 'Hostname' | 'InternalDNS' | 'ExternalDNS';
  readonly address: string;
}

/** A Node. */
export interface Node {
  readonly name: string;
  readonly podCIDR?: string;
  readonly addresses: readonly NodeAddress[];
}

/** Every kind the KSR layout holds, with its model type. */
export interface KsrKinds {
  readonly namespace: Namespace;
  readonly pod: Pod;
  readonly policy: NetworkPolicy;
  readonly service: Service;
  readonly endpoints: Endpoints;
  readonly endpointslice: EndpointSlice;
  readonly node: Node;
}

/** A KSR kind keyword as it appears in keys (`k8s/<kind>/...`). */
export type KsrKind = keyof KsrKinds;

/** Any decoded KSR object tagged with its kind. */
export type KsrObject = { [K in KsrKind]: { readonly kind: K; readonly value: KsrKinds[K] } }[KsrKind];
