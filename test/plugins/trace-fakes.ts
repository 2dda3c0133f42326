/**
 * @module A running full-build agent with pods for the trace tests and the browser test: pods
 * wired by CNI ADD through the agent's REST app, their Pod objects, Namespaces, a NetworkPolicy
 * and a Service written to the agent's store as the KSR would.
 */
import { createAgent } from '../../core/build.ts';
import type { Agent } from '../../core/agent.ts';
import { RecordingLogger } from '../../core/testing/recording-logger.ts';
import { DATASYNC, KV_STORE } from '../../core/tokens.ts';
import { fullBuild } from '../../plugins/builds.ts';
import { ksrKey } from '../../plugins/ksr/keys.ts';

/** A pod of the fixture: namespace, name, labels and declared container ports. */
export interface FixturePod {
  readonly namespace: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly ports: readonly { readonly containerPort: number; readonly protocol?: 'TCP' | 'UDP' | 'SCTP'; readonly name?: string }[];
}

/** The default pods: x/a (80 TCP, 53 UDP), x/b and x/c (80), y/d (8080). */
export const PODS: readonly FixturePod[] = [
  { namespace: 'x', name: 'a', labels: { pod: 'a' }, ports: [{ containerPort: 80, name: 'http' }, { containerPort: 53, protocol: 'UDP' }] },
  { namespace: 'x', name: 'b', labels: { pod: 'b' }, ports: [{ containerPort: 80 }] },
  { namespace: 'x', name: 'c', labels: { pod: 'c' }, ports: [{ containerPort: 80 }] },
  { namespace: 'y', name: 'd', labels: { pod: 'd' }, ports: [{ containerPort: 8080 }] },
];

/** Ingress of x/a only from x/b on TCP 80: x/c → x/a is denied, x/b → x/a UDP 53 too. */
export const DENY_A = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'only-b-to-a', namespace: 'x' },
  spec: {
    podSelector: { matchLabels: { pod: 'a' } },
    policyTypes: ['Ingress'],
    ingress: [{ from: [{ podSelector: { matchLabels: { pod: 'b' } } }], ports: [{ protocol: 'TCP', port: 80 }] }],
  },
};

/** A running agent and its pods' IPs. */
export interface TraceFixture {
  readonly agent: Agent;
  /** Pod IP by `namespace/name`. */
  readonly ips: Readonly<Record<string, string>>;
  /** Writes a Kubernetes object under its KSR key and lets the agent handle it. */
  put(kind: 'namespace' | 'pod' | 'policy' | 'service' | 'endpoints', name: string, namespace: string | undefined, value: unknown): Promise<void>;
  /** GET `path` on the agent; the parsed body and status. */
  get<T>(path: string): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

/** Lets every queued store event run. */
async function settle(agent: Agent): Promise<void> {
  for (let round = 0; round < 4; round++) {
    await new Promise((r) => setTimeout(r, 0));
    await agent.get(DATASYNC).push('test-settle', 'settle', () => undefined);
  }
}

/**
 * Starts a full-build agent (REST on `http`, default: disabled), wires `pods`, writes their
 * Namespaces and Pod objects, and `policies`.
 */
export async function traceFixture(opts: { pods?: readonly FixturePod[]; policies?: readonly unknown[]; http?: { enabled: boolean; port?: number } } = {}): Promise<TraceFixture> {
  const agent = createAgent(fullBuild, { http: opts.http ?? { enabled: false }, agent: { label: 'node-1' } }, { sink: new RecordingLogger() });
  await agent.start();
  const kv = agent.get(KV_STORE);
  const put: TraceFixture['put'] = async (kind, name, namespace, value) => {
    await kv.put(ksrKey(kind, name, namespace), JSON.stringify(value));
    await settle(agent);
  };
  const pods = opts.pods ?? PODS;
  for (const ns of [...new Set(pods.map((p) => p.namespace))].sort()) {
    await put('namespace', ns, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { ns } } });
  }
  const ips: Record<string, string> = {};
  for (const p of pods) {
    const cid = `cid-${p.namespace}-${p.name}`;
    const res = await agent.fetch(new Request('http://agent/cni/add', {
      method: 'POST',
      body: JSON.stringify({ containerId: cid, netns: `/var/run/netns/${cid}`, ifName: 'eth0', args: `K8S_POD_NAMESPACE=${p.namespace};K8S_POD_NAME=${p.name}` }),
    }));
    const body = (await res.json()) as { ips?: { address: string }[]; msg?: string };
    const ip = body.ips?.[0]?.address.split('/')[0];
    if (res.status !== 200 || ip === undefined) throw new Error(`CNI ADD ${p.namespace}/${p.name}: ${res.status} ${body.msg ?? ''}`);
    ips[`${p.namespace}/${p.name}`] = ip;
    await put('pod', p.name, p.namespace, {
      apiVersion: 'v1', kind: 'Pod',
      metadata: { name: p.name, namespace: p.namespace, labels: p.labels },
      spec: { nodeName: 'node-1', containers: [{ name: 'main', ports: p.ports.map((x) => ({ protocol: 'TCP', ...x })) }] },
      status: { phase: 'Running', podIP: ip, conditions: [{ type: 'Ready', status: 'True' }] },
    });
  }
  for (const policy of opts.policies ?? [DENY_A]) {
    const meta = (policy as { metadata: { name: string; namespace: string } }).metadata;
    await put('policy', meta.name, meta.namespace, policy);
  }
  return {
    agent,
    ips,
    put,
    get: async <T>(path: string) => {
      const res = await agent.fetch(new Request(`http://agent${path}`));
      return { status: res.status, body: (await res.json()) as T };
    },
    close: () => agent.close(),
  };
}
