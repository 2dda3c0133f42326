/** @module Node (core/v1) JSON → model: addresses and the IPv4 pod CIDR. Pure. */
import { z } from 'zod';
import { formatCidr } from '../net/ipv4.ts';
import type { Node, NodeAddress } from './model.ts';
import { cidrV4, ipv4Only, metaSchema } from './k8s-common.ts';
import { field, parseWith } from './zod-issue.ts';

const ADDRESS_TYPES = ['InternalIP', 'ExternalIP', 'Hostname', 'InternalDNS', 'ExternalDNS'] as const;

/** The Node fields the agent reads. */
export const nodeSchema = z.looseObject({
  metadata: metaSchema,
  spec: z.looseObject({ podCIDR: z.string().nullish(), podCIDRs: z.array(z.string()).nullish() }).nullish(),
  status: z
    .looseObject({ addresses: z.array(z.looseObject({ type: z.enum(ADDRESS_TYPES), address: z.string().min(1) })).nullish() })
    .nullish(),
});

/**
 * Decodes a Node. `podCIDR` is the first IPv4 prefix of `spec.podCIDR`/`spec.podCIDRs`; IPv6
 * IP addresses are dropped (the data plane is IPv4 only).
 * @throws {BadInputError} naming `source` and the field
 */
export function decodeNode(json: unknown, source: string): Node {
  const n = parseWith(nodeSchema, json, source);
  const cidrs: [string, string][] = [];
  if (n.spec?.podCIDR) cidrs.push(['spec.podCIDR', n.spec.podCIDR]);
  (n.spec?.podCIDRs ?? []).forEach((c, i) => cidrs.push([field('spec.podCIDRs', i), c]));
  let podCIDR: string | undefined;
  for (const [at, text] of cidrs) {
    const v4 = cidrV4(text, source, at);
    if (v4 && podCIDR === undefined) podCIDR = formatCidr(v4);
  }
  const addresses: NodeAddress[] = [];
  (n.status?.addresses ?? []).forEach((a, i) => {
    if (a.type === 'InternalIP' || a.type === 'ExternalIP') {
      const ip = ipv4Only(a.address, source, field(field('status.addresses', i), 'address'));
      if (ip !== undefined) addresses.push({ type: a.type, address: ip });
    } else {
      addresses.push({ type: a.type, address: a.address });
    }
  });
  return { name: n.metadata.name, ...(podCIDR !== undefined ? { podCIDR } : {}), addresses };
}
