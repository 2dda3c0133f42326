/** @module Build (a named list of plugin classes) and createAgent(), which checks config and dependencies. */
import 'reflect-metadata';
import { container, type InjectionToken } from 'tsyringe';
import { Agent, type AgentPlan, type OverrideProvider } from './agent.ts';
import { systemClock, type Clock } from './clock.ts';
import { LoadedConfig } from './config/loaded-config.ts';
import { validateConfig } from './config/validate-config.ts';
import { dependencyGraph } from './dependency-graph.ts';
import { consoleLogSink } from './log/console-log-sink.ts';
import type { LogSink } from './log/log-sink.ts';
import type { PluginClass } from './plugin.ts';
import { describePlugin } from './plugin-dependencies.ts';
import { AGENT_INFO, CLOCK, HTTP_ROUTES, LOGGER, PLUGIN_REGISTRY, STATUS_REPORTER } from './tokens.ts';

/** A named list of plugin classes; the host derives their order from their dependencies. */
export interface Build {
  readonly name: string;
  readonly plugins: readonly PluginClass[];
}

/** Options of {@linkcode createAgent}. */
export interface CreateAgentOptions {
  /**
   * Values bound before any plugin is built; they replace plugins and host tokens providing the
   * same token (e.g. `[[CLOCK, new ManualClock()], [SIM_STATE, sharedSim]]`).
   */
  readonly overrides?: Iterable<readonly [InjectionToken<unknown>, unknown]>;
  /** Like `overrides`, with a class or factory instead of a value (TestAgent uses these). */
  readonly providers?: Iterable<readonly [InjectionToken<unknown>, OverrideProvider<unknown>]>;
  /** Supplies required tokens nobody provides instead of failing (TestAgent: strict fakes). */
  readonly fallback?: (token: InjectionToken<unknown>) => unknown;
  /** Where log records go. @default {consoleLogSink} */
  readonly sink?: LogSink;
}

/** Tokens the host itself provides to every plugin. */
export const HOST_TOKENS: readonly InjectionToken<unknown>[] = [LOGGER, STATUS_REPORTER, HTTP_ROUTES, AGENT_INFO, CLOCK, PLUGIN_REGISTRY];

/**
 * Creates an agent for `build`: validates the config against the plugins' schemas, drops
 * disabled plugins and derives the start order. Nothing is constructed until `start()`.
 * @param config a loaded config (`loadConfig()`) or plain data (named "inline config" in errors)
 * @throws {ConfigError} If the config is invalid.
 * @throws {InvalidPluginError | DisabledDependencyError | MissingDependencyError | DuplicateProviderError | DependencyCycleError}
 *   If the plugins cannot be wired.
 * @example
 * const agent = createAgent(fullBuild, await loadConfig({ file: 'agent.yaml', env: process.env }));
 * await agent.start();
 */
export function createAgent(build: Build, config: LoadedConfig | Readonly<Record<string, unknown>> = {}, options: CreateAgentOptions = {}): Agent {
  const loaded = config instanceof LoadedConfig ? config : new LoadedConfig(config, 'inline config');
  const validated = validateConfig(loaded, build.plugins.map(describePlugin));
  const overrides = new Map<InjectionToken<unknown>, OverrideProvider<unknown>>();
  for (const [token, v] of options.overrides ?? []) overrides.set(token, { useValue: v });
  for (const [token, provider] of options.providers ?? []) overrides.set(token, provider);
  const external = new Set<InjectionToken<unknown>>([...HOST_TOKENS, ...overrides.keys()]);
  for (const p of validated.enabled) if (p.meta.config) external.add(p.meta.config.token);
  const graph = dependencyGraph({
    enabled: validated.enabled,
    disabled: validated.disabled,
    external,
    allowUnprovided: options.fallback !== undefined,
  });
  const clockOverride = overrides.get(CLOCK);
  const clock = clockOverride && 'useValue' in clockOverride ? (clockOverride.useValue as Clock) : systemClock;
  const plan: AgentPlan = {
    build: build.name,
    config: validated,
    graph,
    overrides,
    ...(options.fallback ? { fallback: options.fallback } : {}),
    sink: options.sink ?? consoleLogSink,
    clock,
    // One child of the root container per agent: agents in one process share no registration.
    container: container.createChildContainer(),
  };
  return new Agent(plan);
}
