import { describe, expect, it } from 'vitest';
import { objectKey, PolicyCache } from '../../../../plugins/policy/policy-cache.ts';
import { cport, ns, pod, policy, req, sel } from './policy-fixtures.ts';

describe('PolicyCache', () => {
  it('namespaceLabels() adds kubernetes.io/metadata.name, also for namespaces without an object', () => {
    const c = new PolicyCache();
    c.putNamespace(ns('prod', { env: 'prod' }));
    expect(c.namespaceLabels('prod')).toEqual({ env: 'prod', 'kubernetes.io/metadata.name': 'prod' });
    expect(c.namespaceLabels('ghost')).toEqual({ 'kubernetes.io/metadata.name': 'ghost' });
    expect(c.deleteNamespace('prod')).toEqual({ env: 'prod', 'kubernetes.io/metadata.name': 'prod' });
  });
  it('selectPodsInNamespace() uses structured label keys (keys with "/" stay unambiguous)', () => {
    const c = new PolicyCache();
    c.putPod(pod('a', 'p1', '10.1.1.2', { 'x/y': 'z' }));
    c.putPod(pod('a', 'p2', '10.1.1.3', { x: 'y/z' }));
    c.putPod(pod('a/x', 'p3', '10.1.1.4', { y: 'z' }));
    expect(c.selectPodsInNamespace('a', sel({ 'x/y': 'z' })).map(objectKey)).toEqual(['a/p1']);
    expect(c.selectPodsInNamespace('a', sel({ x: 'y/z' })).map(objectKey)).toEqual(['a/p2']);
  });
  it('selectPodsInNamespace() skips pods without IP, host-network and finished pods', () => {
    const c = new PolicyCache();
    c.putPod(pod('a', 'ok', '10.1.1.2'));
    c.putPod(pod('a', 'noip', undefined));
    c.putPod(pod('a', 'host', '192.168.16.1', {}, { hostNetwork: true }));
    c.putPod({ ...pod('a', 'done', '10.1.1.9'), phase: 'Succeeded' });
    expect(c.selectPodsInNamespace('a', sel()).map(objectKey)).toEqual(['a/ok']);
    expect(c.peerPod('a/ok')?.ip).toBe(0x0a010102);
    expect(c.peerPod('a/noip')).toBeUndefined();
  });
  it('putPod() re-indexes labels and named ports on update; deletePod() forgets them', () => {
    const c = new PolicyCache();
    c.putPod(pod('a', 'p', '10.1.1.2', { app: 'x' }, { ports: [cport(80, 'http')] }));
    c.putPod(pod('a', 'p', '10.1.1.2', { app: 'y' }, { ports: [cport(81, 'web')] }));
    expect(c.selectPodsInNamespace('a', sel({ app: 'x' }))).toEqual([]);
    expect(c.selectPodsInNamespace('a', sel({ app: 'y' })).map(objectKey)).toEqual(['a/p']);
    expect(c.podsWithPortName('http')).toEqual([]);
    expect(c.podsWithPortName('web').map(objectKey)).toEqual(['a/p']);
    c.deletePod('a/p');
    expect(c.selectPodsInNamespace('a', sel())).toEqual([]);
    expect(c.podsWithPortName('web')).toEqual([]);
  });
  it('selectNamespaces() evaluates expressions on namespace labels, kube-system included', () => {
    const c = new PolicyCache();
    c.putNamespace(ns('kube-system'));
    c.putNamespace(ns('prod', { env: 'prod' }));
    c.putPod(pod('dev', 'p', '10.1.1.2'));
    expect(c.selectNamespaces(sel())).toEqual(['dev', 'kube-system', 'prod']);
    expect(c.selectNamespaces(sel({}, req('env', 'NotIn', 'prod')))).toEqual(['dev', 'kube-system']);
    expect(c.selectNamespaces(sel({}, req('kubernetes.io/metadata.name', 'In', 'dev', 'prod')))).toEqual(['dev', 'prod']);
  });
  it('policiesInNamespace() follows puts and deletes', () => {
    const c = new PolicyCache();
    c.putPolicy(policy('a', 'p1', {}));
    c.putPolicy(policy('b', 'p2', {}));
    expect([...c.policiesInNamespace('a')].map(objectKey)).toEqual(['a/p1']);
    c.deletePolicy('a/p1');
    expect([...c.policiesInNamespace('a')]).toEqual([]);
    expect(c.policy('b/p2')?.name).toBe('p2');
  });
});
