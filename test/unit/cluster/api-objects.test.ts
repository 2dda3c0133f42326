import { describe, expect, it } from 'vitest';
import { generatedNodeJson, namespaceJson, nodeJson, podJson, serviceJson } from '../../../cluster/api-objects.ts';

describe('api-objects', () => {
  it('nodeJson() sets the pod CIDR and adds an InternalIP and Hostname when the Node has none', () => {
    expect(nodeJson(generatedNodeJson('n1'), { name: 'n1', address: '192.168.16.1', podCIDR: '10.1.1.0/24' })).toEqual({
      apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', labels: { 'kubernetes.io/hostname': 'n1' } },
      spec: { podCIDR: '10.1.1.0/24', podCIDRs: ['10.1.1.0/24'] },
      status: { addresses: [{ type: 'InternalIP', address: '192.168.16.1' }, { type: 'Hostname', address: 'n1' }] },
    });
    const given = { kind: 'Node', status: { addresses: [{ type: 'InternalIP', address: '10.0.0.1' }, { type: 'Hostname', address: 'h' }] } };
    expect(nodeJson(given, { name: 'n1', address: '10.0.0.1', podCIDR: '10.1.1.0/24' }).status).toEqual(given.status);
  });

  it('podJson() binds the pod and reports its status, keeping the manifest\'s phase and conditions', () => {
    const json = { kind: 'Pod', spec: { containers: [] }, status: { phase: 'Pending', podIP: '1.2.3.4', conditions: [{ type: 'Ready', status: 'False' }] } };
    expect(podJson(json, { nodeName: 'n1', hostIP: '192.168.16.1', podIP: '10.1.1.2' })).toEqual({
      kind: 'Pod', spec: { containers: [], nodeName: 'n1' },
      status: { phase: 'Pending', conditions: [{ type: 'Ready', status: 'False' }], hostIP: '192.168.16.1', podIP: '10.1.1.2', podIPs: [{ ip: '10.1.1.2' }] },
    });
    expect(podJson({ kind: 'Pod' }, { nodeName: 'n1', hostIP: 'h' }).status).toEqual({ phase: 'Running', hostIP: 'h' });
  });

  it('serviceJson() writes the cluster IP and NodePorts; namespaceJson() the metadata.name label', () => {
    expect(serviceJson({ spec: { ports: [{ port: 80 }, { port: 81 }] } }, { clusterIP: '10.96.0.2', nodePorts: [30000, undefined] })).toEqual({
      spec: { clusterIP: '10.96.0.2', clusterIPs: ['10.96.0.2'], ports: [{ port: 80, nodePort: 30000 }, { port: 81 }] },
    });
    expect(namespaceJson({ metadata: { name: 'x', labels: { a: 'b' } } }, 'x')).toEqual({ metadata: { name: 'x', labels: { a: 'b', 'kubernetes.io/metadata.name': 'x' } } });
  });
});
