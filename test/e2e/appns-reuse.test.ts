import { afterEach, describe, expect, it } from 'vitest';
import type { ProbeSpec } from '../../cluster/probe-spec.ts';
import { formatIp4 } from '../../plugins/net/ipv4.ts';
import type { SimState } from '../../plugins/vpp/sim/sim-state.ts';
import { CheckedCluster } from './checked-cluster.ts';
import { namespace, networkPolicy, pod, type Json } from './k8s-manifests.ts';
import { checkProbes } from './policy-expect.ts';
import { recorder, recordingSimulators } from './restart-check.ts';

/**
 * VPPTCP renderer: a pod's local session rules live in the app namespace VPP gave that pod.
 * VPP numbers namespaces itself and never frees one, so after a pod is deleted and another is
 * wired on the same node, the new pod's namespace has a fresh index, not the dead pod's. The
 * traced verdicts of the new pod's egress equal the NetworkPolicy oracle's, and every local rule
 * in VPP sits in the namespace of a live pod's loopback.
 */
const BASE: Json[] = [
  namespace('x'),
  pod('x/a', { node: 'node-1', labels: { app: 'a', role: 'client' } }),
  pod('x/b', { node: 'node-1', labels: { app: 'b' }, ports: [{ containerPort: 80 }] }),
  pod('x/d', { node: 'node-2', labels: { app: 'd' }, ports: [{ containerPort: 80 }] }),
  // a may reach b only; c and e (wired later) may reach d only.
  networkPolicy('x/a-egress', {
    podSelector: { matchLabels: { app: 'a' } }, policyTypes: ['Egress'],
    egress: [{ to: [{ podSelector: { matchLabels: { app: 'b' } } }], ports: [{ port: 80 }] }],
  }),
  networkPolicy('x/c-egress', {
    podSelector: { matchLabels: { role: 'restricted' } }, policyTypes: ['Egress'],
    egress: [{ to: [{ podSelector: { matchLabels: { app: 'd' } } }], ports: [{ port: 80 }] }],
  }),
];
const NEW_PODS = [
  pod('x/c', { node: 'node-1', labels: { app: 'c', role: 'restricted' } }),
  pod('x/e', { node: 'node-1', labels: { app: 'e', role: 'restricted' } }),
];

const PROBES: ProbeSpec[] = ['x/c', 'x/e'].flatMap((from) => ['x/b', 'x/d'].map((to): ProbeSpec => ({ from, to, port: 80, protocol: 'TCP' })));

/** Problems of the local session rules in `state`: each must sit in the namespace of a live pod's loopback. */
function misplacedLocalRules(state: SimState, livePodIps: readonly string[]): string[] {
  const problems: string[] = [];
  for (const r of state.session.rules) {
    if (!(r.scope & 2)) continue;
    const ns = state.session.appNamespaces.find((n) => n.index === r.appnsIndex);
    const iface = ns ? state.interfaces.get(ns.swIfIndex) : undefined;
    const ips = iface?.addresses.map((a) => formatIp4(a.ip)) ?? [];
    if (!ips.some((ip) => livePodIps.includes(ip))) problems.push(`rule ${r.tag} in appns ${r.appnsIndex} (${ns?.id ?? 'none'}) of no live pod`);
  }
  return problems;
}

/** Local rules of `state` not in the index VPP gave the namespace the agent's desired rule (same tag) names. */
async function rulesOutsideTheirNamespace(c: CheckedCluster, node: string): Promise<string[]> {
  const n = c.cluster.node(node)!;
  const body = (await (await n.fetch('/vpp/state')).json()) as { values: { key: string; desired?: { tag?: string; appNamespace?: string } }[] };
  const nsOfTag = new Map(body.values.filter((v) => v.key.startsWith('vpp/session/rule/local/')).map((v) => [v.desired?.tag, v.desired?.appNamespace]));
  const state = n.sim.state;
  return state.session.rules.filter((r) => r.scope & 2).flatMap((r) => {
    const ns = state.session.appNamespaces.find((x) => x.id === nsOfTag.get(r.tag));
    return ns?.index === r.appnsIndex ? [] : [`rule ${r.tag} in appns ${r.appnsIndex}, its namespace ${nsOfTag.get(r.tag) ?? '(none)'} has ${ns?.index ?? 'no index'}`];
  });
}

