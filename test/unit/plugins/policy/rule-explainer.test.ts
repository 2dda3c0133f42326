import { describe, expect, it } from 'vitest';
import { AclRenderer } from '../../../../plugins/policy/acl-renderer.ts';
import { formatRule } from '../../../../plugins/policy/contiv-rule.ts';
import { PolicyPipeline } from '../../../../plugins/policy/policy-pipeline.ts';
import { explainGlobalRule, explainLocalRule } from '../../../../plugins/policy/rule-explainer.ts';
import { StateTxn } from '../../../oracle/state-txn.ts';
import { FakePolicyNode } from './node-fixture.ts';
import { ns, pod, policy, port, rule, sel } from './policy-fixtures.ts';

function setup() {
  const node = new FakePolicyNode();
  node.wire('x', 'web', '10.1.1.2');
  node.wire('x', 'db', '10.1.1.3');
  const p = new PolicyPipeline(node);
  p.resync({
    namespaces: [ns('x')],
    pods: [pod('x', 'web', '10.1.1.2', { app: 'web' }), pod('x', 'db', '10.1.1.3', { app: 'db' })],
    policies: [
      policy('x', 'db-in', { podSelector: sel({ app: 'db' }), ingress: [rule([{ podSelector: sel({ app: 'web' }) }], [port('TCP', 5432), port('TCP', 80)])] }),
      policy('x', 'web-out', { podSelector: sel({ app: 'web' }), policyTypes: ['Egress'], egress: [rule([{ podSelector: sel({ app: 'db' }) }], [port('TCP', 5432)])] }),
    ],
  }, new StateTxn());
  const cache = (p.renderers()[0] as AclRenderer).cache;
  return { p, cache };
}

describe('explainLocalRule', () => {
  it('explainLocalRule() traces a combined rule to both pods\' policy rules', () => {
    const { cache } = setup();
    const t = cache.tableOf('x/db')!;
    expect(t.rules.map(formatRule)).toEqual([
      'permit TCP 10.1.1.2/32:* -> any:5432', 'deny TCP 10.1.1.2/32:* -> any:*', 'deny ANY 10.1.1.2/32 -> any', 'deny ANY any -> any',
    ]);
    const e = explainLocalRule(cache, t.id, 0)!;
    expect(e.sources).toEqual([{
      pod: 'x/db',
      origins: [{ kind: 'policy', ref: { policy: 'x/db-in', direction: 'ingress', rule: 0 } }],
      peer: { pod: 'x/web', origins: [{ kind: 'policy', ref: { policy: 'x/web-out', direction: 'egress', rule: 0 } }] },
      note: 'combined: allowed only where both pods allow it',
    }]);
    const deny = explainLocalRule(cache, t.id, 1)!;
    expect(deny.sources[0]!.peer?.origins).toEqual([{ kind: 'isolation', direction: 'egress', policies: ['x/web-out'] }]);
    expect(explainLocalRule(cache, t.id, 3)!.sources).toEqual([{ pod: 'x/db', origins: [{ kind: 'isolation', direction: 'ingress', policies: ['x/db-in'] }] }]);
    expect(explainLocalRule(cache, t.id, 99)).toBeUndefined();
    expect(explainLocalRule(cache, 'nope', 0)).toBeUndefined();
  });

  it('explainGlobalRule() traces a global rule to the pod and policy rule behind it', () => {
    const { cache } = setup();
    const g = cache.globalTable();
    expect(g.map(formatRule)).toEqual(['permit TCP 10.1.1.2/32:* -> 10.1.1.3/32:5432', 'deny ANY 10.1.1.2/32 -> any', 'permit ANY any -> any']);
    expect(explainGlobalRule(cache, 0)!.sources).toEqual([{ pod: 'x/web', origins: [{ kind: 'policy', ref: { policy: 'x/web-out', direction: 'egress', rule: 0 } }] }]);
    expect(explainGlobalRule(cache, 2)!.sources[0]!.note).toMatch(/allowed/);
  });
});
