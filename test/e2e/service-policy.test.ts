import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeSpec } from '../../cluster/probe-spec.ts';
import { CheckedCluster } from './checked-cluster.ts';
import { namespace, networkPolicy, pod, service, type Json } from './k8s-manifests.ts';
import { checkProbes, expectedOutcome } from './policy-expect.ts';

/**
 * Policies with Services (the seed's integration), on two nodes with both renderers: with
 * policies in place, a pod reaching another pod through its ClusterIP gets exactly the
 * verdict the policies give for the backend pod's real IP and port — the same as reaching the
 * pod directly — same node and cross node, checked against the NetworkPolicy oracle (the
 * Service oracle names the backend). Each pod is the only backend of its own Service, whose
 * named targetPort resolves per pod.
 */
const PODS: Record<string, { node: string; labels: Record<string, string>; http: number }> = {
  'x/a': { node: 'node-1', labels: { app: 'a' }, http: 80 },
  'x/b': { node: 'node-2', labels: { app: 'b' }, http: 8080 },
  'y/c': { node: 'node-1', labels: { app: 'c' }, http: 80 },
  'y/d': { node: 'node-2', labels: { app: 'd' }, http: 8081 },
};
const svcOf = (ref: string): string => `${ref.split('/')[0]}/s-${ref.split('/')[1]}`;

const BASE: Json[] = [
  namespace('x', { team: 'blue' }), namespace('y'),
  ...Object.entries(PODS).map(([ref, p]) => pod(ref, { node: p.node, labels: p.labels, ports: [{ containerPort: p.http, name: 'http' }, { containerPort: 53, name: 'dns', protocol: 'UDP' }] })),
  ...Object.entries(PODS).map(([ref, p]) => service(svcOf(ref), { selector: p.labels, ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'dns', port: 53, targetPort: 'dns', protocol: 'UDP' }] })),
];

/** Policy cases: a name, the policies, whether egress rules decide some probes. */
const CASES: { name: string; policies: Json[]; egress: boolean }[] = [
  {
    name: 'ingress from a pod selector on a named port', egress: false,
    policies: [networkPolicy('x/b-from-a', { podSelector: { matchLabels: { app: 'b' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'a' } } }], ports: [{ port: 'http' }] }] })],
  },
  {
    name: 'ingress from a namespace selector and from an ipBlock of pod addresses', egress: false,
    policies: [
      networkPolicy('y/d-from-blue', { podSelector: { matchLabels: { app: 'd' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'blue' } } }] }] }),
      networkPolicy('x/a-from-node-2-pods', { podSelector: { matchLabels: { app: 'a' } }, ingress: [{ from: [{ ipBlock: { cidr: '10.1.2.0/24', except: ['10.1.2.3/32'] } }], ports: [{ protocol: 'TCP', port: 80 }] }] }),
    ],
  },
  {
    name: 'egress to one backend only denies the others through their Services', egress: true,
    policies: [networkPolicy('y/c-to-a', {
      podSelector: { matchLabels: { app: 'c' } }, policyTypes: ['Egress'],
      egress: [{ to: [{ namespaceSelector: { matchLabels: { team: 'blue' } }, podSelector: { matchLabels: { app: 'a' } } }] }],
    })],
  },
  {
    name: 'egress on a named port resolved per backend pod', egress: true,
    policies: [networkPolicy('x/a-egress-http', { podSelector: { matchLabels: { app: 'a' } }, policyTypes: ['Egress'], egress: [{ ports: [{ port: 'http' }] }] })],
  },
  {
    name: 'egress to an ipBlock of pod addresses, UDP DNS anywhere', egress: true,
    policies: [networkPolicy('y/d-egress', {
      podSelector: { matchLabels: { app: 'd' } }, policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '10.1.1.0/24' } }], ports: [{ protocol: 'TCP', port: 80, endPort: 8080 }] }, { ports: [{ protocol: 'UDP', port: 53 }] }],
    })],
  },
  {
    name: 'default deny in y, ingress and egress allowed between x and y pods selected by expressions', egress: true,
    policies: [
      networkPolicy('y/deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
      networkPolicy('y/allow-x', {
        podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['c', 'd'] }] }, policyTypes: ['Ingress', 'Egress'],
        ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'Exists' }] } }] }],
        egress: [{ to: [{ namespaceSelector: { matchLabels: { team: 'blue' } }, podSelector: { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['a'] }] } }] }],
      }),
    ],
  },
];

