import { describe, expect, it } from 'vitest';
import type { EndpointSlice, Endpoints, ObjectId, Pod, Service } from '../../../../plugins/ksr/model.ts';
import type { NodeContext } from '../../../../plugins/service/node-context.ts';
import type { ServiceFrontend } from '../../../../plugins/service/service-model.ts';
import { buildServiceModel } from '../../../../plugins/service/service-processor.ts';
import { address, endpoints, epPort, nodeContext, service, slice, sliceEndpoint, subset, tcpPort } from './service-fixtures.ts';

function model(
  svc: Service,
  opts: { endpoints?: Endpoints; slices?: EndpointSlice[]; pods?: Pod[]; node?: NodeContext } = {},
): ReturnType<typeof buildServiceModel> {
  const pods = new Map((opts.pods ?? []).map((p) => [`${p.namespace}/${p.name}`, p]));
  return buildServiceModel({
    service: svc,
    ...(opts.endpoints ? { endpoints: opts.endpoints } : {}),
    slices: opts.slices ?? [],
    pod: (id: ObjectId) => pods.get(`${id.namespace}/${id.name}`),
    node: opts.node ?? nodeContext(),
    weights: { local: 2, remote: 1 },
  });
}

/** One local (10.1.1.2 on node1) and one remote (10.1.2.2 on node2) ready endpoint on 8080. */
const twoEndpoints = (name = 'web'): Endpoints =>
  endpoints(name, [subset([address('10.1.1.2', 'node1'), address('10.1.2.2', 'node2')], [epPort(8080)])]);

const onlyRemote = (name = 'web'): Endpoints => endpoints(name, [subset([address('10.1.2.2', 'node2')], [epPort(8080)])]);

/** `kind ip:port scope policy action [backends]` of every frontend. */
function frontends(fs: readonly ServiceFrontend[]): string[] {
  return fs.map(
    (f) =>
      `${f.kind} ${f.ip}:${f.port} ${f.scope} ${f.policy}${f.masquerade ? ' masq' : ''} ${f.action} [${f.backends.map((b) => `${b.ip}:${b.port}*${b.weight}`).join(' ')}]`,
  );
}

