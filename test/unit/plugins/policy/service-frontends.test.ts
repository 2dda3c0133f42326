import { describe, expect, it } from 'vitest';
import { formatIp4 } from '../../../../plugins/net/ipv4.ts';
import type { FrontendTarget } from '../../../../plugins/policy/frontend-rules.ts';
import { serviceFrontends } from '../../../../plugins/policy/service-frontends.ts';
import type { FrontendRef } from '../../../../plugins/service/api.ts';
import type { ServiceFrontend, ServiceModel } from '../../../../plugins/service/service-model.ts';
import type { Protocol } from '../../../../plugins/ksr/model.ts';

function frontend(protocol: Protocol, ip: string, port: number, backends: string[], kind: ServiceFrontend['kind'] = 'cluster-ip'): ServiceFrontend {
  return {
    kind, ip, port, protocol, scope: 'this-node', policy: 'Cluster', masquerade: false,
    action: backends.length > 0 ? 'forward' : 'reject',
    backends: backends.map((b) => ({ ip: b.slice(0, b.lastIndexOf(':')), port: Number(b.slice(b.lastIndexOf(':') + 1)), local: true, weight: 1 })),
    reason: 'test',
  };
}

function model(id: string, frontends: ServiceFrontend[]): ServiceModel {
  const [namespace, name] = id.split('/') as [string, string];
  return {
    id, service: { namespace, name }, type: 'ClusterIP', clusterIPs: [], externalIPs: [], loadBalancerIPs: [],
    sessionAffinity: 'None', affinitySeconds: 0, externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster',
    endpointSource: 'EndpointSlice', problems: [],
    ports: [{ name: 'p', protocol: 'TCP', port: 80, targetPort: 80, endpoints: [], frontends, tag: `svc:${id}:80` }],
  };
}

const text = (fs: readonly FrontendTarget[]): string[] =>
  fs.map((f) => `${f.proto} ${formatIp4(f.ip)}:${f.port} -> ${f.backends.map((b) => `${formatIp4(b.ip)}:${b.port}`).join(',')}`);

describe('serviceFrontends', () => {
  it('serviceFrontends() lists TCP and UDP frontends with their backends, sorted, without SCTP', () => {
    const services = [
      model('x/web', [frontend('TCP', '10.96.0.20', 80, ['10.1.1.2:8080', '10.1.2.2:8080']), frontend('TCP', '192.168.16.1', 30080, ['10.1.1.2:8080'], 'node-port')]),
      model('x/dns', [frontend('UDP', '10.96.0.10', 53, ['10.1.1.3:5353']), frontend('SCTP', '10.96.0.10', 9, ['10.1.1.3:9']), frontend('TCP', '10.96.0.10', 53, [])]),
    ];
    expect(text(serviceFrontends({ services: () => services, frontend: () => undefined }))).toEqual([
      'tcp 10.96.0.10:53 -> ',
      'tcp 10.96.0.20:80 -> 10.1.1.2:8080,10.1.2.2:8080',
      'tcp 192.168.16.1:30080 -> 10.1.1.2:8080',
      'udp 10.96.0.10:53 -> 10.1.1.3:5353',
    ]);
  });

  it('serviceFrontends() takes the backends of the Service whose mapping is in effect when two claim a frontend', () => {
    const a = model('x/a', [frontend('TCP', '10.96.0.30', 80, ['10.1.1.2:80'])]);
    const b = model('x/b', [frontend('TCP', '10.96.0.30', 80, ['10.1.1.3:80'])]);
    const owner = (m: ServiceModel) => (): FrontendRef => ({ service: m, port: m.ports[0]!, frontend: m.ports[0]!.frontends[0]! });
    expect(text(serviceFrontends({ services: () => [a, b], frontend: owner(b) }))).toEqual(['tcp 10.96.0.30:80 -> 10.1.1.3:80']);
    expect(text(serviceFrontends({ services: () => [a, b], frontend: owner(a) }))).toEqual(['tcp 10.96.0.30:80 -> 10.1.1.2:80']);
    expect(serviceFrontends({ services: () => [a, b], frontend: () => undefined })).toEqual([]);
  });

  it('serviceFrontends() skips addresses that are not IPv4', () => {
    const services = [model('x/v6', [frontend('TCP', 'fd00::10', 80, ['10.1.1.2:80']), frontend('TCP', '10.96.0.40', 80, ['fd00::2:80', '10.1.1.2:80'])])];
    expect(text(serviceFrontends({ services: () => services, frontend: () => undefined }))).toEqual(['tcp 10.96.0.40:80 -> 10.1.1.2:80']);
  });
});
