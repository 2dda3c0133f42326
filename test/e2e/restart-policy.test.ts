import { afterEach, describe, expect, it } from 'vitest';
import type { ProbeSpec } from '../../cluster/probe-spec.ts';
import { CheckedCluster } from './checked-cluster.ts';
import { namespace, networkPolicy, pod, type Json } from './k8s-manifests.ts';
import { checkProbes } from './policy-expect.ts';
import { changedKeys, desiredValues, executedOps, recorder, recordingSimulators } from './restart-check.ts';

/**
 * An agent restarted over the same store and the same (running) VPP: the policy renderer's
 * resync over the ACLs / session rules already in VPP issues no changing call when nothing
 * changed, and exactly the difference when a policy changed while the agent was down. The
 * data plane agrees with the policy oracle afterwards.
 */
const OBJECTS: Json[] = [
  namespace('x', { team: 'blue' }), namespace('y'),
  pod('x/a', { node: 'node-1', labels: { app: 'a' }, ports: [{ containerPort: 80, name: 'http' }] }),
  pod('x/b', { node: 'node-1', labels: { app: 'b' }, ports: [{ containerPort: 80, name: 'http' }, { containerPort: 53, protocol: 'UDP' }] }),
  pod('y/c', { node: 'node-2', labels: { app: 'c' }, ports: [{ containerPort: 80, name: 'http' }] }),
  pod('y/d', { node: 'node-1', labels: { app: 'd' }, ports: [{ containerPort: 8080 }] }),
];
const ingressA = (from: Record<string, string>): Json => networkPolicy('x/a-ingress', {
  podSelector: { matchLabels: { app: 'a' } },
  ingress: [{ from: [{ podSelector: { matchLabels: from }, namespaceSelector: {} }], ports: [{ port: 'http' }] }],
});
const EGRESS_D = networkPolicy('y/d-egress', {
  podSelector: { matchLabels: { app: 'd' } },
  policyTypes: ['Egress'],
  egress: [{ to: [{ namespaceSelector: { matchLabels: { team: 'blue' } } }] }, { to: [{ ipBlock: { cidr: '8.8.8.0/24' } }], ports: [{ port: 443 }] }],
});

const PROBES: ProbeSpec[] = [
  ...['x/a', 'x/b', 'y/c', 'y/d'].flatMap((from) => ['x/a', 'x/b', 'y/c'].filter((to) => to !== from).map((to): ProbeSpec => ({ from, to, port: 80, protocol: 'TCP' }))),
  { from: 'x/a', to: 'y/d', port: 8080, protocol: 'TCP' },
  { from: 'y/d', to: 'x/b', port: 53, protocol: 'UDP' },
  { from: 'y/d', to: 'ip:8.8.8.8', port: 443, protocol: 'TCP' },
  { from: 'y/d', to: 'ip:1.1.1.1', port: 443, protocol: 'TCP' },
];

/** The VPP messages the policy renderers send. */
const POLICY_MESSAGES = new Set(['acl_add_replace', 'acl_del', 'acl_interface_set_acl_list', 'session_rule_add_del']);


let c: CheckedCluster | undefined;
afterEach(async () => {
  // A clean run: no agent warned or failed.
  expect(await c?.close()).toEqual([]);
  c = undefined;
});

describe.each(['acl', 'vpptcp'] as const)('policy state across an agent restart, renderer %s', (renderer) => {
  const prefix = renderer === 'acl' ? 'vpp/acl/' : 'vpp/session/rule/';

  it('startNode() resyncs over the existing policy state with no changing VPP call when nothing changed', async () => {
    c = await CheckedCluster.create({ renderer, ...recordingSimulators });
    await c.step([...OBJECTS, ingressA({ app: 'b' }), EGRESS_D]);
    const before = await desiredValues(c.cluster, 'node-1');
    expect([...before.keys()].filter((k) => k.startsWith(prefix)).length).toBeGreaterThan(0);
    const sim = recorder(c.cluster, 'node-1');

    await c.cluster.stopNode('node-1');
    sim.clear();
    await c.cluster.startNode('node-1');

    expect(sim.names()).toContain(renderer === 'acl' ? 'acl_dump' : 'session_rules_dump');
    expect(sim.changes()).toEqual([]);
    expect(await executedOps(c.cluster, 'node-1')).toEqual([]);
    expect(changedKeys(before, await desiredValues(c.cluster, 'node-1'))).toEqual([]);
    expect(checkProbes(c, PROBES).problems).toEqual([]);
  });

  it('startNode() applies exactly the difference when a policy and a namespace label changed while the agent was down', async () => {
    c = await CheckedCluster.create({ renderer, ...recordingSimulators });
    await c.step([...OBJECTS, ingressA({ app: 'b' }), EGRESS_D]);
    const before = await desiredValues(c.cluster, 'node-1');
    const sim = recorder(c.cluster, 'node-1');

    await c.cluster.stopNode('node-1');
    // node-2 follows at once; node-1's pods change their rules: x/a now admits y/c, y/d no longer reaches x.
    await c.step([ingressA({ app: 'c' }), namespace('x')]);
    sim.clear();
    await c.cluster.startNode('node-1');

    const after = await desiredValues(c.cluster, 'node-1');
    const diff = changedKeys(before, after);
    expect(diff.length).toBeGreaterThan(0);
    expect(diff.filter((k) => !k.startsWith(prefix) && !k.startsWith('vpp/acl-interface/'))).toEqual([]);
    const executed = await executedOps(c.cluster, 'node-1');
    expect(executed.map((o) => o.split(' ')[1]).sort()).toEqual(diff);
    // One VPP call per changed value.
    expect(sim.changes()).toHaveLength(executed.length);
    expect(sim.changes().filter((m) => !POLICY_MESSAGES.has(m))).toEqual([]);
    const { results, problems } = checkProbes(c, PROBES);
    expect(problems).toEqual([]);
    expect(results.find((r) => r.from === 'y/c' && r.to === 'x/a')?.allowed).toBe(true);
  });
});
