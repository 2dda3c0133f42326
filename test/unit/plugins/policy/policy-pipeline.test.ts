import { describe, expect, it } from 'vitest';
import { PolicyPipeline } from '../../../../plugins/policy/policy-pipeline.ts';
import type { Acl, SessionRule } from '../../../../plugins/vpp/model.ts';
import { StateTxn } from '../../../oracle/state-txn.ts';
import { FakePolicyNode } from './node-fixture.ts';
import { ns, pod, policy, rule, sel } from './policy-fixtures.ts';

const state = {
  namespaces: [ns('x')],
  pods: [pod('x', 'a', '10.1.1.2', { app: 'a' }), pod('x', 'b', '10.1.1.3', { app: 'b' })],
  policies: [policy('x', 'a', { podSelector: sel({ app: 'a' }), ingress: [rule([{ podSelector: sel({ app: 'b' }) }])] })],
};

describe('PolicyPipeline', () => {
  it('resync() twice over the same state puts identical values', () => {
    const node = new FakePolicyNode();
    node.wire('x', 'a', '10.1.1.2', 3);
    const p = new PolicyPipeline(node, { renderers: ['acl', 'vpptcp'] });
    const txn = new StateTxn();
    p.resync(state, txn);
    const first = txn.take();
    p.resync(state, txn);
    expect(txn.take()).toEqual(first);
    expect(first.every((o) => o.op === 'put')).toBe(true);
    expect(txn.values<Acl>('vpp/acl/').length).toBe(2);
    expect(txn.values<SessionRule>('vpp/session/rule/').length).toBeGreaterThan(0);
  });

  it('applyKsrChanges() ignores other kinds and puts nothing for an unrelated change', () => {
    const node = new FakePolicyNode();
    node.wire('x', 'a', '10.1.1.2');
    const p = new PolicyPipeline(node);
    const txn = new StateTxn();
    p.resync(state, txn);
    txn.take();
    p.applyKsrChanges([{ kind: 'service', key: 'k8s/service/s/namespace/x', id: 'x/s' }], txn);
    p.applyKsrChanges([{ kind: 'pod', key: 'k8s/pod/c/namespace/x', id: 'x/c', value: pod('x', 'c', '10.1.2.5', { app: 'c' }, { node: 'node2' }) }], txn);
    expect(txn.take()).toEqual([]);
  });

  it('nodeChanged() re-reads the outbound interfaces and node addresses', () => {
    const node = new FakePolicyNode();
    node.wire('x', 'a', '10.1.1.2');
    const p = new PolicyPipeline(node);
    const txn = new StateTxn();
    p.resync({ ...state, policies: [policy('x', 'out', { podSelector: sel({ app: 'a' }), policyTypes: ['Egress'], egress: [rule()] }), policy('x', 'deny', { podSelector: sel({ app: 'a' }), policyTypes: ['Egress'] })] }, txn);
    txn.take();
    node.outbound = ['GbE'];
    node.addresses = ['192.168.16.1'];
    p.nodeChanged(txn);
    const ops = txn.take().map((o) => `${o.op} ${o.key}`);
    expect(ops).toEqual([]);
    p.resync({ ...state, policies: [policy('x', 'deny', { podSelector: sel({ app: 'a' }), policyTypes: ['Egress'] })] }, txn);
    txn.take();
    node.outbound = ['GbE', 'host-ic'];
    node.addresses = ['192.168.16.9'];
    p.nodeChanged(txn);
    const global = txn.values<Acl>('vpp/acl/contiv/vpp-policy-GLOBAL')[0]!;
    expect(global.egress).toEqual(['GbE', 'host-ic']);
    expect(global.rules.some((r) => r.dst === '192.168.16.9/32' && r.action === 'permit')).toBe(true);
  });
});
