import { describe, expect, it } from 'vitest';
import { endpointSlicesFor } from '../../../cluster/endpoint-slices.ts';
import { decodePod } from '../../../plugins/ksr/k8s-pod.ts';
import { decodeService } from '../../../plugins/ksr/k8s-service.ts';

const svc = (spec: Record<string, unknown>) => decodeService({ metadata: { name: 'web', namespace: 'ns' }, spec }, 'svc');
const pod = (name: string, o: { ip?: string; ready?: boolean; phase?: string; deleting?: boolean; port?: number; labels?: Record<string, string>; ns?: string } = {}) => decodePod({
  metadata: { name, namespace: o.ns ?? 'ns', labels: o.labels ?? { app: 'web' }, ...(o.deleting ? { deletionTimestamp: 'x' } : {}) },
  spec: { nodeName: 'n1', containers: [{ name: 'c', ports: [{ name: 'http', containerPort: o.port ?? 8080 }] }] },
  status: { phase: o.phase ?? 'Running', ...(o.ip === undefined ? { podIP: '10.1.1.9' } : o.ip ? { podIP: o.ip } : {}), conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }] },
}, name);

describe('endpointSlicesFor', () => {
  it('endpointSlicesFor() lists selected pods with conditions, node and target, grouped by resolved named port', () => {
    const slices = endpointSlicesFor(svc({ selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] }), [
      pod('b', { ip: '10.1.1.3', port: 9090 }),
      pod('a', { ip: '10.1.1.2' }),
      pod('c', { ip: '10.1.1.4', ready: false }),
      pod('d', { ip: '10.1.1.5', deleting: true }),
      pod('e', { ip: '10.1.1.6', phase: 'Failed' }),
      pod('f', { ip: '' }),
      pod('g', { ip: '10.1.1.7', labels: { app: 'other' } }),
      pod('h', { ip: '10.1.1.8', ns: 'other' }),
    ]);
    expect(slices).toEqual([
      {
        apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', addressType: 'IPv4',
        metadata: { name: 'web-1', namespace: 'ns', labels: { 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'simulate.contiv-ts' } },
        endpoints: [
          { addresses: ['10.1.1.2'], conditions: { ready: true, serving: true, terminating: false }, nodeName: 'n1', targetRef: { kind: 'Pod', namespace: 'ns', name: 'a' } },
          { addresses: ['10.1.1.4'], conditions: { ready: false, serving: false, terminating: false }, nodeName: 'n1', targetRef: { kind: 'Pod', namespace: 'ns', name: 'c' } },
          { addresses: ['10.1.1.5'], conditions: { ready: false, serving: true, terminating: true }, nodeName: 'n1', targetRef: { kind: 'Pod', namespace: 'ns', name: 'd' } },
        ],
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      },
      expect.objectContaining({ metadata: expect.objectContaining({ name: 'web-2' }), ports: [{ name: 'http', port: 9090, protocol: 'TCP' }], endpoints: [expect.objectContaining({ addresses: ['10.1.1.3'] })] }),
    ]);
  });

  it('endpointSlicesFor() marks not-ready and terminating pods ready with publishNotReadyAddresses', () => {
    const [slice] = endpointSlicesFor(svc({ selector: { app: 'web' }, publishNotReadyAddresses: true, ports: [{ port: 80, targetPort: 8080 }] }), [pod('c', { ready: false }), pod('d', { deleting: true, ip: '10.1.1.5' })]);
    expect((slice!.endpoints as { conditions: { ready: boolean } }[]).map((e) => e.conditions.ready)).toEqual([true, true]);
  });

  it('endpointSlicesFor() gives an empty slice when nothing is selected, and none without a selector', () => {
    expect(endpointSlicesFor(svc({ selector: { app: 'web' }, ports: [{ port: 80 }] }), [])).toEqual([expect.objectContaining({ endpoints: [], ports: [] })]);
    expect(endpointSlicesFor(svc({ ports: [{ port: 80 }] }), [pod('a')])).toEqual([]);
  });
});
