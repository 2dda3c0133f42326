/** @module Builders of Kubernetes model objects for policy tests (no `.test` suffix: not collected). */
import type { ContainerPort, IpBlock, Labels, LabelSelector, LabelSelectorRequirement, Namespace, NetworkPolicy, Pod, PolicyPeer, PolicyPort, PolicyRule, Protocol } from '../../../../plugins/ksr/model.ts';

/** A namespace. */
export function ns(name: string, labels: Labels = {}): Namespace {
  return { name, labels };
}

/** A running pod. */
export function pod(namespace: string, name: string, ip: string | undefined, labels: Labels = {}, opts: { node?: string; ports?: ContainerPort[]; hostNetwork?: boolean } = {}): Pod {
  return {
    namespace, name, labels, ip, nodeName: opts.node ?? 'node1', hostNetwork: opts.hostNetwork ?? false,
    phase: 'Running', ready: true, terminating: false, containerPorts: opts.ports ?? [],
  };
}

/** A label selector. */
export function sel(matchLabels: Labels = {}, ...matchExpressions: LabelSelectorRequirement[]): LabelSelector {
  return { matchLabels, matchExpressions };
}

/** A matchExpressions requirement. */
export function req(key: string, operator: LabelSelectorRequirement['operator'], ...values: string[]): LabelSelectorRequirement {
  return { key, operator, values };
}

/** A port of a policy rule. */
export function port(protocol: Protocol, p?: number | string, endPort?: number): PolicyPort {
  return { protocol, ...(p === undefined ? {} : { port: p }), ...(endPort === undefined ? {} : { endPort }) };
}

/** A container port. */
export function cport(containerPort: number, name?: string, protocol: Protocol = 'TCP'): ContainerPort {
  return { containerPort, protocol, ...(name === undefined ? {} : { name }) };
}

/** A rule. */
export function rule(peers: PolicyPeer[] = [], ports: PolicyPort[] = []): PolicyRule {
  return { peers, ports };
}

/** An ipBlock peer. */
export function block(cidr: string, ...except: string[]): PolicyPeer {
  const ipBlock: IpBlock = { cidr, except };
  return { ipBlock };
}

/** A policy; policyTypes default as the API server does. */
export function policy(namespace: string, name: string, spec: { podSelector?: LabelSelector; policyTypes?: ('Ingress' | 'Egress')[]; ingress?: PolicyRule[]; egress?: PolicyRule[] }): NetworkPolicy {
  const egress = spec.egress ?? [];
  return {
    namespace, name,
    podSelector: spec.podSelector ?? sel(),
    policyTypes: spec.policyTypes ?? ['Ingress', ...(egress.length > 0 ? (['Egress'] as const) : [])],
    ingress: spec.ingress ?? [],
    egress,
  };
}
