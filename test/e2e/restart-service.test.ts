import { afterEach, describe, expect, it } from 'vitest';
import type { ProbeSpec } from '../../cluster/probe-spec.ts';
import { parseIp4 } from '../../plugins/net/ipv4.ts';
import { CheckedCluster } from './checked-cluster.ts';
import { namespace, pod, service, type Json } from './k8s-manifests.ts';
import { changedKeys, desiredValues, executedOps, recorder, recordingSimulators } from './restart-check.ts';
import { checkServiceProbes } from './service-expect.ts';

/**
 * An agent restarted over the same store and the same (running) VPP, with Services in place
 * (static and load-balanced mappings, affinity, NodePorts with both traffic policies, an
 * external IP, a Service without endpoints, SNAT): the service plugin's resync over the
 * existing NAT44 state issues no changing call when nothing changed, and only NAT44 changes
 * for the Services that changed while the agent was down. Sessions and affinity records kept
 * by VPP survive; the data plane agrees with the Service oracle afterwards.
 */
const web = (idx: number, node: string): Json => pod(`default/web-${idx}`, { node, labels: { app: 'web', idx: String(idx) }, ports: [{ containerPort: 8080, name: 'http' }] });
const OBJECTS: Json[] = [
  namespace('default'),
  pod('default/client', { node: 'node-1' }),
  web(1, 'node-1'), web(2, 'node-2'), web(3, 'node-1'),
  service('default/web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] }),
  service('default/one', { selector: { idx: '2' }, ports: [{ port: 80, targetPort: 8080 }] }),
  service('default/sticky', { selector: { app: 'web' }, affinitySeconds: 600, ports: [{ port: 80, targetPort: 'http' }] }),
  service('default/np', { selector: { app: 'web' }, type: 'NodePort', ports: [{ port: 80, targetPort: 'http', nodePort: 30080 }] }),
  service('default/np-local', { selector: { app: 'web' }, type: 'NodePort', externalTrafficPolicy: 'Local', externalIPs: ['198.51.100.10'], ports: [{ port: 80, targetPort: 'http', nodePort: 30081 }] }),
  service('default/empty', { selector: { app: 'none' }, ports: [{ port: 80, targetPort: 8080 }] }),
];
const PROBES: ProbeSpec[] = [
  { from: 'default/client', to: 'svc:default/web', port: 80, protocol: 'TCP', attempts: 8 },
  { from: 'default/client', to: 'svc:default/one', port: 80, protocol: 'TCP' },
  { from: 'default/client', to: 'svc:default/empty', port: 80, protocol: 'TCP' },
  { from: 'ip:203.0.113.7', to: 'node:node-1', port: 30080, protocol: 'TCP', attempts: 6 },
  { from: 'ip:203.0.113.7', to: 'node:node-1', port: 30081, protocol: 'TCP', attempts: 6 },
  { from: 'ip:203.0.113.7', to: 'ip:198.51.100.10', port: 80, protocol: 'TCP', attempts: 6 },
];
const SNAT: ProbeSpec = { from: 'default/client', to: 'ip:8.8.8.8', port: 443, protocol: 'TCP' };
const STICKY: ProbeSpec = { from: 'default/client', to: 'svc:default/sticky', port: 80, protocol: 'TCP', attempts: 3 };

let c: CheckedCluster | undefined;
afterEach(async () => {
  // A clean run: no agent warned or failed.
  expect(await c?.close()).toEqual([]);
  c = undefined;
});

describe('NAT44 state across an agent restart', () => {
  it('startNode() resyncs over the existing NAT44 state with no changing VPP call; affinity kept by VPP survives', async () => {
    c = await CheckedCluster.create(recordingSimulators);
    await c.step(OBJECTS);
    const before = await desiredValues(c.cluster, 'node-1');
    expect([...before.keys()].filter((k) => k.startsWith('vpp/nat/static/')).length).toBeGreaterThan(3);
    expect([...before.keys()].filter((k) => k.startsWith('vpp/nat/reject/')).length).toBeGreaterThan(0);
    const [stuck] = c.probe([STICKY]);
    const sim = recorder(c.cluster, 'node-1');

    await c.cluster.stopNode('node-1');
    sim.clear();
    await c.cluster.startNode('node-1');

    expect(sim.names()).toContain('nat44_lb_static_mapping_dump');
    expect(sim.changes()).toEqual([]);
    expect(await executedOps(c.cluster, 'node-1')).toEqual([]);
    expect(changedKeys(before, await desiredValues(c.cluster, 'node-1'))).toEqual([]);
    expect(c.probe([STICKY])[0]!.backends).toEqual([stuck!.backends![0]]);
    expect(checkServiceProbes(c, PROBES).problems).toEqual([]);
    expect(c.probe([SNAT])[0]).toMatchObject({ allowed: true, sourceIP: c.nodeAddress('node-1') });
  });

  /** Restarts node-1 around `whileDown`; the desired-value difference and what the restart executed. */
  async function restartAround(whileDown: () => Promise<void>): Promise<{ diff: string[]; executed: string[]; calls: string[] }> {
    c = await CheckedCluster.create(recordingSimulators);
    await c.step(OBJECTS);
    const before = await desiredValues(c.cluster, 'node-1');
    const sim = recorder(c.cluster, 'node-1');
    await c.cluster.stopNode('node-1');
    await whileDown();
    sim.clear();
    await c.cluster.startNode('node-1');
    const diff = changedKeys(before, await desiredValues(c.cluster, 'node-1'));
    return { diff, executed: (await executedOps(c.cluster, 'node-1')).map((o) => o.split(' ')[1]!).sort(), calls: sim.changes() };
  }

  it('startNode() changes only the NAT44 values of Services that changed while the agent was down', async () => {
    // A new backend (on the running node) and a Service moved to another port.
    const { diff, executed, calls } = await restartAround(() => c!.step([web(4, 'node-2'), service('default/one', { selector: { idx: '2' }, ports: [{ port: 81, targetPort: 8080 }] })]));
    expect(diff.length).toBeGreaterThan(0);
    expect(diff.filter((k) => !k.startsWith('vpp/nat/'))).toEqual([]);
    expect(executed).toEqual(diff);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.filter((m) => !m.startsWith('nat44_') && m !== 'ip_route_add_del')).toEqual([]);
    const probes = PROBES.map((p) => (p.to === 'svc:default/one' ? { ...p, port: 81 } : p));
    const { results, problems } = checkServiceProbes(c!, probes);
    expect(problems).toEqual([]);
    expect(results[0]!.backends).toContain('default/web-4');
  });

  it('startNode() removes the NAT44 values (rejects included) of Services deleted while the agent was down', async () => {
    const { diff, executed } = await restartAround(() => c!.step([], [{ kind: 'Service', namespace: 'default', name: 'empty' }, { kind: 'Service', namespace: 'default', name: 'one' }]));
    expect(diff.some((k) => k.startsWith('vpp/nat/reject/0/'))).toBe(true);
    expect(executed).toEqual(diff);
    // The old cluster IPs' reject routes (ours by their mark, not claimed after the restart) are gone from VPP.
    const oldIps = diff.filter((k) => k.startsWith('vpp/nat/reject/0/')).map((k) => parseIp4(k.split('/')[4]!));
    expect(recorder(c!.cluster, 'node-1').state.routes.filter((r) => r.vrf === 0 && r.len === 32 && oldIps.includes(r.prefix))).toEqual([]);
  });
});
