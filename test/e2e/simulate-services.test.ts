import { beforeAll, describe, expect, it } from 'vitest';
import type { ProbeResultView } from '../../cluster/probe-result.ts';
import type { ProbeSpec } from '../../cluster/probe-spec.ts';
import type { Scenario } from '../../cluster/scenario.ts';
import { readScenario, simulateScenario, type ScenarioOutput, type StepOutput } from '../../cluster/simulation.ts';
import { decodeK8s } from '../../plugins/ksr/k8s-decoders.ts';
import type { ManifestObject } from '../../plugins/ksr/manifest-loader.ts';
import type { Pod, Service } from '../../plugins/ksr/model.ts';
import { AffinityOracle, ServiceOracle, type OracleProbe, type OracleVerdict } from '../oracle/service-oracle.ts';

/**
 * The services scenario of examples/simulate/scenario.json, run in-process, every result
 * checked against the service oracle on the state of its step: ClientIP affinity across steps
 * and after its timeout, load balancing, NodePorts from outside with Cluster and Local traffic
 * policies (backend and the source address it saw), a pod reaching the Internet through SNAT,
 * a Service update and a deleted Service.
 */
const FILE = 'examples/simulate/scenario.json';

/** The user's objects after each step (apply replaces by key, delete removes). */
function statesOf(scenario: Scenario): ManifestObject[][] {
  const objects = new Map<string, ManifestObject>();
  return scenario.steps.map((step) => {
    for (const o of step.apply) objects.set(o.key, o);
    for (const d of step.delete) for (const [k, o] of objects) if (o.id === `${d.namespace}/${d.name}` && o.json.kind === d.kind) objects.delete(k);
    return [...objects.values()];
  });
}

/** The oracle of one state: the user's objects with what the simulation assigned (pod IPs and nodes, cluster IPs). */
function oracleOf(objects: readonly ManifestObject[], step: StepOutput): ServiceOracle {
  const pods = objects.filter((o) => o.kind === 'pod').map((o) => {
    // As the kubelet reports it: Running unless the manifest says otherwise.
    const status = { phase: 'Running', ...(o.json.status as Record<string, unknown> | undefined) };
    const pod: Pod = decodeK8s('pod', { ...o.json, status }, o.source);
    const row = step.pods.find((p) => p.namespace === pod.namespace && p.name === pod.name)!;
    return { ...pod, nodeName: row.node, ...(row.ip ? { ip: row.ip } : {}) };
  });
  const services = objects.filter((o) => o.kind === 'service').map((o) => {
    const svc = o.value as Service;
    const row = step.services.find((s) => s.namespace === svc.namespace && s.name === svc.name)!;
    return { ...svc, clusterIPs: row.clusterIP ? [row.clusterIP] : [] };
  });
  // A node's addresses: its IP and its pods' gateway on VPP, the twice-NAT address of masqueraded connections.
  const nodes = step.nodes.map((n) => ({ name: n.name, addresses: [n.address, n.podCIDR.replace(/0\/\d+$/, '1')] }));
  return new ServiceOracle({ nodes, pods, services });
}

function oracleProbe(p: ProbeSpec, step: StepOutput): OracleProbe {
  const podIp = (ref: string) => step.pods.find((x) => `${x.namespace}/${x.name}` === ref)!.ip!;
  const nodeAddress = (name: string) => step.nodes.find((n) => n.name === name)!.address;
  const ip = p.to.startsWith('svc:')
    ? step.services.find((s) => `svc:${s.namespace}/${s.name}` === p.to)!.clusterIP ?? ''
    : p.to.startsWith('node:') ? nodeAddress(p.to.slice(5)) : p.to.startsWith('ip:') ? p.to.slice(3) : podIp(p.to);
  const entry = p.enterAt ?? step.nodes.find((n) => n.address === ip)?.name ?? step.nodes[0]!.name;
  const client: OracleProbe['client'] = p.from.startsWith('ip:')
    ? { kind: 'external', ip: p.from.slice(3), enterAt: entry }
    : p.from.startsWith('node:') ? { kind: 'node', node: p.from.slice(5) } : { kind: 'pod', pod: { namespace: p.from.split('/')[0]!, name: p.from.split('/')[1]! } };
  return { client, ip, port: p.port, protocol: p.protocol };
}

