/**
 * @module The agent's CNI endpoints (mounted under `/cni`): `POST /add`, `/del` and `/check`
 * with a CNI request as JSON body; they answer the CNI result (ADD), `{}` (DEL, CHECK) or a
 * CNI error result with a matching HTTP status.
 */
import { Hono } from 'hono';
import { errorMessage } from '../../../core/errors.ts';
import { parseCniRequest, type CniCommand, type CniRequest } from './cni-request.ts';
import { CNI_CODES, cniError, cniErrorFor, DEFAULT_CNI_VERSION, httpStatusFor, type CniResult } from './cni-result.ts';

/** What serves validated CNI requests (the contiv plugin). */
export interface CniService {
  add(req: CniRequest): Promise<CniResult>;
  del(req: CniRequest): Promise<void>;
  check(req: CniRequest): Promise<void>;
}

/** The Hono app with the CNI endpoints. */
export function cniRoutes(service: CniService): Hono {
  const app = new Hono();
  const serve = (command: CniCommand, path: string) =>
    app.post(path, async (c) => {
      const text = await c.req.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch (err: unknown) {
        const e = cniError(DEFAULT_CNI_VERSION, CNI_CODES.DECODE_FAILURE, `CNI ${command} request: malformed JSON body: ${errorMessage(err)}`);
        return c.json(e, httpStatusFor(e.code));
      }
      const version = versionOf(body);
      try {
        const req = parseCniRequest(command, body);
        if (command === 'ADD') return c.json(await service.add(req), 200);
        if (command === 'DEL') await service.del(req);
        else await service.check(req);
        return c.json({}, 200);
      } catch (err: unknown) {
        const e = cniErrorFor(err, version);
        return c.json(e, httpStatusFor(e.code));
      }
    });
  serve('ADD', '/add');
  serve('DEL', '/del');
  serve('CHECK', '/check');
  return app;
}

/** The cniVersion a body asks for (for the error result), or the default. */
function versionOf(body: unknown): string {
  if (typeof body !== 'object' || body === null) return DEFAULT_CNI_VERSION;
  const config = (body as { config?: unknown }).config;
  if (typeof config !== 'object' || config === null) return DEFAULT_CNI_VERSION;
  const v = (config as { cniVersion?: unknown }).cniVersion;
  return typeof v === 'string' ? v : DEFAULT_CNI_VERSION;
}
