import { inject } from 'tsyringe';
import { describe, expect, it } from 'vitest';
import type { InjectionToken } from 'tsyringe';
import { createAgent } from '../../../core/build.ts';
import { CloseError, DependencyCycleError, DisabledDependencyError, PhaseTimeoutError, PluginPhaseError } from '../../../core/errors.ts';
import { optional } from '../../../core/inject.ts';
import { plugin, type Plugin } from '../../../core/plugin.ts';
import { RecordingLogger } from '../../../core/testing/recording-logger.ts';
import { AGENT_INFO, LOGGER, PLUGIN_REGISTRY } from '../../../core/tokens.ts';
import type { AgentInfo } from '../../../core/agent-info.ts';
import type { Logger } from '../../../core/log/logger.ts';
import type { PluginRegistry } from '../../../core/plugin-registry.ts';

/** What the test plugins record: `<name>.<hook>` in call order. */
const calls: string[] = [];
const STORE: InjectionToken<{ name: string }> = Symbol('test.Store');
const EXTRA: InjectionToken<{ name: string }> = Symbol('test.Extra');

function hooks(name: string): Plugin {
  return {
    name,
    init: () => void calls.push(`${name}.init`),
    afterInit: () => void calls.push(`${name}.afterInit`),
    resync: () => void calls.push(`${name}.resync`),
    close: () => void calls.push(`${name}.close`),
  };
}

@plugin({ name: 'store', provides: [STORE] })
class StorePlugin implements Plugin {
  readonly name = 'store';
  readonly h = hooks('store');
  init(): void { this.h.init?.(); }
  afterInit(): void { this.h.afterInit?.(); }
  close(): void { this.h.close?.(); }
}

@plugin({ name: 'api' })
class ApiPlugin implements Plugin {
  readonly name = 'api';
  constructor(@inject(STORE) readonly store: { name: string }, readonly storePlugin: StorePlugin) {}
  init(): void { calls.push('api.init'); }
  close(): void { calls.push('api.close'); }
}

@plugin({ name: 'web' })
class WebPlugin implements Plugin {
  readonly name = 'web';
  constructor(readonly api: ApiPlugin, @optional(EXTRA) readonly extra?: { name: string }) {}
  init(): void { calls.push('web.init'); }
  close(): void { calls.push('web.close'); }
}

@plugin({ name: 'broken' })
class BrokenPlugin implements Plugin {
  readonly name = 'broken';
  constructor(readonly api: ApiPlugin) {}
  init(): void { throw new Error('disk on fire'); }
  close(): void { calls.push('broken.close'); }
}

@plugin({ name: 'hangs' })
class HangingPlugin implements Plugin {
  readonly name = 'hangs';
  constructor(readonly api: ApiPlugin) {}
  init(): void { calls.push('hangs.init'); }
  afterInit(): Promise<void> { return new Promise(() => undefined); }
  close(): void { calls.push('hangs.close'); }
}

const LOOP_A: InjectionToken<object> = Symbol('test.LoopA');
const LOOP_B: InjectionToken<object> = Symbol('test.LoopB');

@plugin({ name: 'loop-a', provides: [LOOP_A] })
class LoopA implements Plugin {
  readonly name = 'loop-a';
  constructor(@inject(LOOP_B) readonly b: object) {}
}

@plugin({ name: 'loop-b', provides: [LOOP_B] })
class LoopB implements Plugin {
  readonly name = 'loop-b';
  constructor(@inject(LOOP_A) readonly a: object) {}
}

const quiet = () => ({ sink: new RecordingLogger() });
const noHttp = { http: { enabled: false } };

