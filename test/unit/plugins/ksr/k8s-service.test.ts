import { describe, expect, it } from 'vitest';
import { decodeService } from '../../../../plugins/ksr/k8s-service.ts';

describe('decodeService', () => {
  it('decodeService() applies the API defaults', () => {
    expect(decodeService({ metadata: { name: 's', namespace: 'n' }, spec: { ports: [{ port: 80 }], selector: {} } }, 'k')).toEqual({
      name: 's', namespace: 'n', type: 'ClusterIP', clusterIPs: [], ports: [{ protocol: 'TCP', port: 80, targetPort: 80 }],
      externalIPs: [], loadBalancerIPs: [], sessionAffinity: 'None', sessionAffinityTimeoutSeconds: 0,
      externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster', publishNotReadyAddresses: false,
    });
  });

  it('decodeService() reads NodePort, LoadBalancer status, affinity timeout and traffic policies', () => {
    expect(decodeService({
      metadata: { name: 's', namespace: 'n' },
      spec: {
        type: 'LoadBalancer', clusterIP: '10.96.0.5', clusterIPs: ['10.96.0.5', 'fd00::5'], selector: { app: 'x' },
        ports: [{ name: 'http', port: 80, targetPort: 'web', nodePort: 30080 }, { name: 'dns', protocol: 'UDP', port: 53, targetPort: 5353 }],
        externalIPs: ['198.51.100.1'], sessionAffinity: 'ClientIP', externalTrafficPolicy: 'Local', internalTrafficPolicy: 'Local',
        publishNotReadyAddresses: true,
      },
      status: { loadBalancer: { ingress: [{ ip: '203.0.113.1' }, { hostname: 'lb.example.com' }] } },
    }, 'k')).toMatchObject({
      type: 'LoadBalancer', clusterIPs: ['10.96.0.5'], selector: { app: 'x' },
      ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: 'web', nodePort: 30080 }, { name: 'dns', protocol: 'UDP', port: 53, targetPort: 5353 }],
      externalIPs: ['198.51.100.1'], loadBalancerIPs: ['203.0.113.1'], sessionAffinity: 'ClientIP', sessionAffinityTimeoutSeconds: 10800,
      externalTrafficPolicy: 'Local', internalTrafficPolicy: 'Local', publishNotReadyAddresses: true,
    });
  });

  it('decodeService() keeps a headless service as ["None"] and an ExternalName', () => {
    expect(decodeService({ metadata: { name: 's' }, spec: { clusterIP: 'None' } }, 'k').clusterIPs).toEqual(['None']);
    expect(decodeService({ metadata: { name: 's' }, spec: { type: 'ExternalName', externalName: 'db.example.com' } }, 'k'))
      .toMatchObject({ type: 'ExternalName', externalName: 'db.example.com' });
  });

  it.each([
    ['an unknown type', { type: 'Headless' }, 'spec.type'],
    ['a bad external IP', { externalIPs: ['1.2.3'] }, 'spec.externalIPs[0]'],
    ['a timeout out of range', { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 0 } } }, 'spec.sessionAffinityConfig.clientIP.timeoutSeconds'],
    ['unnamed ports', { ports: [{ port: 1 }, { port: 2 }] }, 'spec.ports'],
    ['a nodePort out of range', { ports: [{ port: 1, nodePort: 70000 }] }, 'spec.ports[0].nodePort'],
  ])('decodeService() rejects %s naming the field', (_what, spec, fieldPath) => {
    expect(() => decodeService({ metadata: { name: 's' }, spec }, 'k')).toThrow(expect.objectContaining({ field: fieldPath }));
  });

  it('decodeService() accepts Service port names longer than a container port name (DNS labels, as upstream\'s service-port-tcp-80)', () => {
    const svc = decodeService({ metadata: { name: 's' }, spec: { ports: [{ name: 'service-port-tcp-80', port: 80 }, { name: 'service-port-udp-80', protocol: 'UDP', port: 80 }] } }, 'k');
    expect(svc.ports.map((p) => p.name)).toEqual(['service-port-tcp-80', 'service-port-udp-80']);
    expect(() => decodeService({ metadata: { name: 's' }, spec: { ports: [{ name: 'Port_1', port: 80 }] } }, 'k')).toThrow(expect.objectContaining({ field: 'spec.ports[0].name' }));
  });
});
