import { describe, expect, it } from 'vitest';
import { ClusterObjects } from '../../../cluster/cluster-objects.ts';
import { parseManifestJson } from '../../../plugins/ksr/manifest-loader.ts';

const objects = (...json: Record<string, unknown>[]) => json.flatMap((j, i) => parseManifestJson(j, `doc ${i}`).objects);
const ns = (name: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
const pod = (name: string, namespace: string, labels: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, labels } });

describe('ClusterObjects', () => {
  it('apply() replaces an object with the same key; ofKind() lists by key', () => {
    const o = new ClusterObjects();
    o.apply(objects(pod('b', 'x'), pod('a', 'x', { v: '1' })));
    o.apply(objects(pod('a', 'x', { v: '2' })));
    expect(o.ofKind('pod').map((p) => `${p.id} ${p.value.labels.v ?? '-'}`)).toEqual(['x/a 2', 'x/b -']);
  });

  it('delete() removes a Namespace with everything in it and refuses unknown objects and kinds', () => {
    const o = new ClusterObjects();
    o.apply(objects(ns('x'), ns('y'), pod('a', 'x'), pod('b', 'y')));
    expect(o.delete([{ kind: 'Namespace', name: 'x' }], (i) => `d${i}`).map((r) => r.id)).toEqual(['x', 'x/a']);
    expect(o.ofKind('pod').map((p) => p.id)).toEqual(['y/b']);
    expect(() => o.delete([{ kind: 'Pod', namespace: 'x', name: 'a' }], (i) => `step delete[${i}]`)).toThrow('step delete[0] name: Pod x/a does not exist');
    expect(() => o.delete([{ kind: 'Deployment', name: 'a' }], (i) => `step delete[${i}]`)).toThrow('step delete[0] kind: unsupported kind "Deployment"');
  });
});
