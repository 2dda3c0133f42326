import { describe, expect, it } from 'vitest';
import type { Endpoints, Service } from '../../../../plugins/ksr/model.ts';
import { exportServiceNat } from '../../../../plugins/service/nat-mapping-export.ts';
import type { NodeContext } from '../../../../plugins/service/node-context.ts';
import { buildServiceModel } from '../../../../plugins/service/service-processor.ts';
import type { NatStaticMapping } from '../../../../plugins/vpp/model.ts';
import { address, endpoints, epPort, nodeContext, service, subset, tcpPort } from './service-fixtures.ts';

function exported(svc: Service, eps?: Endpoints, node: NodeContext = nodeContext()): ReturnType<typeof exportServiceNat> {
  const { model } = buildServiceModel({
    service: svc,
    ...(eps ? { endpoints: eps } : {}),
    slices: [],
    pod: () => undefined,
    node,
    weights: { local: 3, remote: 1 },
  });
  return exportServiceNat(model);
}

const twoEndpoints = (name = 'web'): Endpoints =>
  endpoints(name, [subset([address('10.1.2.2', 'node2'), address('10.1.1.2', 'node1')], [epPort(8080)])]);

describe('exportServiceNat', () => {
  it('exportServiceNat() exports a load-balanced out2in-only mapping with local/remote weights, sorted locals, self-twice-NAT and the port tag', () => {
    const claims = exported(service('web'), twoEndpoints());
    expect(claims.map((c) => c.key)).toEqual(['vpp/nat/reject/0/10.96.0.10/0', 'vpp/nat/static/6/10.96.0.10/80']);
    expect(claims[1]).toEqual({
      slot: '6/10.96.0.10/80',
      key: 'vpp/nat/static/6/10.96.0.10/80',
      value: {
        externalIp: '10.96.0.10',
        externalPort: 80,
        protocol: 6,
        locals: [
          { ip: '10.1.1.2', port: 8080, probability: 3 },
          { ip: '10.1.2.2', port: 8080, probability: 1 },
        ],
        out2inOnly: true,
        twiceNat: 'self',
        affinity: 0,
        vrf: 0,
        tag: 'svc:default/web:80',
      },
    });
  });

  it('exportServiceNat() exports a static mapping with probability 1 for a single backend', () => {
    const eps = endpoints('web', [subset([address('10.1.2.2', 'node2')], [epPort(8080)])]);
    const m = exported(service('web'), eps)[1]!.value as NatStaticMapping;
    expect(m.locals).toEqual([{ ip: '10.1.2.2', port: 8080, probability: 1 }]);
  });

  it('exportServiceNat() sets client-IP affinity on load-balanced mappings only', () => {
    const svc = service('web', { sessionAffinity: 'ClientIP', sessionAffinityTimeoutSeconds: 60 });
    expect((exported(svc, twoEndpoints())[1]!.value as NatStaticMapping).affinity).toBe(60);
    const one = endpoints('web', [subset([address('10.1.2.2', 'node2')], [epPort(8080)])]);
    expect((exported(svc, one)[1]!.value as NatStaticMapping).affinity).toBe(0);
  });

  it('exportServiceNat() twice-NATs Cluster external traffic and keeps the client for Local', () => {
    const np = (etp: 'Cluster' | 'Local'): Service =>
      service('web', { type: 'NodePort', externalTrafficPolicy: etp, ports: [tcpPort(80, 8080, { nodePort: 30080 })] });
    const twice = (svc: Service): Record<string, string> =>
      Object.fromEntries(
        exported(svc, twoEndpoints())
          .filter((c) => c.key.startsWith('vpp/nat/static/'))
          .map((c) => [c.key, (c.value as NatStaticMapping).twiceNat]),
      );
    expect(twice(np('Cluster'))).toEqual({
      'vpp/nat/static/6/10.96.0.10/80': 'self',
      'vpp/nat/static/6/192.168.16.1/30080': 'enabled',
      'vpp/nat/static/6/192.168.16.2/30080': 'enabled',
    });
    expect(twice(np('Local'))).toEqual({
      'vpp/nat/static/6/10.96.0.10/80': 'self',
      'vpp/nat/static/6/192.168.16.1/30080': 'self',
      'vpp/nat/static/6/192.168.16.2/30080': 'self',
    });
  });

  it('exportServiceNat() replaces the mapping of a port without usable endpoints by a reject, and a Local one without local endpoints by a drop', () => {
    const svc = service('web', { type: 'NodePort', externalTrafficPolicy: 'Local', ports: [tcpPort(80, 8080, { nodePort: 30080 })] });
    expect(exported(svc).map((c) => `${c.key} ${'action' in c.value ? c.value.action : ''}`)).toEqual([
      'vpp/nat/reject/0/10.96.0.10/0 reject',
      'vpp/nat/reject/6/10.96.0.10/80 reject',
      'vpp/nat/reject/6/192.168.16.1/30080 reject',
      'vpp/nat/reject/6/192.168.16.2/30080 reject',
    ]);
    const remoteOnly = endpoints('web', [subset([address('10.1.2.2', 'node2')], [epPort(8080)])]);
    const claims = exported(svc, remoteOnly);
    expect(claims.find((c) => c.key === 'vpp/nat/reject/6/192.168.16.1/30080')?.value).toEqual({
      ip: '192.168.16.1',
      protocol: 6,
      port: 30080,
      action: 'drop',
      tag: 'svc:default/web:80',
    });
    expect(claims.map((c) => c.key)).toContain('vpp/nat/static/6/192.168.16.2/30080');
  });

  it('exportServiceNat() refuses ports a Service does not declare at its cluster IP, tagged with the Service', () => {
    const wildcard = exported(service('web'), twoEndpoints())[0]!;
    expect(wildcard).toEqual({
      slot: '0/10.96.0.10/0',
      key: 'vpp/nat/reject/0/10.96.0.10/0',
      value: { ip: '10.96.0.10', protocol: 0, port: 0, action: 'reject', tag: 'svc:default/web' },
    });
  });

  it('exportServiceNat() uses the protocol numbers of UDP and SCTP in keys and values', () => {
    const svc = service('dns', {
      ports: [
        { name: 'u', protocol: 'UDP', port: 53, targetPort: 53 },
        { name: 's', protocol: 'SCTP', port: 9999, targetPort: 9999 },
      ],
    });
    const eps = endpoints('dns', [subset([address('10.1.1.2', 'node1')], [{ name: 'u', port: 53, protocol: 'UDP' }, { name: 's', port: 9999, protocol: 'SCTP' }])]);
    expect(exported(svc, eps).map((c) => c.key)).toEqual([
      'vpp/nat/reject/0/10.96.0.10/0',
      'vpp/nat/static/132/10.96.0.10/9999',
      'vpp/nat/static/17/10.96.0.10/53',
    ]);
  });

  it('exportServiceNat() puts no limit on the number of backends (300 locals)', () => {
    const addrs = Array.from({ length: 300 }, (_, i) => address(`10.2.${Math.floor(i / 250)}.${(i % 250) + 1}`, 'node9'));
    const m = exported(service('big'), endpoints('big', [subset(addrs, [epPort(8080)])]))[1]!.value as NatStaticMapping;
    expect(m.locals).toHaveLength(300);
    expect(m.locals[0]!.ip).toBe('10.2.0.1');
    expect(m.locals[299]!.ip).toBe('10.2.1.50');
  });

  it('exportServiceNat() exports nothing for an ignored Service', () => {
    expect(exported(service('h', { clusterIPs: ['None'] }), twoEndpoints('h'))).toEqual([]);
  });

  it('exportServiceNat() gives equal output for endpoints listed in a different order', () => {
    const a = endpoints('web', [subset([address('10.1.2.2', 'node2'), address('10.1.1.2', 'node1')], [epPort(8080)])]);
    const b = endpoints('web', [subset([address('10.1.1.2', 'node1')], [epPort(8080)]), subset([address('10.1.2.2', 'node2')], [epPort(8080)])]);
    expect(exported(service('web'), a)).toEqual(exported(service('web'), b));
  });
});
