import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeSpec } from '../../cluster/probe-spec.ts';
import { defaultVppTransport } from '../../cluster/cluster-options.ts';
import { CheckedCluster } from './checked-cluster.ts';
import { namespace, networkPolicy, pod, service, type Json, type PortSpec } from './k8s-manifests.ts';
import { checkProbes } from './policy-expect.ts';

/**
 * NetworkPolicies end to end on two nodes, per renderer: pods on the same and on different
 * nodes, pods reaching outside hosts through SNAT, outside clients reaching pods through a
 * NodePort and an external IP (externalTrafficPolicy Local, so the policy sees the client's
 * address), before and after policy changes, namespace and pod label changes. Every probe's
 * traced verdict (and the pod that answered) must equal the NetworkPolicy oracle's, with the
 * Service oracle deciding where frontends lead.
 */
const PODS: Record<string, { node: string; labels: Record<string, string>; ports: PortSpec[] }> = {
  'x/a': { node: 'node-1', labels: { app: 'a', tier: 'web' }, ports: [{ containerPort: 80, name: 'http' }, { containerPort: 53, name: 'dns', protocol: 'UDP' }] },
  'x/b': { node: 'node-2', labels: { app: 'b' }, ports: [{ containerPort: 80, name: 'http' }, { containerPort: 81 }, { containerPort: 9000, name: 'sctp', protocol: 'SCTP' }] },
  'y/c': { node: 'node-1', labels: { app: 'c' }, ports: [{ containerPort: 80, name: 'http' }, { containerPort: 8080, name: 'alt' }] },
  'y/d': { node: 'node-2', labels: { app: 'd', tier: 'db' }, ports: [{ containerPort: 80, name: 'web' }, { containerPort: 5432, name: 'pg' }, { containerPort: 53, protocol: 'UDP' }] },
};
const podJson = (ref: string, labels?: Record<string, string>): Json => pod(ref, { ...PODS[ref]!, ...(labels ? { labels } : {}) });

const BASE: Json[] = [
  namespace('x'), namespace('y'),
  ...Object.keys(PODS).map((k) => podJson(k)),
  // Outside clients: a NodePort on node-2 to y/d, an external IP (routed to node-1) to x/a; Local keeps their address.
  service('y/d-np', { selector: { app: 'd' }, type: 'NodePort', externalTrafficPolicy: 'Local', ports: [{ port: 80, targetPort: 80, nodePort: 30080 }] }),
  service('x/a-ext', { selector: { app: 'a' }, externalIPs: ['198.51.100.10'], externalTrafficPolicy: 'Local', ports: [{ port: 80, targetPort: 'http' }] }),
];

const DENY_X_INGRESS = networkPolicy('x/deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] });
const ALLOW_A = networkPolicy('x/allow-a', {
  podSelector: { matchLabels: { app: 'a' } },
  ingress: [
    { from: [{ namespaceSelector: { matchLabels: { team: 'blue' } }, podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['c', 'd'] }] } }], ports: [{ port: 'http' }] },
    { from: [{ podSelector: {} }], ports: [{ protocol: 'UDP', port: 53 }] },
  ],
});
const D_INGRESS = (except: string): Json => networkPolicy('y/d-ingress', {
  podSelector: { matchLabels: { app: 'd' } },
  ingress: [
    { from: [{ ipBlock: { cidr: '203.0.113.0/24', except: [except] } }], ports: [{ port: 80 }] },
    { from: [{ namespaceSelector: {} }], ports: [{ port: 'pg' }] },
  ],
});
const C_EGRESS = networkPolicy('y/c-egress', {
  podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['c'] }] },
  policyTypes: ['Egress'],
  egress: [
    { to: [{ ipBlock: { cidr: '8.8.8.0/24' } }], ports: [{ port: 443 }] },
    { to: [{ namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['x'] }] } }], ports: [{ port: 80, endPort: 81 }] },
    { ports: [{ protocol: 'UDP', port: 53 }] },
  ],
});
const B_FROM_BLUE = networkPolicy('x/b-from-blue', {
  podSelector: { matchLabels: { app: 'b' } },
  ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'blue' } } }], ports: [{ protocol: 'SCTP', port: 9000 }, { protocol: 'TCP', port: 80, endPort: 90 }] }],
});

