/**
 * @module traceRoutes(): `GET /trace?from=&to=&port=&protocol=` (one probe, explained),
 * `GET /reachability[?port=&protocol=]` (the matrix of this node's pods), and the reachability
 * page at `/` with its script and style under `/trace-ui/`. Bad parameters answer 400 (the app's
 * error handler renders the BadInputError), an agent that cannot trace answers 501.
 */
import { Hono, type Context } from 'hono';
import { parseProbeQuery } from './probe-query.ts';
import { parseReachabilityQuery, type Reachability } from './reachability.ts';
import { TraceUnavailableError } from './trace-errors.ts';
import type { TraceResult } from './trace-result.ts';
import type { ProbeSpec } from '../../cluster/probe-spec.ts';
import type { ReachabilityQuery } from './reachability.ts';
import type { WebAssets } from './web-assets.ts';

/** What the routes ask; the plugin runs both inside the event loop. */
export interface TraceService {
  trace(spec: ProbeSpec): Promise<TraceResult>;
  reachability(q: ReachabilityQuery): Promise<Reachability>;
}

/** The page loads nothing from elsewhere; the policy makes that a guarantee. */
const CSP = "default-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

async function answer<T>(c: Context, run: () => Promise<T>): Promise<Response> {
  try {
    return c.json(await run());
  } catch (err: unknown) {
    if (err instanceof TraceUnavailableError) return c.json(err.toJSON(), 501);
    throw err;
  }
}

/**
 * The trace plugin's routes.
 * @example const res = await traceRoutes(service, assets).request('/trace?from=x/a&to=x/b&port=80');
 */
export function traceRoutes(service: TraceService, assets: WebAssets): Hono {
  const app = new Hono();
  app.get('/trace', (c) => {
    const q = parseProbeQuery(c.req.query());
    return answer(c, () => service.trace(q));
  });
  app.get('/reachability', (c) => {
    const q = parseReachabilityQuery(c.req.query());
    return answer(c, () => service.reachability(q));
  });
  for (const [path, asset] of assets) {
    app.get(path, (c) => c.body(asset.body, 200, { 'content-type': asset.contentType, 'content-security-policy': CSP, 'cache-control': 'no-cache' }));
  }
  return app;
}
