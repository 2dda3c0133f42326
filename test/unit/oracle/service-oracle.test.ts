import { describe, expect, it } from 'vitest';
import type { Pod, Service } from '../../../plugins/ksr/model.ts';
import { AffinityOracle, ServiceOracle, type OracleCluster, type OracleProbe } from '../../oracle/service-oracle.ts';
import { address, containerPort, endpoints, epPort, pod, service, slice, sliceEndpoint, subset, tcpPort } from '../plugins/service/service-fixtures.ts';

const nodes = [
  { name: 'n1', addresses: ['192.168.16.1'] },
  { name: 'n2', addresses: ['192.168.16.2'] },
];

/** web pods: a on n1, b on n2 (labels app=web, port http=8080); client c on n1. */
function cluster(over: Partial<OracleCluster> = {}, svc: Partial<Service> = {}): OracleCluster {
  const web = (name: string, ip: string, node: string, o: Partial<Pod> = {}): Pod =>
    pod(name, ip, node, { labels: { app: 'web' }, containerPorts: [containerPort('http', 8080)], ...o });
  return {
    nodes,
    pods: [web('a', '10.1.1.2', 'n1'), web('b', '10.1.2.2', 'n2'), pod('c', '10.1.1.9', 'n1')],
    services: [service('web', { ports: [tcpPort(80, 'http', { nodePort: 30080 })], ...svc })],
    ...over,
  };
}

const fromPod = (name: string, ip = '10.96.0.10', port = 80): OracleProbe => ({ client: { kind: 'pod', pod: { namespace: 'default', name } }, ip, port, protocol: 'TCP' });
const fromOutside = (ip: string, port: number, enterAt: string): OracleProbe => ({ client: { kind: 'external', ip: '203.0.113.50', enterAt }, ip, port, protocol: 'TCP' });
const fromNode = (node: string, ip: string, port: number): OracleProbe => ({ client: { kind: 'node', node }, ip, port, protocol: 'TCP' });
const backends = (o: ServiceOracle, p: OracleProbe): string[] => o.evaluate(p).backends.map((b) => `${b.pod?.name ?? b.ip}:${b.port} ${b.source.kind === 'client' ? 'client' : `node(${b.source.nodes.join(',')})`}`);