/** Pods of `state` (by IP) whose loopback's namespace holds no local rule. */
function podsWithoutLocalRules(state: SimState, ips: readonly string[]): string[] {
  return ips.filter((ip) => {
    const iface = [...state.interfaces.values()].find((i) => i.addresses.some((a) => formatIp4(a.ip) === ip) && i.name.startsWith('loop'));
    const ns = iface ? state.session.appNamespaces.find((n) => n.swIfIndex === iface.swIfIndex) : undefined;
    return !ns || !state.session.rules.some((r) => r.scope & 2 && r.appnsIndex === ns.index);
  });
}

let c: CheckedCluster | undefined;
afterEach(async () => {
  expect(await c?.close()).toEqual([]);
  c = undefined;
});

describe('app namespaces of replaced pods, renderer vpptcp', () => {
  it('step() puts a new pod\'s local rules into its own namespace when a deleted pod freed a lower index', async () => {
    c = await CheckedCluster.create({ renderer: 'vpptcp' });
    await c.step(BASE);
    await c.step([], [{ kind: 'Pod', namespace: 'x', name: 'a' }]);
    await c.step(NEW_PODS);

    const { results, problems } = checkProbes(c, PROBES);
    expect(problems).toEqual([]);
    expect(results.map((r) => r.allowed)).toEqual([false, true, false, true]);
    const state = c.cluster.node('node-1')!.sim.state;
    expect(misplacedLocalRules(state, [c.ip('x/b'), c.ip('x/c'), c.ip('x/e')])).toEqual([]);
    expect(podsWithoutLocalRules(state, [c.ip('x/c'), c.ip('x/e')])).toEqual([]);
    expect(await rulesOutsideTheirNamespace(c, 'node-1')).toEqual([]);
  });

  it('startNode() keeps a replaced pod\'s rules in its own namespace across an agent restart', async () => {
    c = await CheckedCluster.create({ renderer: 'vpptcp', ...recordingSimulators });
    await c.step(BASE);
    await c.step([], [{ kind: 'Pod', namespace: 'x', name: 'a' }]);
    await c.step(NEW_PODS);
    await c.cluster.stopNode('node-1');
    const sim = recorder(c.cluster, 'node-1');
    sim.clear();
    await c.cluster.startNode('node-1');
    // The restarted agent learnt the namespaces' indexes from the rules VPP holds: no change.
    expect(sim.changes()).toEqual([]);
    // A new policy after the restart: c's namespace (no index known from this process) gets rules.
    await c.step([networkPolicy('x/b-egress', {
      podSelector: { matchLabels: { app: 'b' } }, policyTypes: ['Egress'],
      egress: [{ to: [{ podSelector: { matchLabels: { app: 'd' } } }], ports: [{ port: 80 }] }],
    })]);

    // b's namespace held no rule of ours: its index is read by re-adding it (once).
    expect(sim.changes().filter((m) => m !== 'session_rule_add_del')).toEqual(['app_namespace_add_del']);
    const state = c.cluster.node('node-1')!.sim.state;
    expect(misplacedLocalRules(state, [c.ip('x/b'), c.ip('x/c'), c.ip('x/e')])).toEqual([]);
    expect(podsWithoutLocalRules(state, [c.ip('x/b'), c.ip('x/c'), c.ip('x/e')])).toEqual([]);
    expect(await rulesOutsideTheirNamespace(c, 'node-1')).toEqual([]);
    const probes: ProbeSpec[] = [...PROBES, { from: 'x/b', to: 'x/d', port: 80, protocol: 'TCP' }, { from: 'x/b', to: 'x/c', port: 80, protocol: 'TCP' }];
    const { results, problems } = checkProbes(c, probes);
    expect(problems).toEqual([]);
    expect(results.map((r) => r.allowed)).toEqual([false, true, false, true, true, false]);
  });
});
