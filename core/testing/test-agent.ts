/**
 * @module TestAgent: boots one plugin (or a few) with overrides and strict fakes for every
 * other dependency, no server and no I/O, in a few lines.
 */
import 'reflect-metadata';
import type { InjectionToken } from 'tsyringe';
import type { Agent, OverrideProvider } from '../agent.ts';
import { createAgent } from '../build.ts';
import type { Plugin, PluginClass } from '../plugin.ts';
import { pluginMetadata } from '../plugin.ts';
import { PLUGIN_REGISTRY } from '../tokens.ts';
import { FakeDatasync } from './fake-datasync.ts';
import { RecordingLogger } from './recording-logger.ts';
import { strictFake } from './strict-fake.ts';

/** The three ways to replace a dependency; each returns the builder, so calls chain. */
export interface OverrideWith<T> {
  /** Binds this value. */
  useValue(value: T): TestAgentBuilder;
  /** Binds one instance of `cls`, built by the agent's container (its dependencies injected). */
  useClass(cls: new (...args: never[]) => T): TestAgentBuilder;
  /** Binds the result of `factory`, called once, when first needed. */
  useFactory(factory: (get: <U>(token: InjectionToken<U>) => U) => T): TestAgentBuilder;
}

/** A started test agent. */
export interface StartedTestAgent {
  /** The underlying agent. */
  readonly agent: Agent;
  /** Every record logged by the host and the plugins, with logger names. */
  readonly logs: RecordingLogger;
  /** Resolves a token (an override, a fake, a plugin-provided API). */
  get<T>(token: InjectionToken<T>): T;
  /** The instance of a plugin under test. */
  plugin<P extends Plugin>(cls: new (...args: never[]) => P): P;
  /** Calls a REST route in-process: `fetch('/status')`. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** Closes the plugins (reverse order). */
  close(): Promise<void>;
}

/** Collects overrides and config, then starts. Nothing is built before `start()`. */
export class TestAgentBuilder {
  readonly #providers = new Map<InjectionToken<unknown>, OverrideProvider<unknown>>();
  readonly #sections: Record<string, Record<string, unknown>> = {};
  #top: Record<string, unknown> = {};

  constructor(private readonly plugins: readonly PluginClass[]) {}

  /** Replaces `token` for every plugin of this agent. */
  override<T>(token: InjectionToken<T>): OverrideWith<T> {
    const set = (provider: OverrideProvider<unknown>): TestAgentBuilder => {
      this.#providers.set(token, provider);
      return this;
    };
    return {
      useValue: (value) => set({ useValue: value }),
      useClass: (cls) => set({ useClass: cls }),
      useFactory: (factory) => set({ useFactory: factory }),
    };
  }

  /**
   * Sets a plugin's config section: `config({ renderer: 'acl' })` for the first plugin given to
   * `for()`, `config('policy', { ... })` for another one.
   */
  config(section: Readonly<Record<string, unknown>>): TestAgentBuilder;
  config(plugin: string, section: Readonly<Record<string, unknown>>): TestAgentBuilder;
  config(a: string | Readonly<Record<string, unknown>>, b?: Readonly<Record<string, unknown>>): TestAgentBuilder {
    const first = this.plugins[0];
    const name = typeof a === 'string' ? a : first ? pluginMetadata(first).name : '';
    this.#sections[name] = { ...(typeof a === 'string' ? b : a) };
    return this;
  }

  /** Sets top-level config (`agent`, `log`, ...); `http` stays disabled unless set here. */
  agentConfig(config: Readonly<Record<string, unknown>>): TestAgentBuilder {
    this.#top = { ...config };
    return this;
  }

  /**
   * Builds and starts the agent: overrides are bound first, every other dependency the plugins
   * need gets a strict fake, then construct, init, afterInit and the startup resync run.
   * @throws What `Agent.start()` throws (naming plugin and phase).
   */
  async start(): Promise<StartedTestAgent> {
    const logs = new RecordingLogger();
    const top = this.#top;
    const plugins = { ...(top.plugins as Record<string, unknown> | undefined), ...this.#sections };
    const agent = createAgent(
      { name: 'test', plugins: this.plugins },
      { http: { enabled: false }, ...top, plugins },
      { providers: this.#providers, fallback: (token) => strictFake(token), sink: logs },
    );
    for (const [token, provider] of this.#providers) {
      // A FakeDatasync (by value, or by class: it has no dependencies) drives this agent's resync hooks.
      const fake =
        'useValue' in provider ? provider.useValue
        : 'useClass' in provider && (provider.useClass === FakeDatasync || provider.useClass.prototype instanceof FakeDatasync) ? agent.get(token)
        : undefined;
      if (fake instanceof FakeDatasync) fake.attach(agent.get(PLUGIN_REGISTRY));
    }
    await agent.start();
    return {
      agent,
      logs,
      get: (token) => agent.get(token),
      plugin: (cls) => agent.plugin(cls),
      fetch: (path, init) => agent.fetch(new Request(`http://agent${path}`, init)),
      close: () => agent.close(),
    };
  }
}

/**
 * Entry point of plugin isolation tests.
 * @example
 * const t = await TestAgent.for(PolicyPlugin)
 *   .override(DATASYNC).useValue(new FakeDatasync())
 *   .override(VPP_API).useClass(RecordingVppApi)
 *   .config({ renderer: 'acl' })
 *   .start();
 * expect(t.plugin(PolicyPlugin).tables()).toEqual([]);
 * await t.close();
 */
export const TestAgent = {
  /** Starts a builder for these plugins (the first one gets `config(section)`). */
  for(...plugins: PluginClass[]): TestAgentBuilder {
    return new TestAgentBuilder(plugins);
  },
};
