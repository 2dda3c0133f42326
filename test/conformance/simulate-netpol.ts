/**
 * @module Runs the upstream NetworkPolicy e2e model (x/y/z × a/b/c, ports 80/81 over TCP, UDP
 * and SCTP) through `simulate`: the model as manifests (namespaces, pods with their IPs and
 * named ports, one ClusterIP Service per pod as upstream probes through), each conformance
 * case (`netpol-cases.ts`) as a scenario whose steps apply policies and relabel namespaces and
 * pods, probing every pod pair through the destination's Service. Every verdict is compared
 * with the policy oracle (`test/oracle/k8s-oracle.ts`) on the same state.
 */
import { allowed, type OracleCluster } from '../oracle/k8s-oracle.ts';
import { decodeK8s } from '../../plugins/ksr/k8s-decoders.ts';
import type { Namespace, NetworkPolicy, Pod } from '../../plugins/ksr/model.ts';
import { parseScenario } from '../../cluster/scenario.ts';
import type { ProbeSpec } from '../../cluster/probe-spec.ts';
import type { StepOutput } from '../../cluster/simulation.ts';
import type { ConformanceCase, ConformanceProbe } from './netpol-cases.ts';
import { NAMESPACES, POD_KEYS, POD_NAMES, PORTS, PROTOCOLS, podIp } from './netpol-model.ts';

type Json = Record<string, unknown>;

/**
 * Label the per-pod Services select on. Upstream selects `pod: <name>`; a contiv-ts case
 * relabels `pod`, which would move the pod behind another pod's Service, so the Services here
 * select a label no policy of the cases looks at.
 */
export const SERVICE_LABEL = 'simulate/pod';

/** The Service upstream probes pod `ns/name` through. */
export function serviceOf(key: string): string {
  const [ns, name] = key.split('/') as [string, string];
  return `svc:${ns}/s-${ns}-${name}`;
}

