import { describe, expect, it } from 'vitest';
import { parseIp4 } from '../../../../plugins/net/ipv4.ts';
import { formatRule } from '../../../../plugins/policy/contiv-rule.ts';
import { PolicyProcessor } from '../../../../plugins/policy/policy-processor.ts';
import { block, cport, ns, pod, policy, port, rule, sel } from './policy-fixtures.ts';

const local = (key: string, ip: string) => ({ key, ip: parseIp4(ip) });

/** Node 1 runs x/web and x/db; y/client runs elsewhere. */
function setup() {
  const p = new PolicyProcessor();
  p.resync({
    namespaces: [ns('x', { team: 'a' }), ns('y', { team: 'b' })],
    pods: [
      pod('x', 'web', '10.1.1.2', { app: 'web' }),
      pod('x', 'db', '10.1.1.3', { app: 'db' }, { ports: [cport(5432, 'pg')] }),
      pod('y', 'client', '10.1.2.2', { app: 'client' }, { node: 'node2' }),
      pod('y', 'other', '10.1.2.3', { app: 'other' }, { node: 'node2' }),
    ],
    policies: [
      policy('x', 'db', { podSelector: sel({ app: 'db' }), ingress: [rule([{ podSelector: sel({ app: 'web' }) }, { namespaceSelector: sel({ team: 'b' }), podSelector: sel({ app: 'client' }) }], [port('TCP', 'pg')])] }),
      policy('x', 'web', { podSelector: sel({ app: 'web' }), ingress: [rule([{ namespaceSelector: sel({ team: 'b' }) }], [port('TCP', 80)])] }),
    ],
  }, [local('x/web', '10.1.1.2'), local('x/db', '10.1.1.3')], []);
  return p;
}

const keys = (changes: { pod: string }[]) => changes.map((c) => c.pod);

