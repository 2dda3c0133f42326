import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProbeSpec } from '../../cluster/probe-spec.ts';
import type { LabelSelector, NetworkPolicy, PolicyPeer, PolicyPort, PolicyRule } from '../../plugins/ksr/model.ts';
import { applyChange } from '../conformance/cluster-changes.ts';
import { changeArb, clusterArb, EXTERNAL_IPS, type ClusterChange } from '../conformance/cluster-arbitrary.ts';
import type { ClusterSpec } from '../oracle/rendered-cluster.ts';
import { CheckedCluster } from './checked-cluster.ts';
import { namespace, networkPolicy, pod, type Json } from './k8s-manifests.ts';
import { checkProbes } from './policy-expect.ts';

/**
 * Randomized differential test through the whole cluster: fast-check generates small clusters
 * (2 nodes, namespaces x/y/z with labels, 1–6 pods with labels and named ports, 0–4 policies
 * with every selector operator, namespaceSelector+podSelector peers, ipBlocks with excepts,
 * numeric, named and ranged ports over TCP, UDP and SCTP) and up to two changes (pod and
 * namespace relabels, pods added and deleted, policies put and deleted). Each state is
 * applied to a running simulated cluster; every pod pair is probed on the destination's
 * ports, every pod probes outside hosts; each traced verdict must equal the policy oracle's.
 * A failure shrinks to a minimal case, printed as the manifests of each step.
 */
const RUNS = 40;

function selectorJson(s: LabelSelector): Json {
  return { matchLabels: s.matchLabels, matchExpressions: s.matchExpressions.map((e) => ({ key: e.key, operator: e.operator, values: e.values })) };
}

function peerJson(p: PolicyPeer): Json {
  if (p.ipBlock) return { ipBlock: { cidr: p.ipBlock.cidr, except: p.ipBlock.except } };
  return { ...(p.podSelector ? { podSelector: selectorJson(p.podSelector) } : {}), ...(p.namespaceSelector ? { namespaceSelector: selectorJson(p.namespaceSelector) } : {}) };
}

function portJson(p: PolicyPort): Json {
  return { protocol: p.protocol, ...(p.port !== undefined ? { port: p.port } : {}), ...(p.endPort !== undefined ? { endPort: p.endPort } : {}) };
}

function ruleJson(r: PolicyRule, peers: 'from' | 'to'): Json {
  return { [peers]: r.peers.map(peerJson), ports: r.ports.map(portJson) };
}

/** A generated policy as the manifest a user would write. */
function policyJson(p: NetworkPolicy): Json {
  return networkPolicy(`${p.namespace}/${p.name}`, {
    podSelector: selectorJson(p.podSelector),
    policyTypes: p.policyTypes,
    ingress: p.ingress.map((r) => ruleJson(r, 'from')),
    egress: p.egress.map((r) => ruleJson(r, 'to')),
  });
}

/** Every object of a generated state. */
function stateJson(spec: ClusterSpec): Json[] {
  return [
    ...spec.namespaces.map((n) => namespace(n.name, { ...n.labels })),
    ...spec.pods.map((p) => pod(`${p.namespace}/${p.name}`, { node: p.nodeName!, labels: { ...p.labels }, ports: p.containerPorts, ...(p.ip ? { ip: p.ip } : {}) })),
    ...spec.policies.map(policyJson),
  ];
}

/** The states a case goes through (changes that do not apply are dropped; pods never move: nodeName is immutable). */
function statesOf(spec: ClusterSpec, changes: readonly ClusterChange[]): ClusterSpec[] {
  const states = [spec];
  changes.forEach((ch, i) => states.push(applyChange(states.at(-1)!, ch, i + 1).next));
  return states;
}

function probesOf(c: CheckedCluster, renderer: 'acl' | 'vpptcp'): ProbeSpec[] {
  const protocols = renderer === 'vpptcp' ? ['TCP', 'UDP'] : ['TCP', 'UDP', 'SCTP'];
  const pods = c.pods().filter((p) => p.ip);
  const refs = pods.map((p) => `${p.namespace}/${p.name}`);
  const out: ProbeSpec[] = [];
  for (const [i, from] of refs.entries()) {
    for (const [j, to] of refs.entries()) {
      if (i === j) continue;
      const declared = pods[j]!.containerPorts;
      // A pod declaring no port listens on every port: probe one per protocol.
      const ports = declared.length > 0 ? declared.map((p) => ({ port: p.containerPort, protocol: p.protocol })) : [{ port: 80, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }, { port: 9000, protocol: 'SCTP' }];
      for (const p of ports) if (protocols.includes(p.protocol)) out.push({ from, to, port: p.port, protocol: p.protocol as ProbeSpec['protocol'] });
    }
    for (const ip of EXTERNAL_IPS) out.push({ from, to: `ip:${ip}`, port: 80, protocol: 'TCP' }, { from, to: `ip:${ip}`, port: 53, protocol: 'UDP' });
  }
  return out;
}

const caseArb = fc.record({ spec: clusterArb, changes: fc.array(changeArb.filter((ch) => ch.kind !== 'podMove' && ch.kind !== 'podGetsIp'), { maxLength: 2 }) });

describe.each(['acl', 'vpptcp'] as const)('random clusters through the simulation, renderer %s', (renderer) => {
  it('probe() gives every pod pair and outside host the policy oracle\'s verdict when clusters and their changes are random', async () => {
    let probed = 0;
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ spec, changes }) => {
        const states = statesOf(spec, changes);
        const c = await CheckedCluster.create({ renderer });
        let problems: string[] = [];
        try {
          for (const [i, state] of states.entries()) {
            const prev = i === 0 ? [] : states[i - 1]!;
            const gone = i === 0 ? [] : [
              ...(prev as ClusterSpec).pods.filter((p) => !state.pods.some((q) => q.namespace === p.namespace && q.name === p.name)).map((p) => ({ kind: 'Pod', namespace: p.namespace, name: p.name })),
              ...(prev as ClusterSpec).policies.filter((p) => !state.policies.some((q) => q.namespace === p.namespace && q.name === p.name)).map((p) => ({ kind: 'NetworkPolicy', namespace: p.namespace, name: p.name })),
            ];
            await c.step(stateJson(state), gone);
            const probes = probesOf(c, renderer);
            probed += probes.length;
            const { problems } = checkProbes(c, probes);
            if (problems.length > 0) {
              const steps = states.slice(0, i + 1).map((s, k) => `state ${k}:\n${stateJson(s).map((o) => `  ${JSON.stringify(o)}`).join('\n')}`);
              throw new Error(`${problems.length} disagreement(s) in state ${i}, first: ${problems.slice(0, 3).join('\n')}\n${steps.join('\n')}`);
            }
          }
        } finally {
          problems = await c.close();
        }
        if (problems.length > 0) throw new Error(`the agents warned: ${problems.slice(0, 3).join('; ')}`);
      }),
      { numRuns: RUNS, seed: 6106 + (renderer === 'acl' ? 0 : 1), endOnFailure: false },
    );
    expect(probed).toBeGreaterThan(RUNS * 10);
  }, 300_000);
});
