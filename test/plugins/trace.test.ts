import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestAgent } from '../../core/testing/test-agent.ts';
import { KV_STORE } from '../../core/tokens.ts';
import type { Reachability } from '../../plugins/trace/reachability.ts';
import { TracePlugin } from '../../plugins/trace/trace-plugin.ts';
import { VPP_API, type VppApi, type VppTxn } from '../../plugins/vpp/api.ts';
import type { TraceResult } from '../../plugins/trace/trace-result.ts';
import { traceFixture, type TraceFixture } from './trace-fakes.ts';

let f: TraceFixture;
beforeAll(async () => {
  f = await traceFixture();
  await f.put('service', 'web', 'x', {
    apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'x' },
    spec: { clusterIP: '10.96.0.10', selector: { pod: 'a' }, ports: [{ name: 'http', port: 8080, targetPort: 80 }] },
  });
  await f.put('endpoints', 'web', 'x', {
    apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web', namespace: 'x' },
    subsets: [{ addresses: [{ ip: f.ips['x/a'], nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'x', name: 'a' } }], ports: [{ name: 'http', port: 80 }] }],
  });
  // Another node and a pod on it: this agent sees the way there, not that node's data plane.
  await f.agent.get(KV_STORE).put('/vnf-agent/contiv-ksr/allocatedIDs/2', JSON.stringify({ id: 2, name: 'node-2', ip_address: '192.168.16.2/24' }));
  await f.put('pod', 'far', 'x', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'far', namespace: 'x' }, spec: { nodeName: 'node-2' }, status: { phase: 'Running', podIP: '10.1.2.2' } });
});
afterAll(async () => {
  await f.close();
});

const trace = (q: string) => f.get<TraceResult>(`/trace?${q}`);

