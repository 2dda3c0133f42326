/** @module eventRoutes(): `GET /events` (the event history) and `POST /resync` (resync on demand). */
import { Hono } from 'hono';
import { errorToJSON } from '../errors.ts';
import type { Datasync } from './datasync.ts';

/**
 * The event-loop routes. `POST /resync` answers once the resync is done: 200 with the event
 * record, or 503 when the store could not be read.
 * @example const events = await (await eventRoutes(datasync).request('/events')).json();
 */
export function eventRoutes(datasync: Datasync): Hono {
  const app = new Hono();
  app.get('/events', (c) => c.json(datasync.history()));
  app.post('/resync', async (c) => {
    try {
      await datasync.resync('request');
    } catch (err: unknown) {
      return c.json({ ok: false, error: errorToJSON(err) }, 503);
    }
    const last = [...datasync.history()].reverse().find((e) => e.kind === 'resync');
    return c.json({ ok: true, event: last });
  });
  return app;
}
