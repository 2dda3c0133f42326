import { describe, expect, it } from 'vitest';
import { ServiceAllocation } from '../../../cluster/service-allocation.ts';
import { decodeService } from '../../../plugins/ksr/k8s-service.ts';
import { parseCidr } from '../../../plugins/net/ipv4.ts';

const svc = (name: string, spec: Record<string, unknown>) => ({ id: `default/${name}`, source: `svc.yaml (Service default/${name})`, value: decodeService({ metadata: { name, namespace: 'default' }, spec }, name) });

describe('ServiceAllocation', () => {
  it('assign() claims given IPs and ports first, then allocates the lowest free ones in name order', () => {
    const a = new ServiceAllocation(parseCidr('10.96.0.0/12'));
    const out = a.assign([
      svc('b-auto', { type: 'NodePort', ports: [{ port: 80 }, { name: 'dns', port: 53, protocol: 'UDP' }].map((p, i) => ({ name: `p${i}`, ...p })) }),
      svc('a-fixed', { type: 'NodePort', clusterIP: '10.96.0.2', ports: [{ port: 80, nodePort: 30000 }] }),
      svc('headless', { clusterIP: 'None', ports: [{ port: 80 }] }),
    ]);
    expect(Object.fromEntries(out)).toEqual({
      'default/a-fixed': { clusterIP: '10.96.0.2', nodePorts: [30000] },
      'default/b-auto': { clusterIP: '10.96.0.3', nodePorts: [30001, 30000] },
      'default/headless': { nodePorts: [undefined] },
    });
  });

  it('assign() keeps assignments across calls and frees those of removed Services', () => {
    const a = new ServiceAllocation(parseCidr('10.96.0.0/12'));
    a.assign([svc('x', { ports: [{ port: 80 }] }), svc('y', { ports: [{ port: 80 }] })]);
    const next = a.assign([svc('y', { ports: [{ port: 80 }] }), svc('z', { ports: [{ port: 80 }] })]);
    expect([next.get('default/y')?.clusterIP, next.get('default/z')?.clusterIP]).toEqual(['10.96.0.3', '10.96.0.2']);
  });

  it.each([
    ['outside the CIDR', [svc('x', { clusterIP: '10.0.0.1', ports: [{ port: 80 }] })], 'spec.clusterIP', '10.0.0.1 is not in the service CIDR 10.96.0.0/12'],
    ['the kubernetes address', [svc('x', { clusterIP: '10.96.0.1', ports: [{ port: 80 }] })], 'spec.clusterIP', '10.96.0.1 is reserved (the kubernetes Service\'s address)'],
    ['a NodePort out of range', [svc('x', { type: 'NodePort', ports: [{ port: 80, nodePort: 8080 }] })], 'spec.ports[0].nodePort', '8080/TCP is not in the NodePort range 30000-32767'],
    ['a NodePort taken', [svc('x', { type: 'NodePort', ports: [{ port: 80, nodePort: 30500 }] }), svc('y', { type: 'NodePort', ports: [{ port: 81, nodePort: 30500 }] })], 'spec.ports[0].nodePort', '30500/TCP is already allocated to Service default/x'],
  ])('assign() refuses %s naming the Service and field', (_what, services, field, detail) => {
    expect(() => new ServiceAllocation(parseCidr('10.96.0.0/12')).assign(services)).toThrow(expect.objectContaining({ field, detail }));
  });

  it('assign() refuses to change a Service\'s cluster IP', () => {
    const a = new ServiceAllocation(parseCidr('10.96.0.0/12'));
    a.assign([svc('x', { ports: [{ port: 80 }] })]);
    expect(() => a.assign([svc('x', { clusterIP: '10.96.0.9', ports: [{ port: 80 }] })])).toThrow('10.96.0.9 differs from the Service\'s cluster IP 10.96.0.2 (spec.clusterIP is immutable)');
  });
});