describe('PolicyProcessor', () => {
  it('flush() after resync() renders every local pod known to Kubernetes, and nothing else', () => {
    const p = setup();
    const changes = p.flush();
    expect(keys(changes)).toEqual(['x/db', 'x/web']);
    expect(p.policiesOf('x/db')).toEqual(['x/db']);
    expect(p.podRules('x/db')!.ingress.rules.map(formatRule)).toEqual([
      'permit TCP 10.1.1.2/32:* -> any:5432', 'permit TCP 10.1.2.2/32:* -> any:5432', 'deny ANY any -> any',
    ]);
    expect(p.flush()).toEqual([]);
  });

  it('policyChanged() recomputes only the local pods the old or new policy selects', () => {
    const p = setup();
    p.flush();
    p.policyChanged('x/web', policy('x', 'web', { podSelector: sel({ app: 'web' }), ingress: [rule([], [port('TCP', 8080)])] }));
    expect(keys(p.flush())).toEqual(['x/web']);
    expect(p.stats()).toMatchObject({ podsRecomputed: 1, podsChanged: 1 });
    p.policyChanged('x/web', undefined);
    expect(keys(p.flush())).toEqual(['x/web']);
    expect(p.podRules('x/web')!.ingress.rules).toEqual([]);
    p.policyChanged('y/far', policy('y', 'far', {}));
    expect(p.flush()).toEqual([]);
    expect(p.stats().podsRecomputed).toBe(0);
  });

  it('podChanged() of a remote peer re-renders the pods of the policies that select it (old or new)', () => {
    const p = setup();
    p.flush();
    p.podChanged('y/client', pod('y', 'client', '10.1.2.9', { app: 'client' }, { node: 'node2' }));
    expect(keys(p.flush())).toEqual(['x/db', 'x/web']);
    p.podChanged('y/client', pod('y', 'client', '10.1.2.9', { app: 'gone' }, { node: 'node2' }));
    expect(keys(p.flush())).toEqual(['x/db']);
    expect(p.podRules('x/db')!.ingress.rules.map(formatRule)).not.toContain('permit TCP 10.1.2.9/32:* -> any:5432');
  });

  it('podChanged() that does not change what any selector sees recomputes nothing', () => {
    const p = setup();
    p.flush();
    p.podChanged('y/other', { ...pod('y', 'other', '10.1.2.3', { app: 'other' }, { node: 'node2' }), ready: false });
    expect(p.flush()).toEqual([]);
    expect(p.stats().podsRecomputed).toBe(0);
    p.podChanged('z/new', pod('z', 'new', '10.1.3.3', { app: 'client' }, { node: 'node3' }));
    expect(p.flush()).toEqual([]);
  });

  it('podChanged() makes a pod without IP a peer only once it has one', () => {
    const p = setup();
    p.flush();
    p.podChanged('y/late', pod('y', 'late', undefined, { app: 'late' }, { node: 'node2' }));
    expect(p.flush()).toEqual([]);
    p.podChanged('y/late', pod('y', 'late', '10.1.2.7', { app: 'late' }, { node: 'node2' }));
    expect(keys(p.flush())).toEqual(['x/web']);
    expect(p.podRules('x/web')!.ingress.rules.map(formatRule)).toContain('permit TCP 10.1.2.7/32:* -> any:80');
  });

  it('podChanged() patches the peer sets of resolved policies: same rules and origins as resolving again, no policy resolved', () => {
    // Rule 1 has the block, rule 0 selects the pod that arrives at that address: its permit joins the block's, origins in rule order.
    const state = {
      namespaces: [ns('x')],
      pods: [pod('x', 'web', '10.1.1.2', { app: 'web' }), pod('x', 'a', '10.1.2.5', { app: 'a' }, { node: 'node2' })],
      policies: [
        policy('x', 'web', {
          podSelector: sel({ app: 'web' }),
          ingress: [rule([{ podSelector: sel({ app: 'b' }) }], [port('TCP', 80), port('UDP', 53)]), rule([block('10.1.2.5/32'), { podSelector: sel({ app: 'a' }) }], [port('TCP', 80)])],
        }),
      ],
    };
    const p = new PolicyProcessor();
    p.resync(state, [local('x/web', '10.1.1.2')], []);
    p.flush();
    const b = pod('x', 'b', '10.1.2.5', { app: 'b' }, { node: 'node2' });
    const moved = pod('x', 'a', '10.1.2.6', { app: 'a' }, { node: 'node2' });
    p.podChanged('x/b', b);
    p.podChanged('x/a', moved);
    expect(keys(p.flush())).toEqual(['x/web']);
    expect(p.stats().policiesResolved).toBe(0);
    const fresh = new PolicyProcessor();
    fresh.resync({ ...state, pods: [state.pods[0]!, moved, b] }, [local('x/web', '10.1.1.2')], []);
    fresh.flush();
    expect(p.podRules('x/web')).toEqual(fresh.podRules('x/web'));
    const origins = p.podRules('x/web')!.ingress.origins.map((o) => o.map((x) => (x.kind === 'policy' ? x.ref.rule : x.kind)));
    expect(origins[p.podRules('x/web')!.ingress.rules.findIndex((r) => formatRule(r) === 'permit TCP 10.1.2.5/32:* -> any:80')]).toEqual([0, 1]);
    p.podChanged('x/b', undefined);
    p.flush();
    fresh.podChanged('x/b', undefined);
    fresh.flush();
    expect(p.podRules('x/web')).toEqual(fresh.podRules('x/web'));
  });

  it('podChanged() patches the rule lists of pods under several patched policies in policy order, as a rebuild would', () => {
    const allowC = (name: string) => policy('x', name, { podSelector: sel({ app: 'web' }), ingress: [rule([{ podSelector: sel({ app: 'c' }) }], [port('TCP', 80)])] });
    const state = { namespaces: [ns('x')], pods: [pod('x', 'web', '10.1.1.2', { app: 'web' })], policies: [allowC('b'), allowC('a')] };
    const p = new PolicyProcessor();
    p.resync(state, [local('x/web', '10.1.1.2')], [parseIp4('192.168.16.1')]);
    p.flush();
    const c = pod('x', 'c', '10.1.2.5', { app: 'c' }, { node: 'node2' });
    p.podChanged('x/c', c);
    p.flush();
    expect(p.stats().policiesResolved).toBe(0);
    const fresh = new PolicyProcessor();
    fresh.resync({ ...state, pods: [...state.pods, c] }, [local('x/web', '10.1.1.2')], [parseIp4('192.168.16.1')]);
    fresh.flush();
    expect(p.podRules('x/web')).toEqual(fresh.podRules('x/web'));
    const i = p.podRules('x/web')!.ingress.rules.findIndex((r) => formatRule(r) === 'permit TCP 10.1.2.5/32:* -> any:80');
    expect(p.podRules('x/web')!.ingress.origins[i]!.map((o) => (o.kind === 'policy' ? o.ref.policy : o.kind))).toEqual(['x/a', 'x/b']);
  });

  it('namespaceChanged() re-renders the targets of policies whose namespaceSelector flips for it', () => {
    const p = setup();
    p.flush();
    p.namespaceChanged('y', ns('y', { team: 'b', extra: '1' }));
    expect(p.flush()).toEqual([]);
    expect(p.stats().podsRecomputed).toBe(0);
    p.namespaceChanged('y', ns('y', { team: 'c' }));
    expect(keys(p.flush())).toEqual(['x/db', 'x/web']);
    expect(p.podRules('x/web')!.ingress.rules.map(formatRule)).toEqual(['deny ANY any -> any']);
  });

  it('podChanged() of a local pod re-targets it when its labels change', () => {
    const p = setup();
    p.flush();
    p.podChanged('x/web', pod('x', 'web', '10.1.1.2', { app: 'db' }, { ports: [cport(5432, 'pg')] }));
    const changes = p.flush();
    expect(keys(changes)).toEqual(['x/db', 'x/web']);
    expect(p.policiesOf('x/web')).toEqual(['x/db']);
  });

  it('localPodChanged() renders a pod wired here and drops one that left (moved to another node)', () => {
    const p = setup();
    p.flush();
    p.podChanged('x/new', pod('x', 'new', '10.1.1.9', { app: 'web' }));
    expect(keys(p.flush())).toEqual(['x/db']);
    p.localPodChanged('x/new', local('x/new', '10.1.1.9'));
    expect(keys(p.flush())).toEqual(['x/new']);
    p.localPodChanged('x/web', undefined);
    const changes = p.flush();
    expect(changes).toEqual([{ pod: 'x/web' }]);
    expect(p.podRules('x/web')).toBeUndefined();
  });

  it('nodeAddressesChanged() recomputes every local pod and adds the node exception to isolated ones', () => {
    const p = setup();
    p.flush();
    p.nodeAddressesChanged([parseIp4('192.168.16.1')]);
    expect(keys(p.flush())).toEqual(['x/db', 'x/web']);
    expect(p.podRules('x/web')!.ingress.rules.map(formatRule)).toContain('permit ANY 192.168.16.1/32 -> any');
  });

  it('issues() and unresolvedNamedPorts() report bad and dangling policy parts per policy', () => {
    const p = setup();
    p.policyChanged('x/bad', policy('x', 'bad', { podSelector: sel({ app: 'web' }), ingress: [rule([block('300.0.0.0/8')], [port('TCP', 'nope')])] }));
    p.flush();
    expect(p.issues().map((e) => `${e.source} ${e.field}`)).toEqual(['policy x/bad spec.ingress[0].from[0].ipBlock.cidr']);
    expect(p.unresolvedNamedPorts()).toEqual([{ policy: 'x/bad', rule: 'ingress[0]', port: 'nope' }]);
  });
});
