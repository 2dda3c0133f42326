import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeSpec } from '../../cluster/probe-spec.ts';
import { CheckedCluster } from './checked-cluster.ts';
import { namespace, pod, service, type Json } from './k8s-manifests.ts';
import { checkServiceProbes } from './service-expect.ts';

/**
 * Service frontends end to end on two nodes: ClusterIP (TCP and UDP) with backends on the
 * same and on the other node, load balancing over several backends, NodePorts from outside
 * with the Cluster and Local traffic policies, external IPs entering at either node, a port
 * the Service does not declare, hairpin, pods and a node's host as clients. Every probe is
 * checked against the Service oracle: verdict, the backend that answered, the port it was
 * reached on, the source address it saw, and that the answer came from the address the
 * client connected to.
 */
const web = (idx: number, node: string): Json =>
  pod(`default/web-${idx}`, { node, labels: { app: 'web', idx: String(idx) }, ports: [{ containerPort: 8080, name: 'http' }, { containerPort: 5353, name: 'dns', protocol: 'UDP' }] });
const http = [{ port: 80, targetPort: 'http' }];

const OBJECTS: Json[] = [
  namespace('default'),
  pod('default/client', { node: 'node-1' }),
  pod('default/client-2', { node: 'node-2' }),
  web(1, 'node-1'), web(2, 'node-2'), web(3, 'node-2'),
  service('default/web', { selector: { app: 'web' }, ports: http }),
  service('default/dns', { selector: { app: 'web' }, ports: [{ port: 53, targetPort: 'dns', protocol: 'UDP' }] }),
  service('default/one-1', { selector: { idx: '1' }, ports: [{ port: 8000, targetPort: 8080 }] }),
  service('default/one-2', { selector: { idx: '2' }, ports: [{ port: 8000, targetPort: 8080 }] }),
  service('default/np', { selector: { app: 'web' }, type: 'NodePort', ports: [{ port: 80, targetPort: 'http', nodePort: 30080 }] }),
  service('default/np-local', { selector: { app: 'web' }, type: 'NodePort', externalTrafficPolicy: 'Local', ports: [{ port: 80, targetPort: 'http', nodePort: 30081 }] }),
  service('default/np-local-2', { selector: { idx: '2' }, type: 'NodePort', externalTrafficPolicy: 'Local', ports: [{ port: 80, targetPort: 'http', nodePort: 30082 }] }),
  service('default/ext', { selector: { app: 'web' }, externalIPs: ['198.51.100.10'], ports: http }),
  service('default/ext-local', { selector: { app: 'web' }, externalIPs: ['198.51.100.11'], externalTrafficPolicy: 'Local', ports: http }),
];

const OUTSIDE = 'ip:203.0.113.7';
const tcp = (from: string, to: string, port: number, more: Partial<ProbeSpec> = {}): ProbeSpec => ({ from, to, port, protocol: 'TCP', ...more });

let c: CheckedCluster;
beforeAll(async () => {
  c = await CheckedCluster.create();
  await c.step(OBJECTS);
});
afterAll(async () => {
  // A clean run: no agent warned or failed.
  expect(await c?.close()).toEqual([]);
});

