import { describe, expect, it } from 'vitest';
import { AgentApp } from '../../../../core/http/agent-app.ts';
import { logRoutes } from '../../../../core/http/log-routes.ts';
import { LogRegistry } from '../../../../core/log/log-registry.ts';
import { RecordingLogger } from '../../../../core/testing/recording-logger.ts';

function setup() {
  const sink = new RecordingLogger();
  const logs = new LogRegistry({ sink, level: 'info' });
  const app = new AgentApp(logs.logger('http'));
  app.mount('/', logRoutes(logs));
  return { sink, logs, app };
}

describe('logRoutes', () => {
  it('logRoutes() PUT /log/:logger/:level changes what the logger emits at run time', async () => {
    const { sink, logs, app } = setup();
    const log = logs.logger('policy');
    log.debug('hidden');
    const res = await app.fetch(new Request('http://agent/log/policy/debug', { method: 'PUT' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ logger: 'policy', level: 'debug' });
    log.debug('shown');
    expect(sink.messages()).toEqual(['shown']);
  });

  it('logRoutes() answers 400 naming the logger for an unknown level', async () => {
    const { app } = setup();
    const res = await app.fetch(new Request('http://agent/log/policy/loud', { method: 'PUT' }));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'BAD_INPUT', source: 'logger policy', field: 'level' });
  });

  it('logRoutes() GET /log/list lists loggers with their effective level, sorted', async () => {
    const { logs, app } = setup();
    logs.logger('vpp');
    logs.logger('policy').child('renderer');
    logs.setLevel('policy', 'warn');
    const res = await app.fetch(new Request('http://agent/log/list'));
    expect(await res.json()).toEqual([
      { logger: 'http', level: 'info' },
      { logger: 'policy', level: 'warn' },
      { logger: 'policy.renderer', level: 'warn' },
      { logger: 'vpp', level: 'info' },
    ]);
  });
});
