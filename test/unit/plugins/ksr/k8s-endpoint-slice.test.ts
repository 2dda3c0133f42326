import { describe, expect, it } from 'vitest';
import { decodeEndpointSlice } from '../../../../plugins/ksr/k8s-endpoint-slice.ts';

const slice = (extra: Record<string, unknown>) => ({
  metadata: { name: 'web-abc', namespace: 'shop', labels: { 'kubernetes.io/service-name': 'web' } }, addressType: 'IPv4', ...extra,
});

describe('decodeEndpointSlice', () => {
  it('decodeEndpointSlice() defaults conditions as upstream and names the service', () => {
    expect(decodeEndpointSlice(slice({
      endpoints: [
        { addresses: ['10.1.1.2'], nodeName: 'n1', targetRef: { kind: 'Pod', namespace: 'shop', name: 'web-1' } },
        { addresses: ['10.1.1.3'], conditions: { ready: false, terminating: true } },
      ],
      ports: [{ name: 'http', port: 8080 }, { name: 'all' }],
    }), 'k')).toEqual({
      name: 'web-abc', namespace: 'shop', serviceName: 'web',
      endpoints: [
        { addresses: ['10.1.1.2'], ready: true, serving: true, terminating: false, nodeName: 'n1', targetPod: { namespace: 'shop', name: 'web-1' } },
        { addresses: ['10.1.1.3'], ready: false, serving: false, terminating: true },
      ],
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    });
  });

  it('decodeEndpointSlice() gives an IPv6 slice no endpoints', () => {
    expect(decodeEndpointSlice(slice({ addressType: 'IPv6', endpoints: [{ addresses: ['fd00::1'] }] }), 'k').endpoints).toEqual([]);
  });

  it('decodeEndpointSlice() rejects a slice without the service-name label', () => {
    expect(() => decodeEndpointSlice({ metadata: { name: 'x' }, addressType: 'IPv4' }, 'k'))
      .toThrow(expect.objectContaining({ field: 'metadata.labels["kubernetes.io/service-name"]' }));
  });
});
