/** @module Endpoints (core/v1) JSON → model. Pure. */
import { z } from 'zod';
import type { EndpointAddress, EndpointPort, Endpoints, ObjectId } from './model.ts';
import { checkPort, checkPortName, ipv4Only, metaSchema, protocolOf, protocolSchema } from './k8s-common.ts';
import { field, parseWith } from './zod-issue.ts';

/** A `targetRef` (only Pod references are kept). */
export const targetRefSchema = z
  .looseObject({ kind: z.string().nullish(), namespace: z.string().nullish(), name: z.string().nullish() })
  .nullish();

const addressSchema = z.looseObject({ ip: z.string(), nodeName: z.string().nullish(), targetRef: targetRefSchema });

/** An endpoint port as Endpoints and EndpointSlices write it. */
export const endpointPortSchema = z.looseObject({ name: z.string().nullish(), port: z.number().int().nullish(), protocol: protocolSchema });

/** The Endpoints fields the agent reads. */
export const endpointsSchema = z.looseObject({
  metadata: metaSchema,
  subsets: z
    .array(z.looseObject({
      addresses: z.array(addressSchema).nullish(),
      notReadyAddresses: z.array(addressSchema).nullish(),
      ports: z.array(endpointPortSchema).nullish(),
    }))
    .nullish(),
});

/** The pod a `targetRef` names, if it names a pod. */
export function targetPodOf(ref: z.output<typeof targetRefSchema>, defaultNamespace: string): ObjectId | undefined {
  if (!ref || ref.kind !== 'Pod' || !ref.name) return undefined;
  return { namespace: ref.namespace || defaultNamespace, name: ref.name };
}

/** Decodes endpoint ports; those without a number are skipped (they restrict nothing). @throws {BadInputError} */
export function decodeEndpointPorts(ports: readonly z.output<typeof endpointPortSchema>[] | null | undefined, source: string, at: string): EndpointPort[] {
  const out: EndpointPort[] = [];
  (ports ?? []).forEach((p, i) => {
    if (p.port === null || p.port === undefined) return;
    const here = field(at, i);
    const name = checkPortName(p.name, source, field(here, 'name'), 'service');
    out.push({ ...(name !== undefined ? { name } : {}), port: checkPort(p.port, source, field(here, 'port')), protocol: protocolOf(p.protocol) });
  });
  return out;
}

/**
 * Decodes an Endpoints object (IPv6 addresses dropped: the data plane is IPv4 only).
 * @param defaultNamespace namespace when `metadata.namespace` is absent (manifests: `default`)
 * @throws {BadInputError} naming `source` and the field
 */
export function decodeEndpoints(json: unknown, source: string, defaultNamespace = 'default'): Endpoints {
  const e = parseWith(endpointsSchema, json, source);
  const namespace = e.metadata.namespace ?? defaultNamespace;
  const addresses = (list: readonly z.output<typeof addressSchema>[] | null | undefined, at: string): EndpointAddress[] => {
    const out: EndpointAddress[] = [];
    (list ?? []).forEach((a, i) => {
      const ip = ipv4Only(a.ip, source, field(field(at, i), 'ip'));
      if (ip === undefined) return;
      const targetPod = targetPodOf(a.targetRef, namespace);
      out.push({ ip, ...(a.nodeName ? { nodeName: a.nodeName } : {}), ...(targetPod ? { targetPod } : {}) });
    });
    return out;
  };
  return {
    name: e.metadata.name,
    namespace,
    subsets: (e.subsets ?? []).map((s, i) => {
      const at = field('subsets', i);
      return {
        addresses: addresses(s.addresses, field(at, 'addresses')),
        notReadyAddresses: addresses(s.notReadyAddresses, field(at, 'notReadyAddresses')),
        ports: decodeEndpointPorts(s.ports, source, field(at, 'ports')),
      };
    }),
  };
}
