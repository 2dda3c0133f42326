import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeSpec } from '../../cluster/probe-spec.ts';
import { AffinityOracle } from '../oracle/service-oracle.ts';
import { CheckedCluster } from './checked-cluster.ts';
import { namespace, pod, service, type Json } from './k8s-manifests.ts';
import { checkAffinityProbes, checkServiceProbes } from './service-expect.ts';

/**
 * Session affinity over simulated time on two nodes: with ClientIP affinity a client stays on
 * one backend while less than the timeout passes between its connections (each renews it),
 * and is drawn anew after the timeout; without affinity several backends answer. Checked with
 * the Service oracle's AffinityOracle, connection by connection, from pods on both nodes and
 * from outside through a NodePort.
 */
const TIMEOUT = 30;
const web = (idx: number, node: string): Json => pod(`default/web-${idx}`, { node, labels: { app: 'web' }, ports: [{ containerPort: 8080, name: 'http' }] });
const OBJECTS: Json[] = [
  namespace('default'),
  pod('default/client', { node: 'node-1' }), pod('default/client-2', { node: 'node-2' }),
  web(1, 'node-1'), web(2, 'node-2'), web(3, 'node-2'), web(4, 'node-1'),
  service('default/sticky', { selector: { app: 'web' }, affinitySeconds: TIMEOUT, ports: [{ port: 80, targetPort: 'http' }] }),
  service('default/sticky-np', { selector: { app: 'web' }, type: 'NodePort', affinitySeconds: TIMEOUT, ports: [{ port: 80, targetPort: 'http', nodePort: 30100 }] }),
  service('default/spread', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] }),
];

const CLIENTS: ProbeSpec[] = [
  { from: 'default/client', to: 'svc:default/sticky', port: 80, protocol: 'TCP', attempts: 4 },
  { from: 'default/client-2', to: 'svc:default/sticky', port: 80, protocol: 'TCP', attempts: 4 },
  { from: 'ip:203.0.113.7', to: 'node:node-2', port: 30100, protocol: 'TCP', attempts: 4 },
];

let c: CheckedCluster;
let affinity: AffinityOracle;
let now = 0;
beforeAll(async () => {
  c = await CheckedCluster.create({ seed: 11 });
  await c.step(OBJECTS);
  affinity = new AffinityOracle(c.serviceOracle());
});
afterAll(async () => {
  // A clean run: no agent warned or failed.
  expect(await c?.close()).toEqual([]);
});

/** Moves the cluster's clock and the oracle's time together. */
function advance(seconds: number): void {
  c.cluster.advance(seconds);
  now += seconds;
}

describe('Service session affinity through the cluster', () => {
  it('probe() keeps each client on one backend while the affinity lasts, renewed by every connection', () => {
    const first = checkAffinityProbes(c, affinity, now, CLIENTS);
    expect(first.problems).toEqual([]);
    for (const r of first.results) expect(r.backends).toHaveLength(1);
    const backends = first.results.map((r) => r.backend);
    for (const step of [10, TIMEOUT - 1, TIMEOUT - 1]) {
      advance(step);
      const again = checkAffinityProbes(c, affinity, now, CLIENTS);
      expect(again.problems).toEqual([]);
      expect(again.results.map((r) => r.backend)).toEqual(backends);
    }
  });

  it('probe() draws a client anew once the timeout has passed since its last connection', () => {
    const seen = new Set<string>();
    for (let round = 0; round < 8; round++) {
      advance(TIMEOUT + 1);
      const { results, problems } = checkAffinityProbes(c, affinity, now, CLIENTS);
      expect(problems).toEqual([]);
      for (const r of results) expect(r.backends).toHaveLength(1);
      seen.add(results[0]!.backend!);
    }
    expect(seen.size).toBeGreaterThan(1);
  });

  it('probe() spreads the connections of one client over several backends without affinity', () => {
    const { results, problems } = checkServiceProbes(c, [{ from: 'default/client', to: 'svc:default/spread', port: 80, protocol: 'TCP', attempts: 16 }]);
    expect(problems).toEqual([]);
    expect(results[0]!.backends!.length).toBeGreaterThan(2);
  });
});
