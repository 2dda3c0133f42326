import { describe, expect, it } from 'vitest';
import { decodeEndpoints } from '../../../../plugins/ksr/k8s-endpoints.ts';

describe('decodeEndpoints', () => {
  it('decodeEndpoints() reads ready and not-ready addresses with their pods and ports', () => {
    expect(decodeEndpoints({
      metadata: { name: 'web', namespace: 'shop' },
      subsets: [{
        addresses: [{ ip: '10.1.1.2', nodeName: 'n1', targetRef: { kind: 'Pod', name: 'web-1' } }, { ip: 'fd00::2' }],
        notReadyAddresses: [{ ip: '10.1.1.3', targetRef: { kind: 'Node', name: 'x' } }],
        ports: [{ name: 'http', port: 8080 }, { name: 'dns', port: 53, protocol: 'UDP' }],
      }],
    }, 'k')).toEqual({
      name: 'web', namespace: 'shop',
      subsets: [{
        addresses: [{ ip: '10.1.1.2', nodeName: 'n1', targetPod: { namespace: 'shop', name: 'web-1' } }],
        notReadyAddresses: [{ ip: '10.1.1.3' }],
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }, { name: 'dns', port: 53, protocol: 'UDP' }],
      }],
    });
  });

  it('decodeEndpoints() rejects a bad address naming the field', () => {
    expect(() => decodeEndpoints({ metadata: { name: 'x' }, subsets: [{ addresses: [{ ip: 'nope' }] }] }, 'k'))
      .toThrow(expect.objectContaining({ field: 'subsets[0].addresses[0].ip' }));
  });
});