describe('ServiceOracle', () => {
  it('evaluate() forwards ClusterIP traffic from a pod to every ready endpoint, keeping the client address', () => {
    const o = new ServiceOracle(cluster());
    expect(o.evaluate(fromPod('c'))).toMatchObject({ kind: 'forwarded', service: 'default/web', frontend: 'cluster-ip', servicePort: 80, decidingNode: 'n1' });
    expect(backends(o, fromPod('c'))).toEqual(['a:8080 client', 'b:8080 client']);
  });

  it('evaluate() derives endpoints from the selector: named targetPort per pod, not-ready, terminating and failed pods', () => {
    const c = cluster();
    const pods = [
      ...c.pods,
      pod('d', '10.1.1.3', 'n1', { labels: { app: 'web' }, containerPorts: [containerPort('http', 9000)] }),
      pod('e', '10.1.1.4', 'n1', { labels: { app: 'web' }, ready: false, containerPorts: [containerPort('http', 8080)] }),
      pod('f', '10.1.1.5', 'n1', { labels: { app: 'web' }, phase: 'Failed', containerPorts: [containerPort('http', 8080)] }),
      pod('g', '10.1.1.6', 'n1', { labels: { app: 'web' }, terminating: true, containerPorts: [containerPort('http', 8080)] }),
      pod('h', '10.1.1.7', 'n1', { labels: { app: 'web' }, containerPorts: [] }),
    ];
    expect(backends(new ServiceOracle({ ...c, pods }), fromPod('c'))).toEqual(['a:8080 client', 'd:9000 client', 'b:8080 client']);
  });

  it('evaluate() falls back to serving terminating endpoints only when nothing is ready', () => {
    const c = cluster();
    const pods = c.pods.map((p) => (p.name === 'c' ? p : { ...p, terminating: true }));
    expect(backends(new ServiceOracle({ ...c, pods }), fromPod('c'))).toEqual(['a:8080 client', 'b:8080 client']);
    const notServing = c.pods.map((p) => (p.name === 'c' ? p : { ...p, terminating: true, ready: false }));
    expect(new ServiceOracle({ ...c, pods: notServing }).evaluate(fromPod('c'))).toMatchObject({ kind: 'refused', acceptableFailures: ['refused'] });
  });

  it('evaluate() publishes not-ready endpoints with publishNotReadyAddresses', () => {
    const c = cluster({}, { publishNotReadyAddresses: true });
    const pods = c.pods.map((p) => (p.name === 'b' ? { ...p, ready: false } : p));
    expect(backends(new ServiceOracle({ ...c, pods }), fromPod('c'))).toEqual(['a:8080 client', 'b:8080 client']);
  });

  it('evaluate() prefers EndpointSlices, then Endpoints, over the selector', () => {
    const sl = slice('web-1', 'web', [sliceEndpoint('10.1.2.7', 'n2')], [epPort(7000, '')]);
    const ep = endpoints('web', [subset([address('10.1.2.8', 'n2')], [epPort(7001)])]);
    expect(backends(new ServiceOracle(cluster({ endpointSlices: [sl], endpoints: [ep] })), fromPod('c'))).toEqual(['10.1.2.7:7000 client']);
    expect(backends(new ServiceOracle(cluster({ endpoints: [ep] })), fromPod('c'))).toEqual(['10.1.2.8:7001 client']);
  });

  it('evaluate() refuses a Service without endpoints and leaves an undeclared port unanswered', () => {
    const o = new ServiceOracle(cluster({ pods: [pod('c', '10.1.1.9', 'n1')] }));
    expect(o.evaluate(fromPod('c'))).toMatchObject({ kind: 'refused', reason: 'default/web has no endpoints' });
    expect(o.evaluate(fromPod('c', '10.96.0.10', 81))).toMatchObject({ kind: 'unanswered', acceptableFailures: ['refused', 'dropped'] });
    expect(o.evaluate(fromPod('c', '10.96.0.99', 80)).kind).toBe('not-a-service');
  });

  it('evaluate() applies internalTrafficPolicy Local: local endpoints only, dropped on a node without one', () => {
    const o = new ServiceOracle(cluster({}, { internalTrafficPolicy: 'Local' }));
    expect(backends(o, fromPod('c'))).toEqual(['a:8080 client']);
    const c2 = cluster({}, { internalTrafficPolicy: 'Local' });
    const onlyRemote = new ServiceOracle({ ...c2, pods: c2.pods.filter((p) => p.name !== 'a') });
    expect(onlyRemote.evaluate(fromPod('c'))).toMatchObject({ kind: 'dropped', acceptableFailures: ['dropped'] });
  });

  it('evaluate() hairpins a pod reaching its own Service: it sees a node address', () => {
    expect(backends(new ServiceOracle(cluster()), fromPod('a'))).toEqual(['a:8080 node(n1)', 'b:8080 client']);
  });

  it('evaluate() for NodePort from outside with Cluster: every endpoint, source masqueraded to the node', () => {
    const o = new ServiceOracle(cluster({}, { type: 'NodePort' }));
    expect(backends(o, fromOutside('192.168.16.2', 30080, 'n2'))).toEqual(['a:8080 node(n2)', 'b:8080 node(n2)']);
  });

  it('evaluate() for NodePort from outside with Local: that node\'s endpoints, client address kept, dropped elsewhere', () => {
    const c = cluster({}, { type: 'NodePort', externalTrafficPolicy: 'Local' });
    const o = new ServiceOracle({ ...c, pods: c.pods.filter((p) => p.name !== 'b') });
    expect(backends(o, fromOutside('192.168.16.1', 30080, 'n1'))).toEqual(['a:8080 client']);
    expect(o.evaluate(fromOutside('192.168.16.2', 30080, 'n2'))).toMatchObject({ kind: 'dropped', decidingNode: 'n2' });
  });

  it('evaluate() gives pods the Cluster endpoints of external addresses with Local, and masquerades the node itself', () => {
    const o = new ServiceOracle(cluster({}, { type: 'NodePort', externalTrafficPolicy: 'Local', externalIPs: ['198.51.100.1'] }));
    expect(backends(o, fromPod('c', '192.168.16.2', 30080))).toEqual(['a:8080 client', 'b:8080 client']);
    expect(backends(o, fromPod('c', '198.51.100.1', 80))).toEqual(['a:8080 client', 'b:8080 client']);
    expect(backends(o, fromNode('n1', '192.168.16.1', 30080))).toEqual(['a:8080 node(n1)', 'b:8080 node(n1)']);
    expect(backends(o, fromNode('n1', '192.168.16.2', 30080))).toEqual(['b:8080 client']);
  });

  it('evaluate() answers external IPs at the node where the traffic enters', () => {
    const o = new ServiceOracle(cluster({}, { externalIPs: ['198.51.100.1'], externalTrafficPolicy: 'Local' }));
    expect(o.evaluate(fromOutside('198.51.100.1', 80, 'n2'))).toMatchObject({ kind: 'forwarded', frontend: 'external-ip', decidingNode: 'n2' });
    expect(backends(o, fromOutside('198.51.100.1', 80, 'n2'))).toEqual(['b:8080 client']);
    expect(o.evaluate(fromOutside('198.51.100.1', 81, 'n2')).kind).toBe('not-a-service');
  });

  it('evaluate() ignores headless and ExternalName Services, and NodePorts of ClusterIP Services', () => {
    expect(new ServiceOracle(cluster({}, { clusterIPs: ['None'] })).evaluate(fromPod('c', 'None')).kind).toBe('not-a-service');
    expect(new ServiceOracle(cluster({}, { type: 'ExternalName', clusterIPs: [] })).evaluate(fromPod('c')).kind).toBe('not-a-service');
    expect(new ServiceOracle(cluster()).evaluate(fromOutside('192.168.16.1', 30080, 'n1')).kind).toBe('not-a-service');
  });

  it('agentDeviation() names the documented differences and nothing else', () => {
    const o = new ServiceOracle(cluster({}, { type: 'NodePort', externalTrafficPolicy: 'Local', externalIPs: ['198.51.100.1'] }));
    expect(o.agentDeviation(fromPod('c'))).toBeUndefined();
    expect(o.agentDeviation(fromOutside('192.168.16.1', 30080, 'n1'))).toBeUndefined();
    expect(o.agentDeviation(fromPod('c', '192.168.16.2', 30080))).toBeUndefined();
    expect(o.agentDeviation(fromPod('c', '192.168.16.1', 30080))).toMatch(/only the local endpoints/);
    expect(o.agentDeviation(fromNode('n1', '192.168.16.2', 30080))).toMatch(/another node's NodePort/);
    expect(o.agentDeviation(fromOutside('10.96.0.10', 80, 'n1'))).toMatch(/masquerades/);
  });
});

describe('AffinityOracle', () => {
  it('expect() keeps a client on its backend until the timeout passes, then any backend again', () => {
    const o = new AffinityOracle(new ServiceOracle(cluster({}, { sessionAffinity: 'ClientIP', sessionAffinityTimeoutSeconds: 30 })));
    const p = fromPod('c');
    expect(o.expect(p, 'c', 0).backends).toHaveLength(2);
    o.record(p, 'c', 0, { ip: '10.1.2.2', port: 8080 });
    expect(o.expect(p, 'c', 10).backends.map((b) => b.ip)).toEqual(['10.1.2.2']);
    o.record(p, 'c', 10, { ip: '10.1.2.2', port: 8080 });
    expect(o.expect(p, 'c', 39).backends.map((b) => b.ip)).toEqual(['10.1.2.2']);
    expect(o.expect(p, 'c', 40).backends).toHaveLength(2);
    expect(o.expect(p, 'other-client', 11).backends).toHaveLength(2);
  });

  it('expect() without affinity always allows every backend', () => {
    const o = new AffinityOracle(new ServiceOracle(cluster()));
    o.record(fromPod('c'), 'c', 0, { ip: '10.1.2.2', port: 8080 });
    expect(o.expect(fromPod('c'), 'c', 1).backends).toHaveLength(2);
  });

  it('expect() forgets the remembered backend when it is no longer eligible', () => {
    const base = cluster({}, { sessionAffinity: 'ClientIP', sessionAffinityTimeoutSeconds: 30 });
    const without = new AffinityOracle(new ServiceOracle({ ...base, pods: base.pods.filter((p) => p.name !== 'b') }));
    without.record(fromPod('c'), 'c', 0, { ip: '10.1.2.2', port: 8080 });
    expect(without.expect(fromPod('c'), 'c', 1).backends.map((b) => b.ip)).toEqual(['10.1.1.2']);
  });
});
