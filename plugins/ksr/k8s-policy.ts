/**
 * @module NetworkPolicy (networking.k8s.io/v1) JSON → model, with upstream validation and
 * defaulting (policyTypes, protocol). Pure.
 */
import { z } from 'zod';
import { BadInputError } from '../../core/errors.ts';
import { cidrCovers, formatCidr } from '../net/ipv4.ts';
import type { IpBlock, NetworkPolicy, PolicyPeer, PolicyPort, PolicyRule } from './model.ts';
import { checkPort, checkPortOrName, cidrV4, decodeSelector, intOrString, metaSchema, protocolOf, protocolSchema, selectorSchema } from './k8s-common.ts';
import { field, parseWith } from './zod-issue.ts';

const peerSchema = z.looseObject({
  podSelector: selectorSchema.nullish(),
  namespaceSelector: selectorSchema.nullish(),
  ipBlock: z.looseObject({ cidr: z.string(), except: z.array(z.string()).nullish() }).nullish(),
});

const portSchema = z.looseObject({ protocol: protocolSchema, port: intOrString.nullish(), endPort: z.number().int().nullish() });

const ingressRuleSchema = z.looseObject({ ports: z.array(portSchema).nullish(), from: z.array(peerSchema).nullish() });
const egressRuleSchema = z.looseObject({ ports: z.array(portSchema).nullish(), to: z.array(peerSchema).nullish() });

/** The NetworkPolicy fields the agent reads. */
export const policySchema = z.looseObject({
  metadata: metaSchema,
  spec: z.looseObject({
    podSelector: selectorSchema.nullish(),
    policyTypes: z.array(z.enum(['Ingress', 'Egress'])).nullish(),
    ingress: z.array(ingressRuleSchema).nullish(),
    egress: z.array(egressRuleSchema).nullish(),
  }),
});

type PeerJson = z.output<typeof peerSchema>;
type PortJson = z.output<typeof portSchema>;

/**
 * Decodes a NetworkPolicy. `policyTypes` defaults to Ingress, plus Egress when egress rules
 * exist; ports default to TCP.
 * @param defaultNamespace namespace when `metadata.namespace` is absent (manifests: `default`)
 * @throws {BadInputError} naming `source` and the field
 */
export function decodePolicy(json: unknown, source: string, defaultNamespace = 'default'): NetworkPolicy {
  const p = parseWith(policySchema, json, source);
  const spec = p.spec;
  const rule = (at: string, peersKey: 'from' | 'to', peers: readonly PeerJson[] | null | undefined, ports: readonly PortJson[] | null | undefined): PolicyRule => ({
    peers: (peers ?? []).map((peer, j) => decodePeer(peer, source, field(field(at, peersKey), j))),
    ports: (ports ?? []).map((port, j) => decodePolicyPort(port, source, field(field(at, 'ports'), j))),
  });
  const ingress = (spec.ingress ?? []).map((r, i) => rule(field('spec.ingress', i), 'from', r.from, r.ports));
  const egress = (spec.egress ?? []).map((r, i) => rule(field('spec.egress', i), 'to', r.to, r.ports));
  const given = spec.policyTypes;
  const policyTypes: ('Ingress' | 'Egress')[] = given
    ? (['Ingress', 'Egress'] as const).filter((t) => given.includes(t))
    : ['Ingress', ...(egress.length > 0 ? (['Egress'] as const) : [])];
  return {
    name: p.metadata.name,
    namespace: p.metadata.namespace ?? defaultNamespace,
    podSelector: decodeSelector(spec.podSelector, source, 'spec.podSelector'),
    policyTypes,
    ingress,
    egress,
  };
}

function decodePeer(peer: PeerJson, source: string, at: string): PolicyPeer {
  const hasSelector = Boolean(peer.podSelector || peer.namespaceSelector);
  if (peer.ipBlock && hasSelector) {
    throw new BadInputError(source, at, 'ipBlock cannot be combined with podSelector or namespaceSelector in one peer');
  }
  if (!peer.ipBlock && !hasSelector) {
    throw new BadInputError(source, at, 'a peer needs podSelector, namespaceSelector or ipBlock');
  }
  if (peer.ipBlock) return { ipBlock: decodeIpBlock(peer.ipBlock, source, field(at, 'ipBlock')) };
  return {
    ...(peer.podSelector ? { podSelector: decodeSelector(peer.podSelector, source, field(at, 'podSelector')) } : {}),
    ...(peer.namespaceSelector ? { namespaceSelector: decodeSelector(peer.namespaceSelector, source, field(at, 'namespaceSelector')) } : {}),
  };
}

function decodeIpBlock(b: { cidr: string; except?: string[] | null }, source: string, at: string): IpBlock {
  const cidr = cidrV4(b.cidr, source, field(at, 'cidr'));
  if (!cidr) throw new BadInputError(source, field(at, 'cidr'), `IPv6 "${b.cidr}" is not supported (the data plane is IPv4 only)`);
  const except = (b.except ?? []).map((text, i) => {
    const ex = cidrV4(text, source, field(field(at, 'except'), i));
    if (!ex || !cidrCovers(cidr, ex) || ex.len <= cidr.len) {
      throw new BadInputError(source, field(field(at, 'except'), i), `"${text}" must be a strict subset of cidr ${formatCidr(cidr)}`);
    }
    return formatCidr(ex);
  });
  return { cidr: formatCidr(cidr), except };
}

function decodePolicyPort(p: PortJson, source: string, at: string): PolicyPort {
  const protocol = protocolOf(p.protocol);
  const port = p.port === null || p.port === undefined ? undefined : checkPortOrName(p.port, source, field(at, 'port'));
  if (p.endPort !== null && p.endPort !== undefined) {
    if (typeof port !== 'number') throw new BadInputError(source, field(at, 'endPort'), 'endPort needs a numeric port');
    checkPort(p.endPort, source, field(at, 'endPort'));
    if (p.endPort < port) throw new BadInputError(source, field(at, 'endPort'), `endPort ${p.endPort} is below port ${port}`);
    return { protocol, port, endPort: p.endPort };
  }
  return { protocol, ...(port !== undefined ? { port } : {}) };
}
