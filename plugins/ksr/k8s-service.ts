/** @module Service (core/v1) JSON → model, with the API server's defaults. Pure. */
import { z } from 'zod';
import { BadInputError } from '../../core/errors.ts';
import type { Service, ServicePort } from './model.ts';
import { checkPort, checkPortName, checkPortOrName, decodeLabels, intOrString, ipv4List, ipv4Only, metaSchema, protocolOf, protocolSchema } from './k8s-common.ts';
import { field, parseWith } from './zod-issue.ts';

/** Kubernetes' default ClientIP affinity timeout (3 hours). */
export const DEFAULT_AFFINITY_TIMEOUT_SECONDS = 10_800;

const trafficPolicy = z.enum(['Cluster', 'Local']).nullish();

/** The Service fields the agent reads. */
export const serviceSchema = z.looseObject({
  metadata: metaSchema,
  spec: z.looseObject({
    type: z.enum(['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']).nullish(),
    clusterIP: z.string().nullish(),
    clusterIPs: z.array(z.string()).nullish(),
    ports: z
      .array(z.looseObject({
        name: z.string().nullish(),
        protocol: protocolSchema,
        port: z.number().int(),
        targetPort: intOrString.nullish(),
        nodePort: z.number().int().nullish(),
      }))
      .nullish(),
    selector: z.record(z.string(), z.string()).nullish(),
    externalIPs: z.array(z.string()).nullish(),
    sessionAffinity: z.enum(['None', 'ClientIP']).nullish(),
    sessionAffinityConfig: z
      .looseObject({ clientIP: z.looseObject({ timeoutSeconds: z.number().int().nullish() }).nullish() })
      .nullish(),
    externalTrafficPolicy: trafficPolicy,
    internalTrafficPolicy: trafficPolicy,
    publishNotReadyAddresses: z.boolean().nullish(),
    externalName: z.string().nullish(),
  }),
  status: z
    .looseObject({
      loadBalancer: z
        .looseObject({ ingress: z.array(z.looseObject({ ip: z.string().nullish(), hostname: z.string().nullish() })).nullish() })
        .nullish(),
    })
    .nullish(),
});

/**
 * Decodes a Service. Defaults: type ClusterIP, protocol TCP, targetPort = port, affinity None
 * (timeout 10800 s for ClientIP, 0 for None), traffic policies Cluster. An empty selector is
 * no selector. IPv6 addresses are dropped (the data plane is IPv4 only).
 * @param defaultNamespace namespace when `metadata.namespace` is absent (manifests: `default`)
 * @throws {BadInputError} naming `source` and the field
 */
export function decodeService(json: unknown, source: string, defaultNamespace = 'default'): Service {
  const s = parseWith(serviceSchema, json, source);
  const spec = s.spec;
  const clusterIPs = spec.clusterIPs?.length ? spec.clusterIPs : spec.clusterIP ? [spec.clusterIP] : [];
  const headless = clusterIPs[0] === 'None';
  const ports = (spec.ports ?? []).map((p, i): ServicePort => {
    const at = field('spec.ports', i);
    const name = checkPortName(p.name, source, field(at, 'name'), 'service');
    const port = checkPort(p.port, source, field(at, 'port'));
    const target = p.targetPort === null || p.targetPort === undefined || p.targetPort === 0 ? port : p.targetPort;
    return {
      ...(name !== undefined ? { name } : {}),
      protocol: protocolOf(p.protocol),
      port,
      targetPort: checkPortOrName(target, source, field(at, 'targetPort')),
      ...(p.nodePort ? { nodePort: checkPort(p.nodePort, source, field(at, 'nodePort')) } : {}),
    };
  });
  const names = ports.flatMap((p) => (p.name ? [p.name] : []));
  if (ports.length > 1 && names.length < ports.length) throw new BadInputError(source, 'spec.ports', 'every port needs a name when there are several');
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new BadInputError(source, 'spec.ports', `port name "${dup}" is used twice`);
  const affinity = spec.sessionAffinity ?? 'None';
  const timeout = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? DEFAULT_AFFINITY_TIMEOUT_SECONDS;
  if (affinity === 'ClientIP' && (timeout < 1 || timeout > 86_400)) {
    throw new BadInputError(source, 'spec.sessionAffinityConfig.clientIP.timeoutSeconds', `${timeout} is out of range 1-86400`);
  }
  const lbIPs: string[] = [];
  (s.status?.loadBalancer?.ingress ?? []).forEach((e, i) => {
    const ip = e.ip ? ipv4Only(e.ip, source, field(field('status.loadBalancer.ingress', i), 'ip')) : undefined;
    if (ip !== undefined) lbIPs.push(ip);
  });
  const selector = spec.selector && Object.keys(spec.selector).length > 0 ? decodeLabels(spec.selector, source, 'spec.selector') : undefined;
  return {
    name: s.metadata.name,
    namespace: s.metadata.namespace ?? defaultNamespace,
    type: spec.type ?? 'ClusterIP',
    clusterIPs: headless ? ['None'] : ipv4List(clusterIPs.filter((ip) => ip !== ''), source, spec.clusterIPs?.length ? 'spec.clusterIPs' : 'spec.clusterIP'),
    ports,
    ...(selector !== undefined ? { selector } : {}),
    externalIPs: ipv4List(spec.externalIPs, source, 'spec.externalIPs'),
    loadBalancerIPs: lbIPs,
    sessionAffinity: affinity,
    sessionAffinityTimeoutSeconds: affinity === 'ClientIP' ? timeout : 0,
    externalTrafficPolicy: spec.externalTrafficPolicy ?? 'Cluster',
    internalTrafficPolicy: spec.internalTrafficPolicy ?? 'Cluster',
    publishNotReadyAddresses: spec.publishNotReadyAddresses ?? false,
    ...(spec.externalName ? { externalName: spec.externalName } : {}),
  };
}