/** What is wrong with result `r` under verdict `v`, or undefined. */
function disagreement(r: ProbeResultView, v: OracleVerdict, clientIp: string | undefined, step: StepOutput): string | undefined {
  if (v.kind === 'forwarded') {
    if (!r.allowed) return `expected forwarded (${v.reason}), got ${r.reason}`;
    const allowedPods = v.backends.map((b) => `${b.pod?.namespace}/${b.pod?.name}`);
    const seen = r.backends ?? [r.backend];
    const stray = seen.filter((b) => !allowedPods.includes(b ?? ''));
    if (stray.length > 0) return `backends ${stray.join(', ')} not among ${allowedPods.join(', ')}`;
    const b = v.backends.find((x) => `${x.pod?.namespace}/${x.pod?.name}` === r.backend)!;
    if (r.backendPort !== b.port) return `backend port ${r.backendPort}, expected ${b.port}`;
    const sources = b.source.kind === 'client'
      ? [clientIp]
      : step.nodes.filter((n) => (b.source.kind === 'node' ? b.source.nodes : []).includes(n.name)).flatMap((n) => [n.address, n.podCIDR.replace(/0\/\d+$/, '1')]);
    if (!sources.includes(r.sourceIP)) return `backend saw ${r.sourceIP}, expected one of ${sources.join(', ')}`;
    return undefined;
  }
  if (v.kind === 'refused' || v.kind === 'dropped') {
    if (r.allowed || !v.acceptableFailures.includes(r.failure!)) return `expected ${v.kind} (${v.reason}), got ${r.allowed ? 'allowed' : r.failure}: ${r.reason}`;
  }
  return undefined;
}

describe('simulate --scenario examples/simulate/scenario.json (services)', () => {
  let scenario: Scenario;
  let out: ScenarioOutput;
  beforeAll(async () => {
    scenario = await readScenario(FILE);
    out = await simulateScenario(scenario);
  });

  it('simulateScenario() gives every service probe the service oracle\'s verdict, backend and source address', () => {
    const states = statesOf(scenario);
    const problems: string[] = [];
    let now = 0;
    const affinity = new AffinityOracle(oracleOf(states[0]!, out.steps[0]!));
    scenario.steps.forEach((step, i) => {
      now += step.advanceSeconds;
      const o = oracleOf(states[i]!, out.steps[i]!);
      step.probes.forEach((p, j) => {
        const r = out.steps[i]!.results[j]!;
        const probe = oracleProbe(p, out.steps[i]!);
        const v = p.to === 'svc:default/web' ? affinity.expect(probe, p.from, now) : o.evaluate(probe);
        const clientIp = p.from.startsWith('ip:') ? p.from.slice(3) : out.steps[i]!.pods.find((x) => `${x.namespace}/${x.name}` === p.from)?.ip ?? undefined;
        const wrong = v.kind === 'not-a-service' ? undefined : disagreement(r, v, clientIp, out.steps[i]!);
        if (wrong) problems.push(`step ${i} probe ${j} ${p.from} -> ${p.to}:${p.port}: ${wrong}`);
        if (p.to === 'svc:default/web' && r.allowed) {
          const ip = out.steps[i]!.pods.find((x) => `${x.namespace}/${x.name}` === r.backend)!.ip!;
          affinity.record(probe, p.from, now, { ip, port: r.backendPort! });
        }
      });
    });
    expect(problems).toEqual([]);
  });

  it('simulateScenario() keeps ClientIP affinity across steps within the timeout and draws again after it', () => {
    const web = out.steps.map((s) => s.results.filter((r) => r.to === 'svc:default/web').map((r) => r.backend));
    const first = web[0]![0];
    expect(web[0]).toEqual([first, first, first]);
    expect(web[1]).toEqual([first, first]);
    // Steps 2-4 each come 61 s after the previous connection (timeout 60 s): a fresh draw each time.
    expect(new Set([first, ...web[2]!, ...web[3]!, ...web[4]!]).size).toBeGreaterThan(1);
  });

  it('simulateScenario() spreads a Service without affinity, and follows its update and deletion', () => {
    const spread = out.steps[0]!.results[3]!;
    expect(spread.backends).toEqual(['default/web-1', 'default/web-2', 'default/web-3']);
    expect(out.steps[5]!.results[0]).toMatchObject({ allowed: true, backends: ['default/web-3'] });
    expect(out.steps[6]!.services.map((s) => s.name)).not.toContain('spread');
    expect(out.steps[6]!.results[0]).toMatchObject({ allowed: false, failure: 'dropped' });
  });

  it('simulateScenario() masquerades Cluster NodePorts, keeps the client address and local backends with Local', () => {
    const [, , , , cluster, local1, local2] = out.steps[0]!.results;
    expect(cluster).toMatchObject({ allowed: true, sourceIP: '10.1.1.1' });
    expect(local1).toMatchObject({ allowed: true, backends: ['default/web-1'], sourceIP: '203.0.113.7' });
    expect(local2).toMatchObject({ allowed: true, sourceIP: '203.0.113.7' });
    expect(local2!.backends!.every((b) => b === 'default/web-2' || b === 'default/web-3')).toBe(true);
  });

  it('simulateScenario() lets a pod reach the Internet through SNAT to its node\'s address', () => {
    expect(out.steps[0]!.results[7]).toMatchObject({ from: 'default/client', to: 'ip:8.8.8.8', allowed: true, backend: 'ip:8.8.8.8', backendPort: 443, sourceIP: '192.168.16.1' });
  });
});
