/** @module AgentApp: the agent's Hono app; plugins mount their routes on it (HTTP_ROUTES) during init. */
import { Hono } from 'hono';
import { BadInputError, ContivError, errorToJSON, RoutesSealedError } from '../errors.ts';
import type { Logger } from '../log/logger.ts';
import type { HttpRoutes } from './http-routes.ts';

/**
 * The REST app of one agent. Route errors become JSON: bad input is a 400 with the error's
 * context, other agent errors a 500 with theirs, anything else a bare 500 (logged).
 * @example
 * const app = new AgentApp(log);
 * app.mount('/', healthRoutes(probe));
 * const res = await app.fetch(new Request('http://agent/health/live'));
 */
export class AgentApp implements HttpRoutes {
  readonly hono = new Hono();
  #sealed = false;

  constructor(private readonly log: Logger) {
    this.hono.onError((err, c) => {
      if (err instanceof BadInputError) return c.json(err.toJSON(), 400);
      this.log.error('request failed', { method: c.req.method, path: c.req.path, error: errorToJSON(err) });
      if (err instanceof ContivError) return c.json(err.toJSON(), 500);
      return c.json({ name: 'InternalError', message: 'internal error' }, 500);
    });
    this.hono.notFound((c) => c.json({ name: 'NotFound', message: `no route ${c.req.method} ${c.req.path}` }, 404));
  }

  /**
   * Mounts `app` under `path`.
   * @throws {RoutesSealedError} Once the app has answered a request (Hono's router is built then).
   */
  mount(path: string, app: Hono): void {
    if (this.#sealed) throw new RoutesSealedError(path);
    this.hono.route(path, app);
  }

  /** Answers a request (the first one seals the routes). */
  fetch = (request: Request): Promise<Response> => {
    this.#sealed = true;
    return Promise.resolve(this.hono.fetch(request));
  };
}
