import { describe, expect, it } from 'vitest';
import type { PolicyApi } from '../../../../plugins/policy/api.ts';
import { policyRoutes } from '../../../../plugins/policy/policy-routes.ts';

const api: PolicyApi = {
  tables: () => ({ renderers: [], pods: [], issues: [] }),
  explainAclRule: (acl, i) => (acl === 'contiv/vpp-policy-GLOBAL' && i === 0 ? { acl, ruleIndex: 0, rule: 'permit ANY any -> any', table: 'global', sources: [] } : undefined),
  policiesOf: (pod) => (pod === 'x/a' ? ['x/p'] : []),
  issues: () => [],
};

describe('policyRoutes', () => {
  it('GET /policy/tables returns the tables view', async () => {
    const res = await policyRoutes(api).request('/policy/tables');
    expect(await res.json()).toEqual({ renderers: [], pods: [], issues: [] });
  });
  it('GET /policy/explain answers 200, 404 for an unknown rule and 400 for a bad query', async () => {
    const app = policyRoutes(api);
    expect((await (await app.request('/policy/explain?acl=contiv/vpp-policy-GLOBAL&rule=0')).json() as { table: string }).table).toBe('global');
    expect((await app.request('/policy/explain?acl=contiv/vpp-policy-GLOBAL&rule=5')).status).toBe(404);
    expect((await app.request('/policy/explain?acl=x&rule=-1')).status).toBe(400);
  });
  it('GET /policy/pods/:namespace/:name lists the policies selecting a pod', async () => {
    expect(await (await policyRoutes(api).request('/policy/pods/x/a')).json()).toEqual({ pod: 'x/a', policies: ['x/p'] });
  });
});
