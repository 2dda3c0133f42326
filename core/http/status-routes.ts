/** @module statusRoutes(): `GET /status`, the agent state, plugins with their status and boot timings. */
import { Hono } from 'hono';
import type { StatusView } from '../status/status-view.ts';

/**
 * The status route.
 * @example const body = await (await statusRoutes(() => agent.status()).request('/status')).json();
 */
export function statusRoutes(view: () => StatusView): Hono {
  const app = new Hono();
  app.get('/status', (c) => c.json(view()));
  return app;
}
