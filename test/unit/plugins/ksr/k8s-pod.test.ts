import { describe, expect, it } from 'vitest';
import { decodePod } from '../../../../plugins/ksr/k8s-pod.ts';

describe('decodePod', () => {
  it('decodePod() reads labels, node, IPs, readiness and named container ports', () => {
    expect(decodePod({
      metadata: { name: 'web-1', namespace: 'shop', labels: { tier: 'web', app: 'web' }, deletionTimestamp: '2024-01-01T00:00:00Z' },
      spec: {
        nodeName: 'node-1', hostNetwork: false,
        containers: [{ name: 'a', ports: [{ name: 'http', containerPort: 8080 }] }, { name: 'b', ports: [{ containerPort: 53, protocol: 'UDP' }] }],
      },
      status: { phase: 'Running', podIP: 'fd00::1', podIPs: [{ ip: 'fd00::1' }, { ip: '10.1.1.2' }], hostIP: '192.168.1.1', conditions: [{ type: 'Ready', status: 'False' }] },
    }, 's')).toEqual({
      name: 'web-1', namespace: 'shop', labels: { app: 'web', tier: 'web' }, nodeName: 'node-1', ip: '10.1.1.2', hostIP: '192.168.1.1',
      hostNetwork: false, phase: 'Running', ready: false, terminating: true,
      containerPorts: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }, { containerPort: 53, protocol: 'UDP' }],
    });
  });

  it('decodePod() counts a Running pod without a Ready condition as ready and defaults the namespace', () => {
    const p = decodePod({ metadata: { name: 'x' }, status: { phase: 'Running' } }, 's');
    expect(p).toMatchObject({ namespace: 'default', ready: true, labels: {}, containerPorts: [], hostNetwork: false });
    expect(p.ip).toBeUndefined();
    expect(decodePod({ metadata: { name: 'x' }, status: { phase: 'Pending' } }, 's').ready).toBe(false);
  });

  it.each([
    ['a bad label', { metadata: { name: 'x', labels: { 'app!': 'x' } } }, 'metadata.labels["app!"]'],
    ['an unparsable pod IP', { metadata: { name: 'x' }, status: { podIP: '10.1.1' } }, 'status.podIP'],
    ['a container port out of range', { metadata: { name: 'x' }, spec: { containers: [{ ports: [{ containerPort: 0 }] }] } }, 'spec.containers[0].ports[0].containerPort'],
    ['a bad port name', { metadata: { name: 'x' }, spec: { containers: [{ ports: [{ name: 'HTTP', containerPort: 80 }] }] } }, 'spec.containers[0].ports[0].name'],
    ['a missing name', { metadata: {} }, 'metadata.name'],
  ])('decodePod() rejects %s naming the field', (_what, json, fieldPath) => {
    expect(() => decodePod(json, 'key')).toThrow(expect.objectContaining({ source: 'key', field: fieldPath }));
  });
});
