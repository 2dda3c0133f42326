import { describe, expect, it } from 'vitest';
import { ClusterObjects } from '../../../cluster/cluster-objects.ts';
import { NodeLayout } from '../../../cluster/node-layout.ts';
import { storedNode, storeImage, storeOps } from '../../../cluster/store-image.ts';
import { decodePod } from '../../../plugins/ksr/k8s-pod.ts';
import { parseManifestJson } from '../../../plugins/ksr/manifest-loader.ts';

const P = '/vnf-agent/contiv-ksr/k8s';
const objects = (...json: Record<string, unknown>[]) => {
  const o = new ClusterObjects();
  o.apply(json.flatMap((j, i) => parseManifestJson(j, `doc ${i}`).objects));
  return o;
};
const layout = new NodeLayout([{ name: 'n1', source: 's' }]);
const podJson = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', namespace: 'x', labels: { app: 'a' } }, spec: { nodeName: 'n1' }, status: { phase: 'Running', podIP: '10.1.1.2' } };
const svc = (name: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'x' }, spec: { selector: { app: 'a' }, ports: [{ port: 80 }] } });

describe('storeImage', () => {
  it('storeImage() holds completed objects and derives slices only for Services without hand-written endpoints', () => {
    const o = objects(
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x' } }, svc('derived'), svc('manual'),
      { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'manual', namespace: 'x' }, subsets: [] },
    );
    const image = storeImage({
      objects: o, layout, podJsons: new Map([[`${P}/pod/a/namespace/x`, podJson]]), pods: [decodePod(podJson, 'a')],
      assignments: new Map([['x/derived', { clusterIP: '10.96.0.2', nodePorts: [undefined] }]]),
    });
    expect([...image.keys()].sort()).toEqual([
      `${P}/endpoints/manual/namespace/x`, `${P}/endpointslice/derived-1/namespace/x`, `${P}/namespace/x`, `${P}/node/n1`,
      `${P}/pod/a/namespace/x`, `${P}/service/derived/namespace/x`, `${P}/service/manual/namespace/x`,
    ]);
    expect(image.get(`${P}/namespace/x`)).toMatchObject({ metadata: { labels: { 'kubernetes.io/metadata.name': 'x' } } });
    expect(image.get(`${P}/service/derived/namespace/x`)).toMatchObject({ spec: { clusterIP: '10.96.0.2' } });
  });

  it('storeImage() refuses a hand-written slice that takes a derived slice\'s name', () => {
    const clash = { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'derived-1', namespace: 'x', labels: { 'kubernetes.io/service-name': 'other' } }, addressType: 'IPv4', endpoints: [] };
    const o = objects(svc('derived'), clash);
    expect(() => storeImage({ objects: o, layout, podJsons: new Map(), pods: [], assignments: new Map() })).toThrow('doc 1 (EndpointSlice x/derived-1) metadata.name: clashes with an EndpointSlice simulate derives for Service x/derived');
  });

  it('storedNode() completes a generated Node', () => {
    expect(storedNode(new ClusterObjects(), layout, 'n1')).toMatchObject({ kind: 'Node', spec: { podCIDR: '10.1.1.0/24' } });
  });
});

describe('storeOps', () => {
  it('storeOps() deletes what is gone and puts what changed, namespaces before pods', () => {
    const stored = new Map([[`${P}/pod/old/namespace/x`, '{}'], [`${P}/namespace/x`, '{"a":1}']]);
    const image = new Map<string, Record<string, unknown>>([[`${P}/pod/a/namespace/x`, { b: 2 }], [`${P}/namespace/x`, { a: 1 }], [`${P}/namespace/y`, {}]]);
    expect(storeOps(stored, image)).toEqual([
      { type: 'delete', key: `${P}/pod/old/namespace/x` },
      { type: 'put', key: `${P}/namespace/y`, value: '{}' },
      { type: 'put', key: `${P}/pod/a/namespace/x`, value: '{"b":2}' },
    ]);
  });
});
