import { describe, expect, it } from 'vitest';
import type { EndpointSlice, Endpoints, ObjectId, Pod, Service, ServicePort } from '../../../../plugins/ksr/model.ts';
import { endpointCandidates } from '../../../../plugins/service/endpoint-candidates.ts';
import {
  address,
  containerPort,
  endpoints,
  epPort,
  pod,
  service,
  slice,
  sliceEndpoint,
  subset,
  tcpPort,
} from './service-fixtures.ts';

function build(
  svc: Service,
  opts: { endpoints?: Endpoints; slices?: EndpointSlice[]; pods?: Pod[]; ports?: ServicePort[] } = {},
): ReturnType<typeof endpointCandidates> {
  const pods = new Map((opts.pods ?? []).map((p) => [`${p.namespace}/${p.name}`, p]));
  return endpointCandidates(
    {
      service: svc,
      ...(opts.endpoints ? { endpoints: opts.endpoints } : {}),
      slices: opts.slices ?? [],
      pod: (id: ObjectId) => pods.get(`${id.namespace}/${id.name}`),
      isLocal: (nodeName) => nodeName === 'node1',
    },
    opts.ports ?? svc.ports,
  );
}

const summary = (r: ReturnType<typeof endpointCandidates>, i = 0): string[] =>
  (r.byPort[i] ?? []).map((c) => `${c.ip}:${c.port}${c.ready ? ' R' : ''}${c.serving ? ' S' : ''}${c.terminating ? ' T' : ''}${c.local ? ' L' : ''}`);

