/** @module Pod (core/v1) JSON → model: labels, node, IPs, readiness, container ports. Pure. */
import { z } from 'zod';
import { BadInputError } from '../../core/errors.ts';
import type { ContainerPort, Pod } from './model.ts';
import { checkPort, checkPortName, decodeLabels, ipv4Only, metaSchema, protocolOf, protocolSchema } from './k8s-common.ts';
import { field, parseWith } from './zod-issue.ts';

const containerSchema = z.looseObject({
  name: z.string().nullish(),
  ports: z
    .array(z.looseObject({ name: z.string().nullish(), containerPort: z.number().int(), protocol: protocolSchema }))
    .nullish(),
});

/** The Pod fields the agent reads. */
export const podSchema = z.looseObject({
  metadata: metaSchema,
  spec: z
    .looseObject({
      nodeName: z.string().nullish(),
      hostNetwork: z.boolean().nullish(),
      containers: z.array(containerSchema).nullish(),
    })
    .nullish(),
  status: z
    .looseObject({
      podIP: z.string().nullish(),
      podIPs: z.array(z.looseObject({ ip: z.string() })).nullish(),
      hostIP: z.string().nullish(),
      phase: z.string().nullish(),
      conditions: z.array(z.looseObject({ type: z.string(), status: z.string() })).nullish(),
    })
    .nullish(),
});

/**
 * Decodes a Pod. `ip` is the first IPv4 address of `status.podIP`/`status.podIPs` (IPv6 is
 * dropped: the data plane is IPv4 only); `ready` is the Ready condition, or `phase == Running`
 * when the pod has no Ready condition.
 * @param defaultNamespace namespace when `metadata.namespace` is absent (manifests: `default`)
 * @throws {BadInputError} naming `source` and the field
 */
export function decodePod(json: unknown, source: string, defaultNamespace = 'default'): Pod {
  const p = parseWith(podSchema, json, source);
  const status = p.status;
  const ips: [string, string][] = [];
  if (status?.podIP) ips.push(['status.podIP', status.podIP]);
  (status?.podIPs ?? []).forEach((e, i) => ips.push([field(field('status.podIPs', i), 'ip'), e.ip]));
  let ip: string | undefined;
  for (const [at, text] of ips) {
    const v4 = ipv4Only(text, source, at);
    if (ip === undefined) ip = v4;
  }
  const hostIP = status?.hostIP ? ipv4Only(status.hostIP, source, 'status.hostIP') : undefined;
  const readyCond = (status?.conditions ?? []).find((c) => c.type === 'Ready');
  const phase = status?.phase ?? undefined;
  const containerPorts: ContainerPort[] = [];
  (p.spec?.containers ?? []).forEach((c, ci) => {
    (c.ports ?? []).forEach((port, pi) => {
      const at = field(field(field('spec.containers', ci), 'ports'), pi);
      const name = checkPortName(port.name, source, field(at, 'name'));
      containerPorts.push({
        ...(name !== undefined ? { name } : {}),
        containerPort: checkPort(port.containerPort, source, field(at, 'containerPort')),
        protocol: protocolOf(port.protocol),
      });
    });
  });
  const names = containerPorts.flatMap((cp) => (cp.name ? [cp.name] : []));
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new BadInputError(source, 'spec.containers', `port name "${dup}" is used twice in the pod`);
  return {
    name: p.metadata.name,
    namespace: p.metadata.namespace ?? defaultNamespace,
    labels: decodeLabels(p.metadata.labels, source, 'metadata.labels'),
    ...(p.spec?.nodeName ? { nodeName: p.spec.nodeName } : {}),
    ...(ip !== undefined ? { ip } : {}),
    ...(hostIP !== undefined ? { hostIP } : {}),
    hostNetwork: p.spec?.hostNetwork ?? false,
    ...(phase ? { phase } : {}),
    ready: readyCond ? readyCond.status === 'True' : phase === 'Running',
    terminating: Boolean(p.metadata.deletionTimestamp),
    containerPorts,
  };
}