describe('Agent', () => {
  it('start() runs init and afterInit in dependency order, not build order', async () => {
    calls.length = 0;
    const agent = createAgent({ name: 't', plugins: [WebPlugin, ApiPlugin, StorePlugin] }, noHttp, quiet());
    await agent.start();
    expect(agent.order).toEqual(['store', 'api', 'web']);
    expect(calls).toEqual(['store.init', 'api.init', 'web.init', 'store.afterInit']);
    expect(agent.plugin(ApiPlugin).storePlugin).toBe(agent.plugin(StorePlugin));
    await agent.close();
  });

  it('close() closes initialised plugins in reverse start order', async () => {
    const agent = createAgent({ name: 't', plugins: [WebPlugin, ApiPlugin, StorePlugin] }, noHttp, quiet());
    await agent.start();
    calls.length = 0;
    await agent.close();
    expect(calls).toEqual(['web.close', 'api.close', 'store.close']);
    expect(agent.state).toBe('closed');
  });

  it('start() closes exactly the plugins already initialised, in reverse, when an init fails', async () => {
    calls.length = 0;
    const agent = createAgent({ name: 't', plugins: [StorePlugin, ApiPlugin, BrokenPlugin, WebPlugin] }, noHttp, quiet());
    const err = await agent.start().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PluginPhaseError);
    expect(err).toMatchObject({ plugin: 'broken', phase: 'init', code: 'PLUGIN_PHASE_FAILED' });
    expect((err as Error).message).toContain('disk on fire');
    // web comes after broken in start order: never initialised, never closed.
    expect(calls).toEqual(['store.init', 'api.init', 'api.close', 'store.close']);
    expect(agent.state).toBe('failed');
    expect(agent.status().plugins.broken?.state).toBe('error');
  });

  it('start() fails with a timeout naming the plugin when afterInit hangs', async () => {
    calls.length = 0;
    const agent = createAgent(
      { name: 't', plugins: [StorePlugin, ApiPlugin, HangingPlugin] },
      { ...noHttp, agent: { phaseTimeoutMs: 50 } },
      quiet(),
    );
    const err = await agent.start().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PhaseTimeoutError);
    expect(err).toMatchObject({ plugin: 'hangs', phase: 'afterInit', timeoutMs: 50, code: 'PHASE_TIMEOUT' });
    expect((err as Error).message).toBe('plugin "hangs" did not finish afterInit within 50 ms');
    expect(calls.filter((c) => c.endsWith('.close'))).toEqual(['hangs.close', 'api.close', 'store.close']);
  });

  it('createAgent() fails naming both plugins when config disables a plugin another one needs', () => {
    const run = () => createAgent({ name: 't', plugins: [StorePlugin, ApiPlugin] }, { ...noHttp, plugins: { store: { enabled: false } } }, quiet());
    expect(run).toThrow(DisabledDependencyError);
    expect(run).toThrow('plugin "api" needs test.Store, which only plugin "store" provides, but "store" is disabled (plugins.store.enabled: false)');
  });

  it('createAgent() reports a dependency cycle between plugins with its members', () => {
    const run = () => createAgent({ name: 't', plugins: [LoopA, LoopB] }, noHttp, quiet());
    expect(run).toThrow(DependencyCycleError);
    expect(run).toThrow('loop-a -> loop-b -> loop-a');
  });

  it('close() goes on past failing close hooks and reports every failure together', async () => {
    calls.length = 0;
    @plugin({ name: 'leaky' })
    class LeakyPlugin implements Plugin {
      readonly name = 'leaky';
      constructor(readonly api: ApiPlugin) {}
      close(): void {
        throw new Error('handle leaked');
      }
    }
    @plugin({ name: 'stuck' })
    class StuckPlugin implements Plugin {
      readonly name = 'stuck';
      constructor(readonly leaky: LeakyPlugin) {}
      close(): Promise<void> {
        return new Promise(() => undefined);
      }
    }
    const agent = createAgent(
      { name: 't', plugins: [StorePlugin, ApiPlugin, LeakyPlugin, StuckPlugin] },
      { ...noHttp, agent: { phaseTimeoutMs: 50 } },
      quiet(),
    );
    await agent.start();
    calls.length = 0;
    const err = await agent.close().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CloseError);
    expect((err as CloseError).failures.map((f) => [f.plugin, f.error.code])).toEqual([
      ['stuck', 'PHASE_TIMEOUT'],
      ['leaky', 'PLUGIN_PHASE_FAILED'],
    ]);
    expect(calls).toEqual(['api.close', 'store.close']);
    expect(agent.state).toBe('closed');
  });

  it('start() fails naming the plugin and phase construct when a constructor throws, closing nothing', async () => {
    calls.length = 0;
    @plugin({ name: 'exploding' })
    class ExplodingPlugin implements Plugin {
      readonly name = 'exploding';
      constructor(readonly api: ApiPlugin) {
        throw new Error('bad wiring');
      }
    }
    const agent = createAgent({ name: 't', plugins: [StorePlugin, ApiPlugin, ExplodingPlugin] }, noHttp, quiet());
    await expect(agent.start()).rejects.toMatchObject({ plugin: 'exploding', phase: 'construct' });
    expect(calls).toEqual([]);
  });

  it('start() resolves an optional dependency to undefined when nobody provides it', async () => {
    const agent = createAgent({ name: 't', plugins: [WebPlugin, ApiPlugin, StorePlugin] }, noHttp, quiet());
    await agent.start();
    expect(agent.plugin(WebPlugin).extra).toBeUndefined();
    await agent.close();
  });

  it('start() injects an optional dependency when an override provides it', async () => {
    const extra = { name: 'extra' };
    const agent = createAgent({ name: 't', plugins: [WebPlugin, ApiPlugin, StorePlugin] }, noHttp, { ...quiet(), overrides: [[EXTRA, extra]] });
    await agent.start();
    expect(agent.plugin(WebPlugin).extra).toBe(extra);
    await agent.close();
  });

  it('start() builds two agents in one process without sharing instances or registrations', async () => {
    const build = { name: 't', plugins: [WebPlugin, ApiPlugin, StorePlugin] };
    const a = createAgent(build, { ...noHttp, agent: { label: 'node-a' } }, quiet());
    const b = createAgent(build, { ...noHttp, agent: { label: 'node-b' } }, { ...quiet(), overrides: [[STORE, { name: 'b-store' }]] });
    await a.start();
    await b.start();
    expect(a.plugin(StorePlugin)).not.toBe(b.plugin(StorePlugin));
    expect(a.plugin(ApiPlugin).store).toBe(a.plugin(StorePlugin));
    expect(b.plugin(ApiPlugin).store).toEqual({ name: 'b-store' });
    expect(a.get<AgentInfo>(AGENT_INFO).label).toBe('node-a');
    expect(b.get<AgentInfo>(AGENT_INFO).label).toBe('node-b');
    expect(a.get<PluginRegistry>(PLUGIN_REGISTRY).plugins().map((p) => p.instance)).not.toContain(b.plugin(StorePlugin));
    await a.close();
    expect(b.state).toBe('running');
    await b.close();
  });

  it('start() gives each plugin a logger named after it', async () => {
    @plugin({ name: 'chatty' })
    class ChattyPlugin implements Plugin {
      readonly name = 'chatty';
      constructor(@inject(LOGGER) private readonly log: Logger) {}
      init(): void { this.log.info('hello', { n: 1 }); }
    }
    const sink = new RecordingLogger();
    const agent = createAgent({ name: 't', plugins: [ChattyPlugin] }, noHttp, { sink });
    await agent.start();
    expect(sink.filter({ logger: 'chatty' })).toMatchObject([{ level: 'info', msg: 'hello', fields: { n: 1 } }]);
    await agent.close();
  });

  it('start() calls each plugin resync with an empty startup snapshot when no datasync is present', async () => {
    const seen: string[] = [];
    @plugin({ name: 'resyncing' })
    class ResyncPlugin implements Plugin {
      readonly name = 'resyncing';
      resync(s: { reason: string; entries: readonly unknown[] }): void { seen.push(`${s.reason}:${s.entries.length}`); }
    }
    const agent = createAgent({ name: 't', plugins: [ResyncPlugin] }, noHttp, quiet());
    await agent.start();
    expect(seen).toEqual(['startup:0']);
    expect(agent.status().agent).toMatchObject({ state: 'running', ready: true });
    await agent.close();
  });
});
