/**
 * @module serviceRoutes(): `GET /services` (every Service as this node implements it, and the
 * SNAT decision) and `GET /services/:namespace/:name`.
 */
import { Hono } from 'hono';
import type { ServiceApi } from './api.ts';

/**
 * The service plugin's REST routes.
 * @example const body = await (await serviceRoutes(api).request('/services')).json();
 */
export function serviceRoutes(api: ServiceApi): Hono {
  const app = new Hono();
  app.get('/services', (c) => c.json({ snat: api.snat(), services: api.services() }));
  app.get('/services/:namespace/:name', (c) => {
    const id = `${c.req.param('namespace')}/${c.req.param('name')}`;
    const model = api.service(id);
    return model ? c.json(model) : c.json({ name: 'NotFound', message: `no service ${id}` }, 404);
  });
  return app;
}
