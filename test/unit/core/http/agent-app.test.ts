import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { BadInputError, RoutesSealedError } from '../../../../core/errors.ts';
import { AgentApp } from '../../../../core/http/agent-app.ts';
import { RecordingLogger } from '../../../../core/testing/recording-logger.ts';

describe('AgentApp', () => {
  it('fetch() turns a BadInputError into a 400 with its context', async () => {
    const app = new AgentApp(new RecordingLogger());
    const routes = new Hono();
    routes.get('/bad', () => {
      throw new BadInputError('request', 'name', 'expected a pod name');
    });
    app.mount('/', routes);
    const res = await app.fetch(new Request('http://agent/bad'));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'BAD_INPUT', field: 'name', detail: 'expected a pod name' });
  });

  it('fetch() hides the message of an unexpected error and logs it once', async () => {
    const log = new RecordingLogger();
    const app = new AgentApp(log);
    const routes = new Hono();
    routes.get('/boom', () => {
      throw new Error('secret detail');
    });
    app.mount('/', routes);
    const res = await app.fetch(new Request('http://agent/boom'));
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ name: 'InternalError', message: 'internal error' });
    expect(log.messages({ level: 'error' })).toEqual(['request failed']);
  });

  it('mount() throws RoutesSealedError once the app has answered a request', async () => {
    const app = new AgentApp(new RecordingLogger());
    expect((await app.fetch(new Request('http://agent/nothing'))).status).toBe(404);
    expect(() => app.mount('/late', new Hono())).toThrow(RoutesSealedError);
  });
});