/** The steps: objects applied and NetworkPolicies deleted. */
const STEPS: { name: string; apply: Json[]; delete?: string[] }[] = [
  { name: 'no policies', apply: BASE },
  { name: 'policies', apply: [DENY_X_INGRESS, ALLOW_A, D_INGRESS('203.0.113.128/25'), C_EGRESS] },
  { name: 'namespace y labelled team=blue', apply: [namespace('y', { team: 'blue' })] },
  { name: 'y/c relabelled, y/d-ingress changed, x/b-from-blue added', apply: [podJson('y/c', { app: 'e' }), D_INGRESS('203.0.113.0/25'), B_FROM_BLUE] },
  { name: 'x/deny-ingress and x/allow-a deleted, y unlabelled', apply: [namespace('y')], delete: ['x/deny-ingress', 'x/allow-a'] },
];

function probes(renderer: 'acl' | 'vpptcp'): ProbeSpec[] {
  const refs = Object.keys(PODS);
  // SCTP never reaches VPP's session layer: the VPPTCP renderer does not filter it (docs/policy.md).
  const protocols = renderer === 'vpptcp' ? ['TCP', 'UDP'] : ['TCP', 'UDP', 'SCTP'];
  const pairs = refs.flatMap((from) => refs.filter((to) => to !== from).flatMap((to) =>
    PODS[to]!.ports.filter((p) => protocols.includes(p.protocol ?? 'TCP')).map((p): ProbeSpec => ({ from, to, port: p.containerPort, protocol: p.protocol ?? 'TCP' }))));
  const outside = refs.flatMap((from): ProbeSpec[] => [
    { from, to: 'ip:8.8.8.8', port: 443, protocol: 'TCP' },
    { from, to: 'ip:8.8.4.4', port: 443, protocol: 'TCP' },
    { from, to: 'ip:1.1.1.1', port: 53, protocol: 'UDP' },
  ]);
  const inbound = ['203.0.113.7', '203.0.113.70', '203.0.113.200', '192.0.2.9'].flatMap((ip): ProbeSpec[] => [
    { from: `ip:${ip}`, to: 'node:node-2', port: 30080, protocol: 'TCP' },
    { from: `ip:${ip}`, to: 'node:node-1', port: 30080, protocol: 'TCP' },
    { from: `ip:${ip}`, to: 'ip:198.51.100.10', port: 80, protocol: 'TCP' },
  ]);
  return [...pairs, ...outside, ...inbound];
}

describe.each(['acl', 'vpptcp'] as const)('NetworkPolicies through the cluster, renderer %s', (renderer) => {
  let c: CheckedCluster;
  beforeAll(async () => {
    c = await CheckedCluster.create({ renderer });
  });
  afterAll(async () => {
    // A clean run: no agent warned or failed.
    expect(await c?.close()).toEqual([]);
  });

  it('create() runs every agent over the VPP transport CONTIV_E2E_VPP names', async () => {
    await c.step(BASE);
    const nodes = c.cluster.nodes();
    expect(nodes.map((n) => n.vppTransport)).toEqual([defaultVppTransport(), defaultVppTransport()]);
    // Over the socket, each simulator's server answered its agent's requests.
    const served = nodes.map((n) => (n.socketServer() ? [...n.socketServer()!.received().values()].reduce((a, b) => a + b, 0) : undefined));
    expect(served.map((count) => (count === undefined ? 'sim' : count > 0 ? 'socket' : 'idle socket'))).toEqual(nodes.map(() => defaultVppTransport()));
  });

  it.each(STEPS.map((s, i) => [i, s.name, s] as const))('step %i (%s): every traced verdict equals the oracle', async (_i, _name, step) => {
    await c.step(step.apply, (step.delete ?? []).map((id) => ({ kind: 'NetworkPolicy', namespace: id.split('/')[0]!, name: id.split('/')[1]! })));
    const { results, problems } = checkProbes(c, probes(renderer));
    expect(problems).toEqual([]);
    // Every step has allowed and denied probes (step 0: the Local NodePort on the node without its endpoint).
    expect(new Set(results.map((r) => r.allowed))).toEqual(new Set([true, false]));
  });
});
