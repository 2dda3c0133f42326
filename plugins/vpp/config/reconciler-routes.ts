/**
 * @module reconcilerRoutes(): `GET /vpp/txns` (the transaction history, `?last=N` for the
 * newest N) and `GET /vpp/state` (every value desired vs applied, pending and failed ones with
 * why, and the foreign objects the last resync saw).
 */
import { Hono } from 'hono';
import type { Reconciler } from './reconciler.ts';

/**
 * The reconciler's REST routes.
 * @example const txns = await (await reconcilerRoutes(rec).request('/vpp/txns?last=5')).json();
 */
export function reconcilerRoutes(rec: Pick<Reconciler, 'history' | 'state'>): Hono {
  const app = new Hono();
  app.get('/vpp/txns', (c) => {
    const all = rec.history();
    const last = Number(c.req.query('last'));
    return c.json(Number.isInteger(last) && last > 0 ? all.slice(-last) : all);
  });
  app.get('/vpp/state', (c) => {
    const state = rec.state();
    const counts: Record<string, number> = {};
    for (const v of state.values) counts[v.status] = (counts[v.status] ?? 0) + 1;
    return c.json({ counts, ...state });
  });
  return app;
}
