import { describe, expect, it } from 'vitest';
import { createAgent } from '../../core/build.ts';
import { DisabledDependencyError } from '../../core/errors.ts';
import { loadConfig } from '../../core/config/load-config.ts';
import { RecordingLogger } from '../../core/testing/recording-logger.ts';
import { HelloPlugin, helloBuild } from '../../examples/custom-build.ts';
import { KvstorePlugin } from '../../core/kv/kvstore-plugin.ts';
import { builds, fullBuild } from '../../plugins/builds.ts';

const quiet = { sink: new RecordingLogger() };

describe('builds', () => {
  it.each(Object.entries(builds))('createAgent() starts and closes the %s build on defaults', async (_name, build) => {
    const agent = createAgent(build, { http: { enabled: false } }, quiet);
    await agent.start();
    expect(agent.status().agent).toMatchObject({ state: 'running', ready: true });
    expect(agent.order).toEqual(expect.arrayContaining(['kvstore', 'datasync']));
    await agent.close();
  });

  it('createAgent() fails naming both plugins when kvstore is disabled but datasync needs it', () => {
    const run = () => createAgent(fullBuild, { plugins: { kvstore: { enabled: false } } }, quiet);
    expect(run).toThrow(DisabledDependencyError);
    expect(run).toThrow('plugin "datasync" needs contiv.KeyValueStore, which only plugin "kvstore" provides, but "kvstore" is disabled');
  });

  it('examples/agent.yaml is a valid config for the full build', async () => {
    const agent = createAgent(fullBuild, await loadConfig({ file: 'examples/agent.yaml', flags: [{ path: ['http', 'enabled'], value: false, origin: 'test' }] }), quiet);
    expect(agent.label).toBe('node-1');
  });
});

describe('helloBuild (examples/custom-build.ts)', () => {
  it('createAgent() serves the third-party route and leaves the service plugin out', async () => {
    const agent = createAgent(helloBuild, { http: { enabled: false }, agent: { label: 'node-9' }, plugins: { hello: { greeting: 'hi' } } }, quiet);
    await agent.start();
    expect(agent.order).toContain('hello');
    expect(agent.order).toContain('policy');
    expect(agent.order).not.toContain('service');
    const res = await agent.fetch(new Request('http://agent/hello'));
    expect(await res.json()).toEqual({ greeting: 'hi, node-9', store: 'memory' });
    await agent.close();
  });

  it('createAgent() injects undefined for the optional store when kvstore is disabled', async () => {
    const alone = { name: 'hello-alone', plugins: [KvstorePlugin, HelloPlugin] };
    const agent = createAgent(alone, { http: { enabled: false }, plugins: { kvstore: { enabled: false } } }, quiet);
    await agent.start();
    expect(agent.order).toEqual(['hello']);
    expect(await (await agent.fetch(new Request('http://agent/hello'))).json()).toEqual({ greeting: 'hello, node-1', store: null });
    await agent.close();
  });
});
