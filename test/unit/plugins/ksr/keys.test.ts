import { describe, expect, it } from 'vitest';
import { K8S_PREFIX, ksrKey, parseKsrKey } from '../../../../plugins/ksr/keys.ts';

describe('parseKsrKey', () => {
  it('parseKsrKey() reads namespaced and cluster keys of the original layout', () => {
    expect(parseKsrKey(`${K8S_PREFIX}pod/web-1/namespace/default`)).toEqual({ kind: 'pod', name: 'web-1', namespace: 'default', id: 'default/web-1' });
    expect(parseKsrKey(`${K8S_PREFIX}endpointslice/s-1/namespace/ns`)).toMatchObject({ kind: 'endpointslice', id: 'ns/s-1' });
    expect(parseKsrKey(`${K8S_PREFIX}namespace/prod`)).toEqual({ kind: 'namespace', name: 'prod', id: 'prod' });
    expect(parseKsrKey(`${K8S_PREFIX}node/node-1`)).toEqual({ kind: 'node', name: 'node-1', id: 'node-1' });
  });

  it.each([
    `${K8S_PREFIX}pod/web-1`,
    `${K8S_PREFIX}pod/web-1/ns/default`,
    `${K8S_PREFIX}pod/web-1/namespace/default/x`,
    `${K8S_PREFIX}namespace/a/b`,
    `${K8S_PREFIX}deployment/x/namespace/y`,
    `${K8S_PREFIX}node/`,
    '/vnf-agent/other/k8s/pod/a/namespace/b',
  ])('parseKsrKey() rejects %s naming the key', (key) => {
    expect(() => parseKsrKey(key)).toThrow(expect.objectContaining({ source: key, field: 'key' }));
  });

  it('ksrKey() builds what parseKsrKey() reads back', () => {
    expect(parseKsrKey(ksrKey('policy', 'deny', 'prod'))).toMatchObject({ kind: 'policy', name: 'deny', namespace: 'prod' });
    expect(ksrKey('node', 'n1')).toBe(`${K8S_PREFIX}node/n1`);
    expect(() => ksrKey('pod', 'a')).toThrow(/needs a namespace/);
    expect(() => ksrKey('pod', 'a/b', 'ns')).toThrow(/cannot be a key part/);
  });
});