function namespaceManifest(name: string, labels: Record<string, string>): Json {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

function podManifest(key: string, labels: Record<string, string>): Json {
  const [namespace, name] = key.split('/') as [string, string];
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { namespace, name, labels: { ...labels, [SERVICE_LABEL]: name } },
    spec: {
      nodeName: name === 'b' ? 'node-2' : 'node-1',
      containers: PORTS.flatMap((port) => PROTOCOLS.map((protocol) => ({
        name: `cont-${port}-${protocol.toLowerCase()}`,
        ports: [{ name: `serve-${port}-${protocol.toLowerCase()}`, containerPort: port, protocol }],
      }))),
    },
    status: { phase: 'Running', podIP: podIp(key), conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

function serviceManifest(key: string): Json {
  const [namespace, name] = key.split('/') as [string, string];
  return {
    apiVersion: 'v1', kind: 'Service',
    metadata: { namespace, name: `s-${namespace}-${name}` },
    spec: {
      selector: { [SERVICE_LABEL]: name },
      ports: PORTS.flatMap((port) => PROTOCOLS.map((protocol) => ({ name: `service-port-${protocol.toLowerCase()}-${port}`, port, targetPort: port, protocol }))),
    },
  };
}

/** The model's manifests: namespaces, pods, one Service per pod. */
export function modelManifests(): Json[] {
  return [
    ...NAMESPACES.map((n) => namespaceManifest(n, { ns: n })),
    ...POD_KEYS.map((k) => podManifest(k, { pod: k.split('/')[1]! })),
    ...POD_KEYS.map((k) => serviceManifest(k)),
  ];
}

const substitute = (manifest: unknown): Json => JSON.parse(JSON.stringify(manifest).replace(/\$\{([a-z]\/[a-z])\}/g, (_m, key: string) => podIp(key))) as Json;

/** The model state a case is in, for the oracle. */
class ModelState {
  readonly namespaces = new Map<string, Namespace>(NAMESPACES.map((n) => [n, { name: n, labels: { ns: n } }]));
  readonly pods = new Map<string, Pod>(POD_KEYS.map((k) => [k, decodeK8s('pod', podManifest(k, { pod: k.split('/')[1]! }), k)]));
  readonly policies = new Map<string, NetworkPolicy>();

  oracle(): OracleCluster {
    const strip = (p: Pod): Pod => ({ ...p, labels: Object.fromEntries(Object.entries(p.labels).filter(([k]) => k !== SERVICE_LABEL)) });
    return {
      namespaces: [...this.namespaces.values()],
      pods: [...this.pods.values()].map(strip),
      policies: [...this.policies.values()],
      nodes: [{ name: 'node-1', addresses: ['192.168.16.1'] }, { name: 'node-2', addresses: ['192.168.16.2'] }],
    };
  }
}

/** How probes address the destination pod: through its Service (as upstream does) or its pod IP. */
export type ProbeVia = 'service' | 'pod';

/** Probes of one conformance probe: every ordered pair of distinct pods. */
function probesOf(p: ConformanceProbe, via: ProbeVia): ProbeSpec[] {
  if (p.protocol === 'ICMP') return [];
  const protocol = p.protocol;
  return POD_KEYS.flatMap((from) => POD_KEYS.filter((to) => to !== from).map((to) => ({ from, to: via === 'service' ? serviceOf(to) : to, port: p.port, protocol })));
}

/** A case as a scenario file's JSON plus, per step, the oracle state after it. */
export function caseScenario(c: ConformanceCase, protocols: readonly string[], via: ProbeVia = 'service'): { json: Json; oracles: OracleCluster[] } {
  const state = new ModelState();
  const steps: Json[] = [];
  const oracles: OracleCluster[] = [];
  c.steps.forEach((step, i) => {
    const apply: Json[] = i === 0 ? modelManifests() : [];
    for (const m of step.apply ?? []) {
      const json = substitute(m);
      const policy = decodeK8s('policy', json, c.name);
      state.policies.set(`${policy.namespace}/${policy.name}`, policy);
      apply.push(json);
    }
    for (const [name, labels] of Object.entries(step.namespaceLabels ?? {})) {
      state.namespaces.set(name, { name, labels });
      apply.push(namespaceManifest(name, labels));
    }
    for (const [key, labels] of Object.entries(step.podLabels ?? {})) {
      const json = podManifest(key, labels);
      state.pods.set(key, decodeK8s('pod', json, key));
      apply.push(json);
    }
    const deletes = (step.delete ?? []).map((id) => {
      state.policies.delete(id);
      const [namespace, name] = id.split('/') as [string, string];
      return { kind: 'NetworkPolicy', namespace, name };
    });
    const probes = step.probes.filter((p) => protocols.includes(p.protocol)).flatMap((p) => probesOf(p, via));
    steps.push({ apply, ...(deletes.length > 0 ? { delete: deletes } : {}), probes });
    oracles.push(state.oracle());
  });
  return { json: { steps }, oracles };
}

/** Parses a case's scenario as `simulate --scenario` would. */
export function caseAsScenario(c: ConformanceCase, protocols: readonly string[], via: ProbeVia = 'service') {
  const { json, oracles } = caseScenario(c, protocols, via);
  return { scenario: parseScenario(json, `case "${c.name}"`), oracles };
}

/** A result that disagrees with the oracle. */
export interface Mismatch {
  readonly text: string;
}

/** Every result of a step that disagrees with the oracle (or reached another pod than the probed one). */
export function mismatches(step: StepOutput, oracle: OracleCluster, label: string): Mismatch[] {
  const out: Mismatch[] = [];
  for (const r of step.results) {
    const to = POD_KEYS.find((k) => serviceOf(k) === r.to || k === r.to)!;
    const [sn, sp] = r.from.split('/') as [string, string];
    const [dn, dp] = to.split('/') as [string, string];
    const o = allowed(oracle, { pod: { namespace: sn, name: sp } }, { pod: { namespace: dn, name: dp } }, r.protocol as 'TCP', r.port);
    const at = `${label} ${r.protocol}/${r.port} ${r.from} -> ${to}`;
    if (r.allowed !== o.allowed) out.push({ text: `${at}: simulate ${r.allowed} (${r.reason}), oracle ${o.allowed} (${o.reason})` });
    else if (r.allowed && r.backend !== to) out.push({ text: `${at}: answered by ${r.backend}` });
  }
  return out;
}

/** Pod names of the model (re-exported for tests). */
export const MODEL_POD_NAMES = POD_NAMES;
