/**
 * @module listen(): serves a fetch handler on host:port with @hono/node-server (Node's http,
 * which Deno provides too), and closes it again.
 */
import { serve } from '@hono/node-server';
import { HttpListenError } from '../errors.ts';

/** A listening server. */
export interface HttpServer {
  readonly host: string;
  /** The bound port (the real one when 0 was asked for). */
  readonly port: number;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/**
 * Starts serving `fetch` on `host:port` (port 0 picks a free port).
 * @throws {HttpListenError} If the address cannot be bound (in use, not permitted).
 * @example const server = await listen(app.fetch, '127.0.0.1', 0); await server.close();
 */
export async function listen(fetch: (request: Request) => Promise<Response>, host: string, port: number): Promise<HttpServer> {
  const server = serve({ fetch, hostname: host, port });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', (err: unknown) => reject(new HttpListenError(host, port, { cause: err })));
  });
  const address = server.address();
  const bound = typeof address === 'object' && address !== null ? address.port : port;
  return {
    host,
    port: bound,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err?: Error) => (err ? reject(err) : resolve()));
        // Keep-alive connections would otherwise hold close() open until they time out.
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}
