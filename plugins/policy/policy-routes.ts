/**
 * @module policyRoutes(): `GET /policy/tables` (every renderer's tables, local pods' rules,
 * policy problems), `GET /policy/explain?acl=NAME&rule=N` (provenance of one ACL rule) and
 * `GET /policy/pods/:namespace/:name` (the policies selecting a local pod).
 */
import { Hono } from 'hono';
import type { PolicyApi } from './api.ts';

/**
 * The policy plugin's REST routes.
 * @example const body = await (await policyRoutes(api).request('/policy/tables')).json();
 */
export function policyRoutes(api: PolicyApi): Hono {
  const app = new Hono();
  app.get('/policy/tables', (c) => c.json(api.tables()));
  app.get('/policy/explain', (c) => {
    const acl = c.req.query('acl');
    const rule = Number(c.req.query('rule'));
    if (!acl || !Number.isInteger(rule) || rule < 0) {
      return c.json({ name: 'BadInputError', message: 'query needs acl=<ACL name> and rule=<index from 0>' }, 400);
    }
    const e = api.explainAclRule(acl, rule);
    return e ? c.json(e) : c.json({ name: 'NotFound', message: `no rule ${rule} in policy ACL ${acl}` }, 404);
  });
  app.get('/policy/pods/:namespace/:name', (c) => {
    const pod = `${c.req.param('namespace')}/${c.req.param('name')}`;
    return c.json({ pod, policies: api.policiesOf(pod) });
  });
  return app;
}
