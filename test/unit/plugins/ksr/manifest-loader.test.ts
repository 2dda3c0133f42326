import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadManifests, parseManifestText } from '../../../../plugins/ksr/manifest-loader.ts';

const POD_OK = `apiVersion: v1
kind: Pod
metadata: { name: ok, namespace: a, labels: { app: x } }
`;

describe('loadManifests', () => {
  const dirs: string[] = [];
  const dir = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'contiv-manifests-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('loadManifests() reads every example manifest without error', async () => {
    const set = await loadManifests(['examples/manifests']);
    expect(set.errors).toEqual([]);
    const count = (kind: string) => set.objects.filter((o) => o.kind === kind).length;
    expect([count('namespace'), count('node'), count('pod'), count('service'), count('endpoints'), count('endpointslice'), count('policy')])
      .toEqual([3, 2, 6, 4, 1, 1, 5]);
    expect(set.objects[0]!.source).toBe('examples/manifests/00-namespaces.yaml document 0 (Namespace shop)');
    expect(set.objects.find((o) => o.kind === 'endpointslice')!.source).toBe('examples/manifests/21-endpoints.json document 0 items[1] (EndpointSlice shop/cart-x7d2k)');
  });

  it('loadManifests() reads a directory in name order, skipping other files', async () => {
    const d = dir();
    writeFileSync(join(d, 'b.yml'), POD_OK.replace('name: ok', 'name: b'));
    writeFileSync(join(d, 'a.json'), JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } }));
    writeFileSync(join(d, 'notes.txt'), 'not a manifest');
    const set = await loadManifests([d]);
    expect(set.objects.map((o) => o.id)).toEqual(['a', 'a/b']);
  });

  it('loadManifests() reports a missing path and keeps the others', async () => {
    const set = await loadManifests(['does/not/exist.yaml', 'examples/manifests/00-namespaces.yaml']);
    expect(set.errors.map((e) => e.message)).toEqual([expect.stringMatching(/^does\/not\/exist.yaml: cannot read/)]);
    expect(set.objects).toHaveLength(3);
  });

  it('loadManifests() reports an object defined twice', async () => {
    const d = dir();
    writeFileSync(join(d, 'a.yaml'), `${POD_OK}---\n${POD_OK}`);
    const set = await loadManifests([d]);
    expect(set.errors.map((e) => e.message)).toEqual([expect.stringContaining('document 1 (Pod a/ok) metadata.name: the same object is already defined at')]);
  });
});

describe('parseManifestText', () => {
  it('parseManifestText() names the file and document of malformed YAML and still reads the other documents', () => {
    const set = parseManifestText(`${POD_OK}---\nkind: Pod\nmetadata: { name: [unclosed\n---\n${POD_OK.replace('name: ok', 'name: ok2')}`, 'm.yaml');
    expect(set.objects.map((o) => o.id)).toEqual(['a/ok', 'a/ok2']);
    expect(set.errors).toHaveLength(1);
    expect(set.errors[0]!.source).toBe('m.yaml document 1');
    expect(set.errors[0]!.detail).toMatch(/^invalid YAML/);
  });

  it.each([
    ['a policy with an invalid CIDR', `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: p, namespace: n }
spec:
  podSelector: {}
  ingress: [{ from: [{ ipBlock: { cidr: 10.0.0.0/99 } }] }]
`, 'm.yaml document 1 (NetworkPolicy n/p)', 'spec.ingress[0].from[0].ipBlock.cidr'],
    ['a policy with an unknown operator', `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: p }
spec:
  podSelector: { matchExpressions: [{ key: app, operator: Equals, values: [x] }] }
`, 'm.yaml document 1 (NetworkPolicy p)', 'spec.podSelector.matchExpressions[0].operator'],
    ['a pod with a bad label', `apiVersion: v1
kind: Pod
metadata: { name: bad, namespace: n, labels: { "app name": web } }
`, 'm.yaml document 1 (Pod n/bad)', 'metadata.labels["app name"]'],
    ['an unsupported kind', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: d, namespace: n }\n', 'm.yaml document 1 (Deployment n/d)', 'kind'],
    ['a wrong apiVersion', 'apiVersion: extensions/v1beta1\nkind: NetworkPolicy\nmetadata: { name: p }\nspec: {}\n', 'm.yaml document 1 (NetworkPolicy p)', 'apiVersion'],
    ['a scalar document', '42\n', 'm.yaml document 1', ''],
  ])('parseManifestText() reports %s naming file, document, object and field, and keeps the valid documents', (_what, doc, source, fieldPath) => {
    const set = parseManifestText(`${POD_OK}---\n${doc}`, 'm.yaml');
    expect(set.objects.map((o) => o.id)).toEqual(['a/ok']);
    expect(set.errors.map((e) => [e.source, e.field])).toEqual([[source, fieldPath]]);
  });

  it('parseManifestText() expands kind: List and fills in the default namespace', () => {
    const set = parseManifestText(JSON.stringify({
      apiVersion: 'v1', kind: 'List',
      items: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80 }] } }],
    }), 'l.json');
    expect(set.objects.map((o) => [o.source, o.key])).toEqual([['l.json document 0 items[0] (Service s)', '/vnf-agent/contiv-ksr/k8s/service/s/namespace/default']]);
    expect(set.objects[0]!.json).toMatchObject({ metadata: { name: 's', namespace: 'default' } });
  });
});
