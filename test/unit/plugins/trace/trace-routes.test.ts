import { describe, expect, it } from 'vitest';
import { AgentApp } from '../../../../core/http/agent-app.ts';
import { RecordingLogger } from '../../../../core/testing/recording-logger.ts';
import { TraceUnavailableError } from '../../../../plugins/trace/trace-errors.ts';
import { traceRoutes, type TraceService } from '../../../../plugins/trace/trace-routes.ts';
import type { TraceResult } from '../../../../plugins/trace/trace-result.ts';
import type { WebAssets } from '../../../../plugins/trace/web-assets.ts';

const assets: WebAssets = new Map([
  ['/', { body: '<html>page</html>', contentType: 'text/html; charset=utf-8' }],
  ['/trace-ui/app.js', { body: 'void 0;', contentType: 'text/javascript; charset=utf-8' }],
]);

function app(service: TraceService): AgentApp {
  const a = new AgentApp(new RecordingLogger());
  a.mount('/', traceRoutes(service, assets));
  return a;
}

const asked: unknown[] = [];
const working: TraceService = {
  trace: async (spec) => {
    asked.push(spec);
    return { ...spec, allowed: true, reason: 'ok', trace: [], node: 'n', sourcePort: 1, policies: [], services: [] } satisfies TraceResult;
  },
  reachability: async (q) => {
    asked.push(q);
    return { node: 'n', pods: [], ports: [], cells: [] };
  },
};
const unavailable: TraceService = {
  trace: () => Promise.reject(new TraceUnavailableError('no simulator')),
  reachability: () => Promise.reject(new TraceUnavailableError('no simulator')),
};

const get = (a: AgentApp, path: string) => a.fetch(new Request(`http://agent${path}`));

describe('traceRoutes', () => {
  it('traceRoutes() hands the parsed probe to the service and answers its result as JSON', async () => {
    asked.length = 0;
    const res = await get(app(working), '/trace?from=x/a&to=ip:1.2.3.4&port=443');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ from: 'x/a', to: 'ip:1.2.3.4', port: 443, protocol: 'TCP', allowed: true });
    expect(asked).toEqual([{ from: 'x/a', to: 'ip:1.2.3.4', port: 443, protocol: 'TCP' }]);
  });

  it('traceRoutes() answers 400 with the bad parameter and never asks the service', async () => {
    asked.length = 0;
    const res = await get(app(working), '/reachability?port=99999');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'BAD_INPUT', source: 'GET /reachability', field: 'port' });
    expect(asked).toEqual([]);
  });

  it.each(['/trace?from=x/a&to=x/b&port=80', '/reachability'])('traceRoutes() answers 501 for %s when the agent cannot trace', async (path) => {
    const res = await get(app(unavailable), path);
    expect(res.status).toBe(501);
    expect(await res.json()).toMatchObject({ code: 'TRACE_UNAVAILABLE', detail: 'no simulator', message: 'tracing is not available on this agent: no simulator' });
  });

  it('traceRoutes() serves each asset with its content type and a self-only content security policy', async () => {
    const res = await get(app(working), '/trace-ui/app.js');
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'self'/);
    expect(await res.text()).toBe('void 0;');
    expect((await get(app(working), '/trace-ui/style.css')).status).toBe(404);
  });
});
