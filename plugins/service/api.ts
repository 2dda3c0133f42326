/**
 * @module The service plugin's public face (`SERVICE_API`): the service model of this node,
 * the SNAT decision, and lookups from a NAT44 tag or frontend back to the Service (for REST
 * and for explanations in packet traces).
 */
import type { InjectionToken } from 'tsyringe';
import type { Protocol } from '../ksr/model.ts';
import type { ServiceFrontend, ServiceModel, ServicePortModel } from './service-model.ts';
import type { SnatDecision } from './snat-choice.ts';

/** A Service port and one of its frontends, found by address. */
export interface FrontendRef {
  readonly service: ServiceModel;
  readonly port: ServicePortModel;
  readonly frontend: ServiceFrontend;
}

/** What a NAT44 tag written by the service plugin stands for. */
export interface TagRef {
  readonly service: ServiceModel;
  /** The port, for port tags (`svc:ns/name:80`); undefined for a whole-Service tag (`svc:ns/name`). */
  readonly port?: ServicePortModel;
}

/** What the service plugin offers. Valid after its first resync. */
export interface ServiceApi {
  /** Every Service known, sorted by `namespace/name` (ignored ones included, with their reason). */
  services(): readonly ServiceModel[];
  /** One Service by `namespace/name`. */
  service(id: string): ServiceModel | undefined;
  /** The frontend answering `protocol` `ip`:`port` on this node, if a Service owns it. */
  frontend(protocol: Protocol, ip: string, port: number): FrontendRef | undefined;
  /** The Service (and port) behind a NAT44 mapping or reject tag. */
  byTag(tag: string): TagRef | undefined;
  /** Which interface and address source-NAT pods' traffic to the outside, and why. */
  snat(): SnatDecision;
  /**
   * Calls `listener` inside the event loop, in the event's transaction, after an event changed
   * the NAT44 desired state — which every change of a frontend or of its backends does. Not
   * called for a resync: dependents resync after this plugin and read the state themselves.
   */
  onChange(listener: () => void): void;
}

/** Token of the service plugin's API. */
export const SERVICE_API: InjectionToken<ServiceApi> = Symbol('service.ServiceApi');
