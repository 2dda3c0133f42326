/** @module EndpointSlice (discovery.k8s.io/v1) JSON → model. Pure. */
import { z } from 'zod';
import { BadInputError } from '../../core/errors.ts';
import type { EndpointSlice, SliceEndpoint } from './model.ts';
import { ipv4List, metaSchema } from './k8s-common.ts';
import { decodeEndpointPorts, endpointPortSchema, targetPodOf, targetRefSchema } from './k8s-endpoints.ts';
import { field, parseWith } from './zod-issue.ts';

/** The label naming the Service a slice belongs to. */
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

/** The EndpointSlice fields the agent reads. */
export const endpointSliceSchema = z.looseObject({
  metadata: metaSchema,
  addressType: z.enum(['IPv4', 'IPv6', 'FQDN']),
  endpoints: z
    .array(z.looseObject({
      addresses: z.array(z.string()),
      conditions: z
        .looseObject({ ready: z.boolean().nullish(), serving: z.boolean().nullish(), terminating: z.boolean().nullish() })
        .nullish(),
      nodeName: z.string().nullish(),
      targetRef: targetRefSchema,
    }))
    .nullish(),
  ports: z.array(endpointPortSchema).nullish(),
});

/**
 * Decodes an EndpointSlice. Only IPv4 slices carry endpoints here (IPv6 and FQDN slices decode
 * with none: the data plane is IPv4 only). Conditions default as upstream: ready true,
 * serving = ready, terminating false.
 * @param defaultNamespace namespace when `metadata.namespace` is absent (manifests: `default`)
 * @throws {BadInputError} naming `source` and the field
 */
export function decodeEndpointSlice(json: unknown, source: string, defaultNamespace = 'default'): EndpointSlice {
  const s = parseWith(endpointSliceSchema, json, source);
  const namespace = s.metadata.namespace ?? defaultNamespace;
  const serviceName = s.metadata.labels?.[SERVICE_NAME_LABEL];
  if (!serviceName) throw new BadInputError(source, `metadata.labels["${SERVICE_NAME_LABEL}"]`, 'missing: an EndpointSlice names its Service in this label');
  const endpoints: SliceEndpoint[] =
    s.addressType !== 'IPv4'
      ? []
      : (s.endpoints ?? []).map((e, i) => {
        const ready = e.conditions?.ready ?? true;
        const targetPod = targetPodOf(e.targetRef, namespace);
        return {
          addresses: ipv4List(e.addresses, source, field(field('endpoints', i), 'addresses')),
          ready,
          serving: e.conditions?.serving ?? ready,
          terminating: e.conditions?.terminating ?? false,
          ...(e.nodeName ? { nodeName: e.nodeName } : {}),
          ...(targetPod ? { targetPod } : {}),
        };
      });
  return { name: s.metadata.name, namespace, serviceName, endpoints, ports: decodeEndpointPorts(s.ports, source, 'ports') };
}
