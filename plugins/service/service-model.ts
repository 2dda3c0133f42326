/**
 * @module The service model: what the service processor derives, for this node, from a
 * Service, its endpoints, the pods behind them and the node itself. Types only; it is what
 * `GET /services` shows and what the NAT44 export reads.
 */
import type { BadInputError } from '../../core/errors.ts';
import type { ObjectId, Protocol, Service } from '../ksr/model.ts';

/** Where a frontend address comes from. */
export type FrontendKind = 'cluster-ip' | 'load-balancer-ip' | 'external-ip' | 'node-port';

/**
 * One endpoint of a service port as Kubernetes reports it (EndpointSlice or Endpoints),
 * resolved to the address and port a connection is forwarded to.
 */
export interface EndpointCandidate {
  readonly ip: string;
  /** The backend port: the endpoint port named like the service port (a named targetPort resolved per pod). */
  readonly port: number;
  /** Ready (or published while not ready, `publishNotReadyAddresses`). */
  readonly ready: boolean;
  /** Serving: ready as far as the pod's readiness probe goes, even while terminating. */
  readonly serving: boolean;
  /** The pod is being deleted. */
  readonly terminating: boolean;
  readonly nodeName?: string;
  readonly pod?: ObjectId;
  /** On this node. */
  readonly local: boolean;
}

/** A backend chosen for a frontend, with its load-balancing weight. */
export interface ServiceBackend {
  readonly ip: string;
  readonly port: number;
  readonly local: boolean;
  /** Relative weight (the NAT44 local's probability). */
  readonly weight: number;
  readonly pod?: ObjectId;
  readonly nodeName?: string;
}

/**
 * What this node does with a new connection to a frontend: forward it to a backend, refuse
 * it (no usable endpoint anywhere: TCP reset / ICMP unreachable, as kube-proxy's REJECT), or
 * drop it (a `Local` traffic policy and no endpoint on this node, as kube-proxy's DROP).
 */
export type FrontendAction = 'forward' | 'reject' | 'drop';

/** One address:port (and protocol) where a service port answers on this node. */
export interface ServiceFrontend {
  readonly kind: FrontendKind;
  readonly ip: string;
  readonly port: number;
  readonly protocol: Protocol;
  /**
   * For NodePorts: `this-node` for this node's own addresses (external clients arrive here),
   * `other-node` for other nodes' addresses (only this node's pods and host reach them through
   * this node, so the NodePort is translated here, at the source node).
   */
  readonly scope: 'this-node' | 'other-node';
  /** Which endpoints are eligible: every endpoint (`Cluster`) or this node's (`Local`). */
  readonly policy: 'Cluster' | 'Local';
  /** Whether the backend sees a node address instead of the client's (twice-NAT). */
  readonly masquerade: boolean;
  readonly action: FrontendAction;
  /** The backends a new connection may go to, sorted by address and port; empty unless `forward`. */
  readonly backends: readonly ServiceBackend[];
  /** Why this action, in words (for explanations). */
  readonly reason: string;
}

/** One port of a Service with its endpoints and frontends on this node. */
export interface ServicePortModel {
  /** Port name, '' when unnamed. */
  readonly name: string;
  readonly protocol: Protocol;
  readonly port: number;
  readonly targetPort: number | string;
  readonly nodePort?: number;
  /** Every endpoint of this port, sorted by address and port. */
  readonly endpoints: readonly EndpointCandidate[];
  readonly frontends: readonly ServiceFrontend[];
  /** The tag of the NAT44 values exported for this port (`svc:<ns>/<name>:<port>`). */
  readonly tag: string;
}

/** Why a Service gets no NAT44 configuration at all. */
export type IgnoredReason = 'headless' | 'external-name' | 'no-cluster-ip';

/** A Service as this node implements it. */
export interface ServiceModel {
  /** `namespace/name`. */
  readonly id: string;
  readonly service: ObjectId;
  readonly type: Service['type'];
  /** Usable IPv4 cluster IPs. */
  readonly clusterIPs: readonly string[];
  readonly externalIPs: readonly string[];
  readonly loadBalancerIPs: readonly string[];
  readonly sessionAffinity: 'None' | 'ClientIP';
  /** Client-IP affinity in seconds, 0 without affinity. */
  readonly affinitySeconds: number;
  readonly externalTrafficPolicy: 'Cluster' | 'Local';
  readonly internalTrafficPolicy: 'Cluster' | 'Local';
  /** Where the endpoints came from. */
  readonly endpointSource: 'EndpointSlice' | 'Endpoints' | 'none';
  /** Set when the Service is not implemented at all (then `ports` is empty). */
  readonly ignored?: IgnoredReason;
  readonly ports: readonly ServicePortModel[];
  /** Problems found in the Service or its endpoints; the bad part is skipped, the rest implemented. */
  readonly problems: readonly BadInputError[];
}