function probes(via: 'service' | 'pod'): ProbeSpec[] {
  const refs = Object.keys(PODS);
  return refs.flatMap((from) => refs.filter((to) => to !== from).flatMap((to): ProbeSpec[] => via === 'service'
    ? [{ from, to: `svc:${svcOf(to)}`, port: 80, protocol: 'TCP' }, { from, to: `svc:${svcOf(to)}`, port: 53, protocol: 'UDP' }]
    : [{ from, to, port: PODS[to]!.http, protocol: 'TCP' }, { from, to, port: 53, protocol: 'UDP' }]));
}

describe.each(['acl', 'vpptcp'] as const)('NetworkPolicies with Services through the cluster, renderer %s', (renderer) => {
  let c: CheckedCluster;
  beforeAll(async () => {
    c = await CheckedCluster.create({ renderer });
    await c.step(BASE);
  });
  afterAll(async () => {
    // A clean run: no agent warned or failed.
    expect(await c?.close()).toEqual([]);
  });

  let applied: Json[] = [];
  async function useCase(policies: Json[]): Promise<void> {
    if (policies === applied) return;
    const gone = applied.map((p) => {
      const m = p.metadata as { namespace: string; name: string };
      return { kind: 'NetworkPolicy', namespace: m.namespace, name: m.name };
    });
    await c.step([], gone);
    await c.step(policies);
    applied = policies;
  }

  for (const cs of CASES) {
    it(`probe() via pod IPs agrees with the oracle: ${cs.name}`, async () => {
      await useCase(cs.policies);
      const { results, problems } = checkProbes(c, probes('pod'));
      expect(problems).toEqual([]);
      expect(new Set(results.map((r) => r.allowed))).toEqual(new Set([true, false]));
    });

    /*
     * VPPTCP checks a pod's egress when it connects — to the frontend, before NAT44 — so its
     * connect-time table judges each frontend by the Service's backends (frontend-rules.ts).
     */
    it(`probe() via ClusterIPs gives the verdicts of the backend pods' real IPs: ${cs.name}`, async () => {
      await useCase(cs.policies);
      const { results, problems } = checkProbes(c, probes('service'));
      expect(problems).toEqual([]);
      expect(new Set(results.map((r) => r.allowed))).toEqual(new Set([true, false]));
      // Through a Service exactly as directly to the pod.
      const direct = c.probe(probes('pod'));
      expect(results.map((r) => r.allowed)).toEqual(direct.map((r) => r.allowed));
    });

    if (cs.egress) {
      it(`probe() via ClusterIPs is denied wherever egress to the backend pod is denied: ${cs.name}`, async () => {
        await useCase(cs.policies);
        const all = probes('service');
        const denied = all.filter((p) => !expectedOutcome(c, p).allowed);
        expect(denied.length).toBeGreaterThan(0);
        expect(c.probe(denied).filter((r) => r.allowed).map((r) => `${r.from} -> ${r.to} ${r.protocol}/${r.port}: ${r.reason}`)).toEqual([]);
      });
    }
  }

  it('probe() via a ClusterIP follows the backends when only the Service\'s endpoints change', async () => {
    await useCase(CASES[2]!.policies); // y/c may reach x/a only
    const moving = (labels: Record<string, string>): Json =>
      service('x/s-moving', { selector: labels, ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'dns', port: 53, targetPort: 'dns', protocol: 'UDP' }] });
    const toMoving: ProbeSpec[] = [{ from: 'y/c', to: 'svc:x/s-moving', port: 80, protocol: 'TCP' }, { from: 'y/c', to: 'svc:x/s-moving', port: 53, protocol: 'UDP' }];
    const verdicts = (): boolean[] => {
      const { results, problems } = checkProbes(c, toMoving);
      expect(problems).toEqual([]);
      return results.map((r) => r.allowed);
    };
    await c.step([moving({ app: 'a' })]);
    expect(verdicts()).toEqual([true, true]);
    await c.step([moving({ app: 'b' })]);
    expect(verdicts()).toEqual([false, false]);
    await c.step([moving({ app: 'a' })]);
    expect(verdicts()).toEqual([true, true]);
    await c.step([], [{ kind: 'Service', namespace: 'x', name: 's-moving' }]);
  });

  it.runIf(renderer === 'vpptcp')('probe() via a ClusterIP is denied when egress to some of its backends is denied (the session layer cannot know which one NAT44 picks)', async () => {
    await useCase(CASES[2]!.policies); // y/c may reach x/a only
    await c.step([service('x/s-both', { selector: {}, ports: [{ name: 'http', port: 80, targetPort: 'http' }] })]);
    const [viaBoth] = c.probe([{ from: 'y/c', to: 'svc:x/s-both', port: 80, protocol: 'TCP' }]);
    expect(viaBoth?.allowed).toBe(false);
    await c.step([], [{ kind: 'Service', namespace: 'x', name: 's-both' }]);
  });
});
