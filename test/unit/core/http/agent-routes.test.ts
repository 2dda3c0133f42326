import { describe, expect, it } from 'vitest';
import { createAgent } from '../../../../core/build.ts';
import { plugin, type Plugin } from '../../../../core/plugin.ts';
import type { StatusView } from '../../../../core/status/status-view.ts';
import { RecordingLogger } from '../../../../core/testing/recording-logger.ts';

let release: () => void = () => undefined;

@plugin({ name: 'slow' })
class SlowResyncPlugin implements Plugin {
  readonly name = 'slow';
  resync(): Promise<void> {
    return new Promise((resolve) => (release = resolve));
  }
}

const get = (path: string) => new Request(`http://agent${path}`);

describe('Agent REST routes', () => {
  it('fetch() /health/ready answers 503 until the initial resync succeeded, then 200', async () => {
    const agent = createAgent({ name: 't', plugins: [SlowResyncPlugin] }, { http: { enabled: false } }, { sink: new RecordingLogger() });
    const started = agent.start();
    await new Promise((r) => setTimeout(r, 0));
    expect((await agent.fetch(get('/health/ready'))).status).toBe(503);
    expect((await agent.fetch(get('/health/live'))).status).toBe(200);
    release();
    await started;
    expect((await agent.fetch(get('/health/ready'))).status).toBe(200);
    await agent.close();
    expect((await agent.fetch(get('/health/ready'))).status).toBe(503);
  });

  it('fetch() /status reports agent state, plugin order, states and boot timings', async () => {
    const agent = createAgent({ name: 'tiny', plugins: [SlowResyncPlugin] }, { http: { enabled: false }, agent: { label: 'node-7' } }, { sink: new RecordingLogger() });
    const started = agent.start();
    await new Promise((r) => setTimeout(r, 0));
    release();
    await started;
    const body = (await (await agent.fetch(get('/status'))).json()) as StatusView;
    expect(body.agent).toEqual({ label: 'node-7', build: 'tiny', state: 'running', ready: true });
    expect(body.order).toEqual(['slow']);
    expect(body.plugins.slow?.state).toBe('ok');
    expect(Object.keys(body.plugins.slow?.boot ?? {})).toEqual(['construct', 'resync']);
    expect(body.boot?.steps.map((s) => s.phase)).toEqual(['construct', 'resync']);
    await agent.close();
  });

  it('start() serves the routes on a real port and close() stops serving', async () => {
    const agent = createAgent({ name: 't', plugins: [] }, { http: { port: 0 } }, { sink: new RecordingLogger() });
    await agent.start();
    const addr = agent.address();
    expect(addr?.port).toBeGreaterThan(0);
    const res = await fetch(`http://127.0.0.1:${addr?.port}/health/ready`);
    expect(res.status).toBe(200);
    await agent.close();
    expect(agent.address()).toBeUndefined();
    await expect(fetch(`http://127.0.0.1:${addr?.port}/health/ready`)).rejects.toThrow();
  });

  it('start() fails with HTTP_LISTEN when the port is taken and closes what it initialised', async () => {
    const first = createAgent({ name: 't', plugins: [] }, { http: { port: 0 } }, { sink: new RecordingLogger() });
    await first.start();
    const second = createAgent({ name: 't', plugins: [] }, { http: { port: first.address()?.port } }, { sink: new RecordingLogger() });
    await expect(second.start()).rejects.toMatchObject({ code: 'HTTP_LISTEN' });
    expect(second.state).toBe('failed');
    await first.close();
  });
});
