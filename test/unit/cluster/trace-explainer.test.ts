import { describe, expect, it } from 'vitest';
import { TraceExplainer, explainAclText } from '../../../cluster/trace-explainer.ts';
import type { AclRuleExplanation, PolicyApi } from '../../../plugins/policy/api.ts';
import type { ServiceApi } from '../../../plugins/service/api.ts';
import type { TraceStep } from '../../../plugins/vpp/sim/tracer/trace.ts';

const explanation: AclRuleExplanation = {
  acl: 'contiv/vpp-policy-T', ruleIndex: 3, rule: 'deny ANY any -> any', table: 'local', tableId: 'T',
  sources: [{ pod: 'y/b', origins: [{ kind: 'isolation', direction: 'ingress', policies: ['y/deny'] }] }],
};
const policy = { explainAclRule: (acl: string, i: number) => (acl === 'contiv/vpp-policy-T' && i === 3 ? explanation : undefined) } as Partial<PolicyApi> as PolicyApi;
const port = { name: 'http', port: 80, protocol: 'TCP', frontends: [{ ip: '10.96.0.2', port: 80, reason: 'no endpoints: refused' }] };
const service = { byTag: (tag: string) => (tag === 'svc:y/web:80' ? { service: { id: 'y/web' }, port } : tag === 'svc:y/web' ? { service: { id: 'y/web' } } : undefined) } as unknown as ServiceApi;
const step = (s: Partial<TraceStep>): TraceStep => ({ node: 'n1', step: 'acl-output', detail: '', packet: '10.1.1.2:40000 → 10.96.0.2:80 TCP SYN', ...s });

describe('TraceExplainer', () => {
  const explainer = new TraceExplainer((node) => (node === 'n1' ? { policy, service } : undefined));

  it('explain() names the policy rules or isolation behind an ACL rule', () => {
    expect(explainer.explain(step({ table: 'contiv/vpp-policy-T', rule: 3 }))).toBe('deny ANY any -> any — y/b: ingress isolation by y/deny');
    expect(explainer.explain(step({ table: 'contiv/vpp-policy-T', rule: 4 }))).toBeUndefined();
    expect(explainer.explain(step({ node: 'n2', table: 'contiv/vpp-policy-T', rule: 3 }))).toBeUndefined();
  });

  it('explain() names the Service port behind a NAT44 mapping, and why a reject mapping rejects', () => {
    expect(explainer.explain(step({ step: 'nat44-out2in', table: 'svc:y/web:80' }))).toBe('Service y/web port http (80/TCP)');
    expect(explainer.explain(step({ step: 'nat44-out2in', table: 'svc:y/web' }))).toBe('Service y/web');
    expect(explainer.explain(step({ step: 'nat44-out2in', table: 'reject:svc:y/web:80' }))).toBe('Service y/web port http (80/TCP): no endpoints: refused');
  });

  it('explainAclText() describes the reflective ACL', () => {
    expect(explainAclText({ ...explanation, table: 'reflection' })).toBe('reflective ACL: replies of connections allowed elsewhere');
  });
});