describe('TracePlugin GET /trace', () => {
  it('GET /trace names the policy and rule when a pod is denied by isolation', async () => {
    const { status, body } = await trace('from=x/c&to=x/a&port=80&protocol=TCP');
    expect(status).toBe(200);
    expect(body).toMatchObject({ from: 'x/c', to: 'x/a', port: 80, protocol: 'TCP', allowed: false, failure: 'dropped', node: 'node-1' });
    expect(body.reason).toMatch(/^dropped: ACL contiv\/vpp-policy-[0-9A-F]+ rule \d+ DENY \(output of tap\d+\) \(deny ANY any -> any — x\/a: ingress isolation by x\/only-b-to-a\)$/);
    expect(body.policies).toEqual([{ policy: 'x/only-b-to-a', direction: 'ingress', effect: 'isolates', pod: 'x/a' }]);
    const decided = body.trace[body.decidedBy ?? -1];
    expect(decided).toMatchObject({ direction: 'forward', step: 'acl-output', verdict: 'deny', pod: 'x/a', origin: 'deny ANY any -> any — x/a: ingress isolation by x/only-b-to-a' });
    expect(decided?.policyRule).toMatchObject({ table: 'local', rule: 'deny ANY any -> any' });
    expect(decided?.origins).toEqual(['ingress isolation by x/only-b-to-a']);
    expect(body.trace.at(-1)).toEqual({ direction: 'forward', node: 'node-1', step: 'dropped', detail: expect.stringMatching(/^ACL contiv\/vpp-policy-\w+ rule \d+ DENY/) });
  });

  it('GET /trace ends delivered and names the allowing rule when a policy rule allows the pod', async () => {
    const { status, body } = await trace('from=x/b&to=x/a&port=80');
    expect(status).toBe(200);
    expect(body).toMatchObject({ allowed: true, backend: 'x/a', backendPort: 80, sourceIP: f.ips['x/b'], protocol: 'TCP' });
    expect(body.failure).toBeUndefined();
    expect(body.trace.filter((s) => s.step === 'delivered').map((s) => s.direction)).toEqual(['forward', 'reply']);
    expect(body.trace.filter((s) => s.direction === 'forward').at(-2)).toMatchObject({ step: 'endpoint', verdict: 'deliver', pod: 'x/a' });
    expect(body.reason).toMatch(/^allowed: .*x\/a: x\/only-b-to-a ingress\[0\]/);
    expect(body.policies).toEqual([{ policy: 'x/only-b-to-a', direction: 'ingress', rule: 0, effect: 'allows', pod: 'x/a' }]);
    expect(body.trace[body.decidedBy ?? -1]?.origins).toEqual(['x/only-b-to-a ingress[0]']);
  });

  it('GET /trace is denied on a port the rule does not list', async () => {
    const { body } = await trace('from=x/b&to=x/a&port=53&protocol=udp');
    expect(body).toMatchObject({ allowed: false, protocol: 'UDP' });
    expect(body.policies.map((p) => p.effect)).toEqual(['isolates']);
  });

  it('GET /trace names the Service whose mapping translated a ClusterIP connection, and the backend that answered', async () => {
    const { body } = await trace('from=x/b&to=svc:x/web&port=8080');
    expect(body).toMatchObject({ allowed: true, backend: 'x/a', backendPort: 80, sourceIP: f.ips['x/b'] });
    expect(body.services).toEqual([{ service: 'x/web', port: 8080, portName: 'http', tag: 'svc:x/web:8080' }]);
    expect(body.trace.find((s) => s.step === 'nat44-out2in')).toMatchObject({ verdict: 'translate', service: { service: 'x/web' } });
  });

  it('GET /trace through a Service is still denied by the policy of the backend (after DNAT)', async () => {
    const { body } = await trace('from=x/c&to=svc:x/web&port=8080');
    expect(body).toMatchObject({ allowed: false, failure: 'dropped' });
    expect(body.services.map((s) => s.service)).toEqual(['x/web']);
    expect(body.policies.map((p) => `${p.policy} ${p.effect}`)).toEqual(['x/only-b-to-a isolates']);
  });

  it('GET /trace from this node\'s host network is allowed into an isolated pod (the node exception)', async () => {
    const { body } = await trace('from=node:node-1&to=x/a&port=53&protocol=UDP');
    expect(body).toMatchObject({ allowed: true, backend: 'x/a', policies: [] });
    expect(body.trace[body.decidedBy ?? -1]?.origins?.[0]).toMatch(/^node /);
  });

  it('GET /trace towards a pod on another node ends where it leaves this node and says so', async () => {
    const { body } = await trace('from=x/b&to=x/far&port=80');
    expect(body).toMatchObject({ allowed: false, failure: 'dropped' });
    expect(body.reason).toMatch(/; 10\.1\.2\.2 is on node-2, beyond the data plane this agent sees \(simulate follows it across nodes\)$/);
    expect(body.trace.some((s) => s.step === 'ip4-lookup' && s.detail.includes('10.1.2.0/24'))).toBe(true);
  });

  it.each([
    ['from=x/far&to=x/a&port=80', 'pod x/far is not wired on this node (node-1): it runs on node-2'],
    ['from=node:node-2&to=x/a&port=80', 'node:node-2 is not this node (node-1)'],
  ])('GET /trace?%s answers 400: an agent sends only from its own node', async (q, detail) => {
    const { status, body } = await f.get<{ field: string; detail: string }>(`/trace?${q}`);
    expect(status).toBe(400);
    expect(body).toMatchObject({ field: 'from', detail: expect.stringContaining(detail) });
  });

  it('GET /trace answers the same twice (a trace leaves no session behind)', async () => {
    const first = await trace('from=x/b&to=x/a&port=80');
    const second = await trace('from=x/b&to=x/a&port=80');
    expect(second.body).toEqual(first.body);
  });

  it.each([
    ['to=x/a&port=80', 'from', 'missing'],
    ['from=x/b&port=80', 'to', 'missing'],
    ['from=x/b&to=x/a', 'port', 'missing'],
    ['from=x/b&to=x/a&port=70000', 'port', 'not a port number'],
    ['from=x/b&to=x/a&port=80&protocol=ICMP', 'protocol', 'expected TCP, UDP or SCTP'],
    ['from=x/b&to=x/a&port=80&proto=TCP', 'proto', 'unknown parameter'],
    ['from=svc:x/web&to=x/a&port=80', 'from', 'a probe cannot start at a Service'],
    ['from=x/b&to=bogus&port=80', 'to', 'is not a pod reference (expected "ns/pod", "svc:ns/name", "node:NAME" or "ip:A.B.C.D")'],
    ['from=x/zz&to=x/a&port=80', 'from', 'not wired on this node'],
    ['from=node:node-9&to=x/a&port=80', 'from', 'not this node'],
    ['from=x/b&to=x/zz&port=80', 'to', 'unknown pod x/zz'],
    ['from=x/b&to=svc:x/none&port=80', 'to', 'unknown service x/none'],
    ['from=ip:10.1.1.9&to=x/a&port=80', 'from', 'is not outside the cluster'],
  ])('GET /trace?%s answers 400 naming %s', async (q, field, detail) => {
    const { status, body } = await f.get<{ field: string; detail: string; code: string }>(`/trace?${q}`);
    expect(status).toBe(400);
    expect(body.code).toBe('BAD_INPUT');
    expect(body.field).toBe(field);
    expect(body.detail).toContain(detail);
  });
});

