/** @module logRoutes(): `GET /log/list` and `PUT /log/:logger/:level`, the run-time log levels. */
import { Hono } from 'hono';
import type { LogRegistry } from '../log/log-registry.ts';

/**
 * Routes over a log registry. An unknown level answers 400 (via the app's error handler).
 * @example await logRoutes(logs).request('/log/policy/debug', { method: 'PUT' });
 */
export function logRoutes(logs: LogRegistry): Hono {
  const app = new Hono();
  app.get('/log/list', (c) => c.json(logs.list()));
  app.put('/log/:logger/:level', (c) => {
    const { logger, level } = c.req.param();
    logs.setLevel(logger, level);
    return c.json({ logger, level: logs.level(logger) });
  });
  return app;
}
