import { describe, expect, it } from 'vitest';
import type { KsrChange } from '../../plugins/ksr/api.ts';
import { decodePolicy } from '../../plugins/ksr/k8s-policy.ts';
import type { Pod } from '../../plugins/ksr/model.ts';
import { allowed } from '../oracle/k8s-oracle.ts';
import type { ClusterSpec } from '../oracle/rendered-cluster.ts';
import { RenderedCluster } from '../oracle/rendered-cluster.ts';
import type { ConformanceStep } from './netpol-cases.ts';
import { CONFORMANCE_CASES } from './netpol-cases.ts';
import { expected, modelCluster, podIp, POD_KEYS } from './netpol-model.ts';

/** Applies a step's changes to the cluster: the next cluster and the KSR changes describing them. */
function applyStep(cluster: ClusterSpec, step: ConformanceStep): { next: ClusterSpec; changes: KsrChange[] } {
  const changes: KsrChange[] = [];
  let { policies, namespaces, pods } = cluster;
  for (const manifest of step.apply ?? []) {
    const text = JSON.stringify(manifest).replace(/\$\{([a-z]\/[a-z])\}/g, (_m, key: string) => podIp(key));
    const value = decodePolicy(JSON.parse(text), 'conformance case');
    const id = `${value.namespace}/${value.name}`;
    const prev = policies.find((p) => `${p.namespace}/${p.name}` === id);
    policies = [...policies.filter((p) => p !== prev), value];
    changes.push({ kind: 'policy', key: `k8s/policy/${value.name}/namespace/${value.namespace}`, id, prev, value });
  }
  for (const id of step.delete ?? []) {
    const prev = policies.find((p) => `${p.namespace}/${p.name}` === id)!;
    policies = policies.filter((p) => p !== prev);
    changes.push({ kind: 'policy', key: `k8s/policy/${prev.name}/namespace/${prev.namespace}`, id, prev });
  }
  for (const [name, labels] of Object.entries(step.namespaceLabels ?? {})) {
    const prev = namespaces.find((n) => n.name === name)!;
    const value = { ...prev, labels };
    namespaces = namespaces.map((n) => (n === prev ? value : n));
    changes.push({ kind: 'namespace', key: `k8s/namespace/${name}`, id: name, prev, value });
  }
  for (const [id, labels] of Object.entries(step.podLabels ?? {})) {
    const prev = pods.find((p) => `${p.namespace}/${p.name}` === id)!;
    const value: Pod = { ...prev, labels };
    pods = pods.map((p) => (p === prev ? value : p));
    changes.push({ kind: 'pod', key: `k8s/pod/${prev.name}/namespace/${prev.namespace}`, id, prev, value });
  }
  return { next: { ...cluster, policies, namespaces, pods }, changes };
}

describe('NetworkPolicy conformance (upstream e2e model x/y/z × a/b/c, ports 80/81, TCP/UDP/SCTP)', () => {
  it.each(CONFORMANCE_CASES.map((c) => [c.name, c] as const))('%s', (_name, testCase) => {
    let cluster = modelCluster();
    const rc = new RenderedCluster(cluster);
    const problems: string[] = [];
    testCase.steps.forEach((step, s) => {
      const { next, changes } = applyStep(cluster, step);
      cluster = next;
      rc.apply(changes, next);
      for (const probe of step.probes) {
        for (const src of POD_KEYS) {
          for (const dst of POD_KEYS) {
            // The suite does not check loopback (a pod to itself never crosses the vswitch).
            if (src === dst) continue;
            const at = `step ${s} ${probe.protocol}/${probe.port} ${src} -> ${dst}`;
            const [sn, sp] = src.split('/') as [string, string];
            const [dn, dp] = dst.split('/') as [string, string];
            const from = { pod: { namespace: sn, name: sp } };
            const to = { pod: { namespace: dn, name: dp } };
            const o = allowed(cluster, from, to, probe.protocol, probe.port);
            if (step.expect && o.allowed !== expected(step.expect, src, dst)) problems.push(`${at}: oracle ${o.allowed} (${o.reason}), upstream expects ${!o.allowed}`);
            const a = rc.aclVerdict(from, to, probe.protocol, probe.port);
            if (a.allowed !== o.allowed) problems.push(`${at}: ACLs ${a.allowed} [${a.trace.join('; ')}], oracle ${o.allowed} (${o.reason})`);
            if (probe.protocol === 'TCP' || probe.protocol === 'UDP') {
              const v = rc.sessionVerdict(from, to, probe.protocol, probe.port);
              if (v.allowed !== o.allowed) problems.push(`${at}: session rules ${v.allowed} [${v.trace.join('; ')}], oracle ${o.allowed} (${o.reason})`);
            }
          }
        }
      }
    });
    expect(problems).toEqual([]);
    // The incrementally reached state equals a fresh resync of the final cluster.
    const fresh = new RenderedCluster(cluster);
    rc.nodes.forEach((n, i) => expect(Object.fromEntries(n.txn.state)).toEqual(Object.fromEntries(fresh.nodes[i]!.txn.state)));
  });
});