class NoSimulatorVpp implements VppApi {
  txn(): VppTxn {
    throw new Error('unused');
  }
  desired(): undefined {
    return undefined;
  }
  desiredKeys(): readonly string[] {
    return [];
  }
  interfaceIndex(): undefined {
    return undefined;
  }
  onEvent(): void {}
}

describe('TracePlugin without a simulator', () => {
  it.each(['/trace?from=x/a&to=x/b&port=80', '/reachability'])('GET %s answers 501 naming the adapter when the vpp plugin has no in-process simulator', async (path) => {
    const t = await TestAgent.for(TracePlugin).override(VPP_API).useValue(new NoSimulatorVpp()).start();
    try {
      const res = await t.fetch(path);
      const body = (await res.json()) as { code: string; message: string };
      expect(res.status).toBe(501);
      expect(body.code).toBe('TRACE_UNAVAILABLE');
      expect(body.message).toContain('the vpp plugin has no in-process simulator (plugins.vpp.adapter is "socket"');
    } finally {
      await t.close();
    }
  });

  it('GET /trace still answers 400 for bad parameters before it finds out it cannot trace', async () => {
    const t = await TestAgent.for(TracePlugin).start();
    try {
      const res = await t.fetch('/trace?from=x/a');
      expect(res.status).toBe(400);
      expect(((await t.fetch('/trace?from=x/a&to=x/b&port=80')).status)).toBe(501);
    } finally {
      await t.close();
    }
  });
});

describe('TracePlugin GET /reachability', () => {
  it('GET /reachability lists local pods and one cell per ordered pair and declared port, in order', async () => {
    const { status, body } = await f.get<Reachability>('/reachability');
    expect(status).toBe(200);
    expect(body.node).toBe('node-1');
    expect(body.pods.map((p) => `${p.namespace}/${p.name} ${p.ip}`)).toEqual(['x/a', 'x/b', 'x/c', 'y/d'].map((id) => `${id} ${f.ips[id]}`));
    expect(body.ports).toEqual([{ port: 53, protocol: 'UDP' }, { port: 80, protocol: 'TCP' }, { port: 8080, protocol: 'TCP' }]);
    const rows = body.cells.map((c) => `${c.from}>${c.to}:${c.protocol}${c.port}=${c.allowed ? 'ok' : 'no'}`);
    expect(rows).toEqual([
      'x/a>x/b:TCP80=ok', 'x/a>x/c:TCP80=ok', 'x/a>y/d:TCP8080=ok',
      'x/b>x/a:UDP53=no', 'x/b>x/a:TCP80=ok', 'x/b>x/c:TCP80=ok', 'x/b>y/d:TCP8080=ok',
      'x/c>x/a:UDP53=no', 'x/c>x/a:TCP80=no', 'x/c>x/b:TCP80=ok', 'x/c>y/d:TCP8080=ok',
      'y/d>x/a:UDP53=no', 'y/d>x/a:TCP80=no', 'y/d>x/b:TCP80=ok', 'y/d>x/c:TCP80=ok',
    ]);
    expect(body.cells.find((c) => c.from === 'x/c' && c.to === 'x/a' && c.port === 80)?.reason).toMatch(/DENY/);
  });

  it('GET /reachability?port=8080 probes that port for every pair', async () => {
    const { body } = await f.get<Reachability>('/reachability?port=8080');
    expect(body.ports).toEqual([{ port: 8080, protocol: 'TCP' }]);
    expect(body.cells).toHaveLength(12);
  });

  it.each([
    ['port=0', 'port'],
    ['protocol=TCP', 'protocol'],
    ['ports=80', 'ports'],
  ])('GET /reachability?%s answers 400 naming %s', async (q, field) => {
    const { status, body } = await f.get<{ field: string }>(`/reachability?${q}`);
    expect(status).toBe(400);
    expect(body.field).toBe(field);
  });
});

describe('TracePlugin page', () => {
  it.each([
    ['/', 'text/html', '<table id="matrix"'],
    ['/trace-ui/app.js', 'text/javascript', "getJson('/reachability')"],
    ['/trace-ui/style.css', 'text/css', 'td.cell.denied'],
  ])('GET %s serves the page file with a self-only content security policy', async (path, type, text) => {
    const res = await f.agent.fetch(new Request(`http://agent${path}`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain(type);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await res.text()).toContain(text);
  });
});
