import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeSpec } from '../../cluster/probe-spec.ts';
import { CheckedCluster } from './checked-cluster.ts';
import { namespace, pod, service, type Json, type PodSpec } from './k8s-manifests.ts';
import { checkServiceProbes } from './service-expect.ts';

/**
 * Which endpoints a Service uses, as Kubernetes defines it, followed step by step on a running
 * two-node cluster: ready endpoints only; not-ready ones only with publishNotReadyAddresses;
 * Failed and Succeeded pods never; terminating (serving) ones only as the fallback when no
 * ready one is left (Cluster, and per node for externalTrafficPolicy Local); a Service without
 * usable endpoints refuses; a Service updated in place and a deleted Service. Every probe is
 * checked against the Service oracle (verdict, backends, port, source address).
 */
const HTTP = [{ containerPort: 8080, name: 'http' }];
const member = (ref: string, node: string, o: PodSpec = {}): Json => pod(ref, { node, labels: { app: 'mix' }, ports: HTTP, ...o });

const BASE: Json[] = [
  namespace('default'),
  pod('default/client', { node: 'node-1' }),
  member('default/r1', 'node-2'),
  member('default/r2', 'node-1', { ready: false }),
  member('default/r3', 'node-2', { terminating: true }),
  // A Failed pod keeps the IP it had; nothing is wired there any more.
  member('default/r4', 'node-1', { phase: 'Failed', ip: '10.1.1.200' }),
  pod('default/nr', { node: 'node-2', labels: { role: 'nr' }, ports: HTTP, ready: false }),
  pod('default/t1', { node: 'node-1', labels: { app: 'term' }, ports: HTTP, terminating: true }),
  pod('default/t2', { node: 'node-2', labels: { app: 'term' }, ports: HTTP }),
  service('default/mix', { selector: { app: 'mix' }, ports: [{ port: 80, targetPort: 'http' }] }),
  service('default/empty', { selector: { app: 'nothing' }, ports: [{ port: 80, targetPort: 8080 }] }),
  service('default/not-ready', { selector: { role: 'nr' }, ports: [{ port: 80, targetPort: 8080 }] }),
  service('default/publish', { selector: { role: 'nr' }, publishNotReadyAddresses: true, ports: [{ port: 80, targetPort: 8080 }] }),
  service('default/term-local', { selector: { app: 'term' }, type: 'NodePort', externalTrafficPolicy: 'Local', ports: [{ port: 80, targetPort: 'http', nodePort: 30090 }] }),
];

const tcp = (from: string, to: string, port: number, attempts = 8): ProbeSpec => ({ from, to, port, protocol: 'TCP', attempts });
const mix = tcp('default/client', 'svc:default/mix', 80);

let c: CheckedCluster;
beforeAll(async () => {
  c = await CheckedCluster.create();
  await c.step(BASE);
});
afterAll(async () => {
  // A clean run: no agent warned or failed.
  expect(await c?.close()).toEqual([]);
});

/** Runs the probes, expects the oracle's answers, returns the results. */
function check(probes: ProbeSpec[]) {
  const { results, problems } = checkServiceProbes(c, probes);
  expect(problems).toEqual([]);
  return results;
}

describe('Service endpoints through the cluster', () => {
  it('step 0: only the ready pod answers; not-ready only with publishNotReadyAddresses; no endpoint refuses; Local falls back to the local terminating pod', () => {
    const [m, empty, notReady, publish, local1, local2] = check([
      mix, tcp('default/client', 'svc:default/empty', 80, 1), tcp('default/client', 'svc:default/not-ready', 80, 1), tcp('default/client', 'svc:default/publish', 80),
      tcp('ip:203.0.113.7', 'node:node-1', 30090), tcp('ip:203.0.113.7', 'node:node-2', 30090),
    ]);
    expect(m).toMatchObject({ allowed: true, backends: ['default/r1'] });
    expect(empty).toMatchObject({ allowed: false, failure: 'refused' });
    expect(notReady).toMatchObject({ allowed: false, failure: 'refused' });
    expect(publish).toMatchObject({ allowed: true, backends: ['default/nr'] });
    expect(local1).toMatchObject({ allowed: true, backends: ['default/t1'] });
    expect(local2).toMatchObject({ allowed: true, backends: ['default/t2'] });
  });

  it('step 1: the ready pod deleted, the terminating one serves as the fallback', async () => {
    await c.step([], [{ kind: 'Pod', namespace: 'default', name: 'r1' }]);
    expect(check([mix])[0]).toMatchObject({ allowed: true, backends: ['default/r3'] });
  });

  it('step 2: a pod becoming ready takes over from the terminating one', async () => {
    await c.step([member('default/r2', 'node-1')]);
    expect(check([mix])[0]).toMatchObject({ allowed: true, backends: ['default/r2'] });
  });

  it('step 3: no usable endpoint left (deleted, Succeeded): refused', async () => {
    await c.step([member('default/r3', 'node-2', { terminating: true, phase: 'Succeeded' })], [{ kind: 'Pod', namespace: 'default', name: 'r2' }]);
    expect(check([{ ...mix, attempts: 1 }])[0]).toMatchObject({ allowed: false, failure: 'refused' });
  });

  it('step 4: a Service updated in place answers on its new port only; a deleted Service stops answering', async () => {
    const ip = c.clusterIP('default/mix');
    await c.step([member('default/r5', 'node-2'), service('default/mix', { selector: { app: 'mix' }, ports: [{ port: 90, targetPort: 'http' }] })], [{ kind: 'Service', namespace: 'default', name: 'publish' }]);
    expect(c.clusterIP('default/mix')).toBe(ip);
    const [on90, on80] = check([tcp('default/client', 'svc:default/mix', 90), tcp('default/client', 'svc:default/mix', 80, 1)]);
    expect(on90).toMatchObject({ allowed: true, backends: ['default/r5'] });
    expect(on80!.allowed).toBe(false);
    await c.step([], [{ kind: 'Service', namespace: 'default', name: 'mix' }]);
    expect(c.probe([tcp('default/client', `ip:${ip}`, 90, 1)])[0]!.allowed).toBe(false);
  });
});