describe('buildServiceModel', () => {
  it('buildServiceModel() gives a ClusterIP service one frontend per cluster IP and port, with all ready backends weighted local/remote', () => {
    const { model: m } = model(service('web'), { endpoints: twoEndpoints() });
    expect(m.ignored).toBeUndefined();
    expect(m.ports).toHaveLength(1);
    expect(m.ports[0]!.tag).toBe('svc:default/web:80');
    expect(frontends(m.ports[0]!.frontends)).toEqual(['cluster-ip 10.96.0.10:80 this-node Cluster forward [10.1.1.2:8080*2 10.1.2.2:8080*1]']);
  });

  it('buildServiceModel() refuses a port without endpoints and keeps the others working', () => {
    const svc = service('web', { ports: [tcpPort(80, 8080, { name: 'http' }), tcpPort(443, 8443, { name: 'https' })] });
    const eps = endpoints('web', [subset([address('10.1.1.2', 'node1')], [epPort(8080, 'http')])]);
    const { model: m } = model(svc, { endpoints: eps });
    expect(m.ports.map((p) => frontends(p.frontends)[0])).toEqual([
      'cluster-ip 10.96.0.10:80 this-node Cluster forward [10.1.1.2:8080*2]',
      'cluster-ip 10.96.0.10:443 this-node Cluster reject []',
    ]);
    expect(m.problems.map((p) => p.detail)).toEqual(['no TCP port named "https" for service port 443']);
  });

  it('buildServiceModel() applies internalTrafficPolicy Local to cluster IPs only, dropping when no local endpoint exists', () => {
    const svc = service('web', { type: 'NodePort', internalTrafficPolicy: 'Local', ports: [tcpPort(80, 8080, { nodePort: 30080 })] });
    const { model: m } = model(svc, { endpoints: onlyRemote() });
    expect(frontends(m.ports[0]!.frontends)).toEqual([
      'cluster-ip 10.96.0.10:80 this-node Local drop []',
      'node-port 192.168.16.1:30080 this-node Cluster masq forward [10.1.2.2:8080*1]',
      'node-port 192.168.16.2:30080 other-node Cluster masq forward [10.1.2.2:8080*1]',
    ]);
  });

  it('buildServiceModel() maps NodePorts on this node\'s and other nodes\' addresses, masquerading Cluster external traffic', () => {
    const node = nodeContext({ ownAddresses: ['192.168.16.1', '172.16.0.1'], otherNodeAddresses: ['192.168.16.2', '192.168.16.3'] });
    const svc = service('web', { type: 'NodePort', ports: [tcpPort(80, 8080, { nodePort: 30080 })] });
    const { model: m } = model(svc, { endpoints: twoEndpoints(), node });
    expect(frontends(m.ports[0]!.frontends).slice(1)).toEqual([
      'node-port 192.168.16.1:30080 this-node Cluster masq forward [10.1.1.2:8080*2 10.1.2.2:8080*1]',
      'node-port 172.16.0.1:30080 this-node Cluster masq forward [10.1.1.2:8080*2 10.1.2.2:8080*1]',
      'node-port 192.168.16.2:30080 other-node Cluster masq forward [10.1.1.2:8080*2 10.1.2.2:8080*1]',
      'node-port 192.168.16.3:30080 other-node Cluster masq forward [10.1.1.2:8080*2 10.1.2.2:8080*1]',
    ]);
  });

  it('buildServiceModel() with externalTrafficPolicy Local keeps the source, uses local endpoints on this node\'s addresses and Cluster ones on others\'', () => {
    const svc = service('web', { type: 'NodePort', externalTrafficPolicy: 'Local', ports: [tcpPort(80, 8080, { nodePort: 30080 })] });
    const { model: m } = model(svc, { endpoints: twoEndpoints() });
    expect(frontends(m.ports[0]!.frontends)).toEqual([
      'cluster-ip 10.96.0.10:80 this-node Cluster forward [10.1.1.2:8080*2 10.1.2.2:8080*1]',
      'node-port 192.168.16.1:30080 this-node Local forward [10.1.1.2:8080*2]',
      'node-port 192.168.16.2:30080 other-node Cluster forward [10.1.1.2:8080*2 10.1.2.2:8080*1]',
    ]);
  });

  it('buildServiceModel() drops NodePort traffic with externalTrafficPolicy Local on a node without a local endpoint', () => {
    const svc = service('web', { type: 'NodePort', externalTrafficPolicy: 'Local', ports: [tcpPort(80, 8080, { nodePort: 30080 })] });
    const { model: m } = model(svc, { endpoints: onlyRemote() });
    const f = m.ports[0]!.frontends.find((x) => x.kind === 'node-port' && x.scope === 'this-node')!;
    expect([f.action, f.reason]).toEqual(['drop', 'no local endpoints (traffic policy Local)']);
  });

  it('buildServiceModel() answers external IPs and load-balancer IPs with externalTrafficPolicy', () => {
    const svc = service('lb', {
      type: 'LoadBalancer',
      externalIPs: ['203.0.113.7'],
      loadBalancerIPs: ['198.51.100.9'],
      externalTrafficPolicy: 'Local',
      ports: [tcpPort(80, 8080)],
    });
    const { model: m } = model(svc, { endpoints: twoEndpoints('lb') });
    expect(frontends(m.ports[0]!.frontends)).toEqual([
      'cluster-ip 10.96.0.10:80 this-node Cluster forward [10.1.1.2:8080*2 10.1.2.2:8080*1]',
      'load-balancer-ip 198.51.100.9:80 this-node Local forward [10.1.1.2:8080*2]',
      'external-ip 203.0.113.7:80 this-node Local forward [10.1.1.2:8080*2]',
    ]);
  });

  it('buildServiceModel() carries client-IP affinity with its timeout', () => {
    const svc = service('web', { sessionAffinity: 'ClientIP', sessionAffinityTimeoutSeconds: 30 });
    expect(model(svc).model.affinitySeconds).toBe(30);
    expect(model(service('web')).model.affinitySeconds).toBe(0);
  });

  it('buildServiceModel() reports an affinity timeout out of range and uses the default', () => {
    const svc = service('web', { sessionAffinity: 'ClientIP', sessionAffinityTimeoutSeconds: 0 });
    const { model: m } = model(svc);
    expect(m.affinitySeconds).toBe(10800);
    expect(m.problems.map((p) => p.field)).toEqual(['spec.sessionAffinityConfig.clientIP.timeoutSeconds']);
  });

  it.each([
    ['headless', service('h', { clusterIPs: ['None'] })],
    ['external-name', service('x', { type: 'ExternalName', clusterIPs: [], externalName: 'example.com' })],
    ['no-cluster-ip', service('n', { clusterIPs: [] })],
  ] as const)('buildServiceModel() implements nothing for a %s Service', (reason, svc) => {
    const { model: m, pods } = model(svc, { endpoints: twoEndpoints(svc.name) });
    expect(m.ignored).toBe(reason);
    expect(m.ports).toEqual([]);
    expect(pods).toEqual([]);
  });

  it('buildServiceModel() reports unparsable addresses and ports out of range, naming the field, and implements the rest', () => {
    const svc = service('web', {
      type: 'NodePort',
      clusterIPs: ['10.96.0.10', 'fd00::10'],
      externalIPs: ['203.0.113.300', '203.0.113.8'],
      ports: [tcpPort(0, 8080), tcpPort(81, 70000), tcpPort(82, 8080, { nodePort: 99999 }), tcpPort(83, 8080)],
    });
    const { model: m } = model(svc, { endpoints: twoEndpoints() });
    expect(m.problems.map((p) => `${p.source} ${p.field}`)).toEqual([
      'Service default/web spec.externalIPs[0]',
      'Service default/web spec.ports[0].port',
      'Service default/web spec.ports[1].targetPort',
      'Service default/web spec.ports[2].nodePort',
    ]);
    expect(m.clusterIPs).toEqual(['10.96.0.10']);
    expect(m.externalIPs).toEqual(['203.0.113.8']);
    expect(m.ports.map((p) => [p.port, p.nodePort, p.frontends.length])).toEqual([
      [82, undefined, 2],
      [83, undefined, 2],
    ]);
  });

  it('buildServiceModel() keeps one frontend per address:port when a Service names the same one twice, and reports it', () => {
    const svc = service('web', { externalIPs: ['10.96.0.10'] });
    const { model: m } = model(svc, { endpoints: twoEndpoints() });
    expect(m.ports[0]!.frontends.map((f) => f.kind)).toEqual(['cluster-ip']);
    expect(m.problems.map((p) => p.field)).toEqual(['spec.externalIPs']);
  });

  it('buildServiceModel() treats an endpoint on one of this node\'s addresses as local (host-network pod)', () => {
    const eps = endpoints('web', [subset([address('192.168.16.1')], [epPort(8080)])]);
    const { model: m } = model(service('web'), { endpoints: eps });
    expect(m.ports[0]!.frontends[0]!.backends).toEqual([{ ip: '192.168.16.1', port: 8080, local: true, weight: 2 }]);
  });

  it('buildServiceModel() uses the EndpointSlices and reports the pods they refer to', () => {
    const sl = slice('web-1', 'web', [sliceEndpoint('10.1.2.7', 'node2', {}, 'p7')], [epPort(8080)]);
    const { model: m, pods } = model(service('web'), { slices: [sl] });
    expect(m.endpointSource).toBe('EndpointSlice');
    expect(pods).toEqual(['default/p7']);
  });

  it('buildServiceModel() is deterministic: the same input gives an equal model', () => {
    const svc = service('web', { type: 'NodePort', ports: [tcpPort(80, 8080, { nodePort: 30080 })] });
    expect(JSON.stringify(model(svc, { endpoints: twoEndpoints() }))).toBe(JSON.stringify(model(svc, { endpoints: twoEndpoints() })));
  });
});