describe('endpointCandidates', () => {
  it('endpointCandidates() takes ready and not-ready addresses of Endpoints with the port named like the service port', () => {
    const svc = service('web', { ports: [tcpPort(80, 'http', { name: 'web' })] });
    const eps = endpoints('web', [subset([address('10.1.1.2', 'node1', 'a')], [epPort(8080, 'web'), epPort(9090, 'metrics')], [address('10.1.2.3', 'node2', 'b')])]);
    const r = build(svc, { endpoints: eps });
    expect(r.source).toBe('Endpoints');
    expect(summary(r)).toEqual(['10.1.1.2:8080 R S L', '10.1.2.3:8080']);
    expect(r.pods).toEqual(['default/a', 'default/b']);
    expect(r.problems).toEqual([]);
  });

  it('endpointCandidates() resolves a named targetPort per backend (pods with different container port numbers)', () => {
    const svc = service('web', { ports: [tcpPort(80, 'http', { name: 'web' })] });
    const eps = endpoints('web', [
      subset([address('10.1.1.2', 'node1', 'a')], [epPort(8080, 'web')]),
      subset([address('10.1.2.3', 'node2', 'b')], [epPort(9000, 'web')]),
    ]);
    expect(summary(build(svc, { endpoints: eps }))).toEqual(['10.1.1.2:8080 R S L', '10.1.2.3:9000 R S']);
  });

  it('endpointCandidates() prefers EndpointSlices over Endpoints when a Service has both', () => {
    const svc = service('web');
    const eps = endpoints('web', [subset([address('10.1.1.2', 'node1')], [epPort(8080)])]);
    const sl = slice('web-abc', 'web', [sliceEndpoint('10.1.2.9', 'node2')], [epPort(8080)]);
    const r = build(svc, { endpoints: eps, slices: [sl] });
    expect(r.source).toBe('EndpointSlice');
    expect(summary(r)).toEqual(['10.1.2.9:8080 R S']);
  });

  it('endpointCandidates() merges the endpoints of several slices, sorted by address, without duplicates', () => {
    const svc = service('web');
    const s1 = slice('web-b', 'web', [sliceEndpoint('10.1.2.9', 'node2'), sliceEndpoint('10.1.1.5', 'node1')], [epPort(8080)]);
    const s2 = slice('web-a', 'web', [sliceEndpoint('10.1.1.5', 'node1', { ready: false })], [epPort(8080)]);
    expect(summary(build(svc, { slices: [s1, s2] }))).toEqual(['10.1.1.5:8080 R S L', '10.1.2.9:8080 R S']);
  });

  it('endpointCandidates() keeps the slice conditions ready/serving/terminating', () => {
    const svc = service('web');
    const sl = slice('web-a', 'web', [
      sliceEndpoint('10.1.1.2', 'node1', { ready: false, serving: true, terminating: true }),
      sliceEndpoint('10.1.1.3', 'node1', { ready: false, serving: false, terminating: false }),
    ], [epPort(8080)]);
    expect(summary(build(svc, { slices: [sl] }))).toEqual(['10.1.1.2:8080 S T L', '10.1.1.3:8080 L']);
  });

  it('endpointCandidates() treats every endpoint as ready with publishNotReadyAddresses', () => {
    const svc = service('web', { publishNotReadyAddresses: true });
    const eps = endpoints('web', [subset([], [epPort(8080)], [address('10.1.1.2', 'node1')])]);
    expect(summary(build(svc, { endpoints: eps }))).toEqual(['10.1.1.2:8080 R S L']);
    const sl = slice('web-a', 'web', [sliceEndpoint('10.1.1.3', 'node1', { ready: false, serving: false, terminating: true })], [epPort(8080)]);
    expect(summary(build(svc, { slices: [sl] }))).toEqual(['10.1.1.3:8080 R S T L']);
  });

  it('endpointCandidates() marks an Endpoints address of a terminating pod as serving but not ready', () => {
    const svc = service('web');
    const eps = endpoints('web', [subset([address('10.1.1.2', 'node1', 'a')], [epPort(8080)])]);
    const r = build(svc, { endpoints: eps, pods: [pod('a', '10.1.1.2', 'node1', { terminating: true })] });
    expect(summary(r)).toEqual(['10.1.1.2:8080 S T L']);
  });

  it.each(['Failed', 'Succeeded'])('endpointCandidates() never uses a %s pod but still tracks it', (phase) => {
    const svc = service('web');
    const eps = endpoints('web', [subset([address('10.1.1.2', 'node1', 'a'), address('10.1.1.3', 'node1', 'b')], [epPort(8080)])]);
    const sl = slice('web-a', 'web', [sliceEndpoint('10.1.1.2', 'node1', {}, 'a'), sliceEndpoint('10.1.1.3', 'node1', {}, 'b')], [epPort(8080)]);
    const pods = [pod('a', '10.1.1.2', 'node1', { phase }), pod('b', '10.1.1.3', 'node1')];
    for (const r of [build(svc, { endpoints: eps, pods }), build(svc, { slices: [sl], pods })]) {
      expect(summary(r)).toEqual(['10.1.1.3:8080 R S L']);
      expect(r.pods).toEqual(['default/a', 'default/b']);
    }
  });

  it('endpointCandidates() takes the node of an address from its pod when the endpoint does not name it', () => {
    const svc = service('web');
    const eps = endpoints('web', [subset([address('10.1.2.2', undefined, 'a')], [epPort(8080)])]);
    const r = build(svc, { endpoints: eps, pods: [pod('a', '10.1.2.2', 'node1')] });
    expect(r.byPort[0]?.[0]).toMatchObject({ nodeName: 'node1', local: true, pod: { namespace: 'default', name: 'a' } });
  });

  it('endpointCandidates() resolves ports itself for hand-written Endpoints without ports (numeric and named targetPort)', () => {
    const svc = service('ext', { selector: undefined, ports: [tcpPort(80, 8080, { name: 'a' }), tcpPort(81, 'http', { name: 'b' })] });
    const eps = endpoints('ext', [subset([address('10.1.1.2', 'node1', 'p')], [])]);
    const r = build(svc, { endpoints: eps, pods: [pod('p', '10.1.1.2', 'node1', { containerPorts: [containerPort('http', 8888)] })] });
    expect(summary(r, 0)).toEqual(['10.1.1.2:8080 R S L']);
    expect(summary(r, 1)).toEqual(['10.1.1.2:8888 R S L']);
  });

  it('endpointCandidates() reports endpoints that have no port of the service port\'s name and uses none', () => {
    const svc = service('web', { ports: [tcpPort(80, 'http', { name: 'http' })] });
    const eps = endpoints('web', [subset([address('10.1.1.2', 'node1')], [epPort(8080, 'web')])]);
    const r = build(svc, { endpoints: eps });
    expect(r.byPort[0]).toEqual([]);
    expect(r.problems.map((p) => [p.source, p.field, p.detail])).toEqual([
      ['Endpoints default/web', 'subsets[*].ports', 'no TCP port named "http" for service port 80'],
    ]);
  });

  it('endpointCandidates() matches the protocol too (UDP 53 and TCP 53 are different ports)', () => {
    const svc = service('dns', { ports: [{ name: 'dns', protocol: 'UDP', port: 53, targetPort: 53 }] });
    const eps = endpoints('dns', [subset([address('10.1.1.2', 'node1')], [{ name: 'dns', port: 5353, protocol: 'TCP' }, { name: 'dns', port: 53, protocol: 'UDP' }])]);
    expect(summary(build(svc, { endpoints: eps }))).toEqual(['10.1.1.2:53 R S L']);
  });

  it('endpointCandidates() reports a bad address and a port out of range, naming object and field, and keeps the rest', () => {
    const svc = service('web');
    const eps = endpoints('web', [
      subset([address('10.1.1.300', 'node1'), address('10.1.1.2', 'node1')], [epPort(8080)]),
      subset([address('10.1.1.3', 'node1')], [epPort(70000)]),
    ]);
    const r = build(svc, { endpoints: eps });
    expect(summary(r)).toEqual(['10.1.1.2:8080 R S L']);
    expect(r.problems.map((p) => `${p.source} ${p.field}`)).toEqual([
      'Endpoints default/web subsets[0].addresses[0].ip',
      'Endpoints default/web subsets[1].ports',
    ]);
  });

  it('endpointCandidates() skips IPv6 endpoints of dual-stack Services silently', () => {
    const svc = service('web');
    const sl = slice('web-v6', 'web', [sliceEndpoint('fd00::1', 'node1')], [epPort(8080)]);
    const r = build(svc, { slices: [sl] });
    expect(r.byPort[0]).toEqual([]);
    expect(r.problems).toEqual([]);
  });

  it('endpointCandidates() has no endpoints and no problem when neither Endpoints nor slices exist', () => {
    const r = build(service('web'));
    expect(r).toMatchObject({ source: 'none', byPort: [[]], pods: [], problems: [] });
  });
});