describe('Service frontends through the cluster', () => {
  it('probe() reaches a ClusterIP from pods on both nodes, spread over backends on both nodes, the answer coming from the service address', () => {
    const probes = [tcp('default/client', 'svc:default/web', 80, { attempts: 16 }), tcp('default/client-2', 'svc:default/web', 80, { attempts: 16 }), { ...tcp('default/client', 'svc:default/dns', 53, { attempts: 12 }), protocol: 'UDP' as const }];
    const { results, problems } = checkServiceProbes(c, probes);
    expect(problems).toEqual([]);
    for (const r of results) expect(r.backends!.length).toBeGreaterThan(1);
  });

  it('probe() reaches a single backend on the same node and on the other node, the backend seeing the client pod', () => {
    const probes = [tcp('default/client', 'svc:default/one-1', 8000), tcp('default/client', 'svc:default/one-2', 8000), tcp('default/client-2', 'svc:default/one-1', 8000)];
    const { results, problems } = checkServiceProbes(c, probes);
    expect(problems).toEqual([]);
    expect(results.map((r) => [r.backend, r.backendPort, r.sourceIP])).toEqual([
      ['default/web-1', 8080, c.ip('default/client')], ['default/web-2', 8080, c.ip('default/client')], ['default/web-1', 8080, c.ip('default/client-2')],
    ]);
  });

  it('probe() reaches a NodePort from outside on either node: Cluster masquerades and spreads, Local keeps the client address and the local backends', () => {
    const probes = [
      tcp(OUTSIDE, 'node:node-1', 30080, { attempts: 12 }), tcp(OUTSIDE, 'node:node-2', 30080, { attempts: 12 }),
      tcp(OUTSIDE, 'node:node-1', 30081, { attempts: 6 }), tcp(OUTSIDE, 'node:node-2', 30081, { attempts: 12 }),
      tcp(OUTSIDE, 'node:node-1', 30082), tcp(OUTSIDE, 'node:node-2', 30082),
    ];
    const { results, problems } = checkServiceProbes(c, probes);
    expect(problems).toEqual([]);
    const [cluster1, cluster2, local1, local2, noLocal, local2only] = results;
    expect(cluster1!.backends!.length).toBeGreaterThan(1);
    expect(cluster2!.backends!.length).toBeGreaterThan(1);
    expect(local1).toMatchObject({ allowed: true, backends: ['default/web-1'], sourceIP: '203.0.113.7' });
    expect(local2).toMatchObject({ allowed: true, backends: ['default/web-2', 'default/web-3'], sourceIP: '203.0.113.7' });
    expect(noLocal).toMatchObject({ allowed: false, failure: 'dropped' });
    expect(local2only).toMatchObject({ allowed: true, backend: 'default/web-2', sourceIP: '203.0.113.7' });
  });

  it('probe() reaches an external IP entering at either node (Cluster and Local)', () => {
    const probes = [
      tcp(OUTSIDE, 'ip:198.51.100.10', 80, { attempts: 12 }), tcp(OUTSIDE, 'ip:198.51.100.10', 80, { attempts: 12, enterAt: 'node-2' }),
      tcp(OUTSIDE, 'ip:198.51.100.11', 80, { attempts: 6 }), tcp(OUTSIDE, 'ip:198.51.100.11', 80, { attempts: 12, enterAt: 'node-2' }),
    ];
    const { results, problems } = checkServiceProbes(c, probes);
    expect(problems).toEqual([]);
    expect(results[2]).toMatchObject({ backends: ['default/web-1'], sourceIP: '203.0.113.7' });
    expect(results[3]).toMatchObject({ backends: ['default/web-2', 'default/web-3'], sourceIP: '203.0.113.7' });
  });

  it('probe() is not answered on a port the Service does not declare', () => {
    const { results, problems } = checkServiceProbes(c, [tcp('default/client', 'svc:default/web', 81), tcp('default/client-2', 'svc:default/one-1', 8080)]);
    expect(problems).toEqual([]);
    expect(results.map((r) => r.allowed)).toEqual([false, false]);
  });

  it('probe() hairpins a pod reaching a Service it backs (it sees its node\'s address)', () => {
    const { results, problems } = checkServiceProbes(c, [tcp('default/web-1', 'svc:default/one-1', 8000), tcp('default/web-2', 'svc:default/one-2', 8000)]);
    expect(problems).toEqual([]);
    expect(results.map((r) => r.backend)).toEqual(['default/web-1', 'default/web-2']);
    expect(results[0]!.sourceIP).not.toBe(c.ip('default/web-1'));
  });

  it('probe() reaches NodePorts from pods and ClusterIPs from a node\'s host network', () => {
    const probes = [
      tcp('default/client', 'node:node-2', 30080, { attempts: 8 }), tcp('default/client-2', 'node:node-1', 30081, { attempts: 8 }),
      tcp('node:node-1', 'svc:default/web', 80, { attempts: 8 }), tcp('node:node-2', 'svc:default/one-1', 8000),
    ];
    const { results, problems } = checkServiceProbes(c, probes);
    expect(problems).toEqual([]);
    expect(results.every((r) => r.allowed)).toBe(true);
  });
});
