import { describe, expect, it } from 'vitest';
import { checkPolicy } from '../../../../plugins/policy/checked-policy.ts';
import { PolicyCache } from '../../../../plugins/policy/policy-cache.ts';
import { peerSelectsPod, resolvePolicy } from '../../../../plugins/policy/policy-resolver.ts';
import { cport, ns, pod, policy, req, rule, sel } from './policy-fixtures.ts';

function cluster(): PolicyCache {
  const c = new PolicyCache();
  c.putNamespace(ns('x', { team: 'a' }));
  c.putNamespace(ns('y', { team: 'b' }));
  c.putNamespace(ns('kube-system'));
  c.putPod(pod('x', 'a', '10.1.1.2', { app: 'a' }));
  c.putPod(pod('x', 'b', '10.1.1.3', { app: 'b' }, { ports: [cport(8080, 'http')] }));
  c.putPod(pod('y', 'a', '10.1.2.2', { app: 'a' }, { ports: [cport(80, 'http')] }));
  c.putPod(pod('kube-system', 'dns', '10.1.2.9', {}));
  c.putPod(pod('y', 'pending', undefined, { app: 'a' }));
  return c;
}

const peersOf = (c: PolicyCache, peer: Parameters<typeof rule>[0]) =>
  resolvePolicy(checkPolicy(policy('x', 'p', { ingress: [rule(peer)] })), c).ingress![0]!.pods.map((p) => p.key);

describe('resolvePolicy', () => {
  it('resolvePolicy() scopes a podSelector-only peer to the policy namespace', () => {
    expect(peersOf(cluster(), [{ podSelector: sel({ app: 'a' }) }])).toEqual(['x/a']);
  });
  it('resolvePolicy() selects all pods of matching namespaces for a namespaceSelector-only peer (expressions too)', () => {
    expect(peersOf(cluster(), [{ namespaceSelector: sel({}, req('team', 'In', 'b', 'c')) }])).toEqual(['y/a']);
  });
  it('resolvePolicy() selects every namespace, kube-system included, for an empty namespaceSelector', () => {
    expect(peersOf(cluster(), [{ namespaceSelector: sel() }])).toEqual(['kube-system/dns', 'x/a', 'x/b', 'y/a']);
  });
  it('resolvePolicy() ANDs podSelector and namespaceSelector given in one peer', () => {
    expect(peersOf(cluster(), [{ podSelector: sel({ app: 'a' }), namespaceSelector: sel({ team: 'b' }) }])).toEqual(['y/a']);
  });
  it('resolvePolicy() leaves out pods without an IP and deduplicates pods selected by several peers', () => {
    expect(peersOf(cluster(), [{ namespaceSelector: sel() , podSelector: sel({ app: 'a' }) }, { podSelector: sel() }])).toEqual(['x/a', 'x/b', 'y/a']);
  });
  it('resolvePolicy() collects every pod having a named port for a peer-less egress rule', () => {
    const p = resolvePolicy(checkPolicy(policy('x', 'p', { egress: [rule([], [{ protocol: 'TCP', port: 'http' }])] })), cluster());
    expect(p.egress![0]!.namedPortPods.map((x) => x.key)).toEqual(['x/b', 'y/a']);
  });
  it('peerSelectsPod() answers for one pod the way resolvePolicy() selects', () => {
    const c = cluster();
    const peer = checkPolicy(policy('x', 'p', { ingress: [rule([{ namespaceSelector: sel({ team: 'b' }) }])] })).ingress![0]!.peers[0]!;
    expect(peerSelectsPod('x', peer, c.pod('y/a')!, c.namespaceLabels('y'))).toBe(true);
    expect(peerSelectsPod('x', peer, c.pod('x/a')!, c.namespaceLabels('x'))).toBe(false);
    expect(peerSelectsPod('x', peer, c.pod('y/pending')!, c.namespaceLabels('y'))).toBe(false);
  });
});
