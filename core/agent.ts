/**
 * @module Agent: the plugin host. Builds the plugins of one build in a container of its own,
 * runs construct → init → (REST server) → afterInit → initial resync → running, and closes
 * in reverse order.
 */
import { Lifecycle, type DependencyContainer, type InjectionToken } from 'tsyringe';
import type { Hono } from 'hono';
import type { AgentInfo } from './agent-info.ts';
import { formatBootReport, type BootReport, type BootStep } from './boot-report.ts';
import type { Clock } from './clock.ts';
import type { ValidatedConfig } from './config/validate-config.ts';
import type { Datasync } from './datasync/datasync.ts';
import type { DependencyGraph } from './dependency-graph.ts';
import { AgentStateError, CloseError, errorToJSON, PluginPhaseError, type HostPhase } from './errors.ts';
import { AgentApp } from './http/agent-app.ts';
import { healthRoutes } from './http/health-routes.ts';
import { listen, type HttpServer } from './http/http-server.ts';
import { logRoutes } from './http/log-routes.ts';
import { statusRoutes } from './http/status-routes.ts';
import { optionalToken } from './inject.ts';
import { LogRegistry } from './log/log-registry.ts';
import type { LogSink } from './log/log-sink.ts';
import type { Logger } from './log/logger.ts';
import { namesPluginPhase, runPhase } from './phase.ts';
import type { Plugin } from './plugin.ts';
import type { PluginDescriptor } from './plugin-dependencies.ts';
import type { PluginRegistry, RegisteredPlugin } from './plugin-registry.ts';
import { emptySnapshot } from './snapshot.ts';
import { StatusRegistry, type AgentState } from './status/status-registry.ts';
import { statusView, type StatusView } from './status/status-view.ts';
import { AGENT_INFO, CLOCK, DATASYNC, HTTP_ROUTES, LOGGER, PLUGIN_REGISTRY, STATUS_REPORTER } from './tokens.ts';

/** How an override supplies a token: a value, a class (built once per agent) or a factory (called once). */
export type OverrideProvider<T> =
  | { readonly useValue: T }
  | { readonly useClass: new (...args: never[]) => T }
  | { readonly useFactory: (get: <U>(token: InjectionToken<U>) => U) => T };

/** Everything the host needs to run one agent; made by `createAgent()`. */
export interface AgentPlan {
  readonly build: string;
  readonly config: ValidatedConfig;
  readonly graph: DependencyGraph;
  /** Overrides, bound in the agent's container before any plugin is built. */
  readonly overrides: ReadonlyMap<InjectionToken<unknown>, OverrideProvider<unknown>>;
  /** Values for required tokens nobody provides (TestAgent's strict fakes). */
  readonly fallback?: (token: InjectionToken<unknown>) => unknown;
  readonly sink: LogSink;
  readonly clock: Clock;
  /** A fresh child of tsyringe's root container; nothing else registers in it. */
  readonly container: DependencyContainer;
}

/** Registers a value; tsyringe treats a falsy `useValue` as "no provider", a factory never. */
function value<T>(v: T): { useFactory: () => T } {
  return { useFactory: () => v };
}

/**
 * A running (or runnable) agent. Create it with `createAgent()`; `start()` boots it, `close()`
 * shuts it down, `fetch()` answers REST requests without a port.
 * @example
 * const agent = createAgent(minimalBuild, await loadConfig({ file: 'agent.yaml' }));
 * await agent.start();
 * const res = await agent.fetch(new Request('http://agent/health/ready'));
 * await agent.close();
 */
export class Agent {
  readonly label: string;
  readonly #plan: AgentPlan;
  readonly #container: DependencyContainer;
  readonly #logs: LogRegistry;
  readonly #log: Logger;
  readonly #status: StatusRegistry;
  readonly #app: AgentApp;
  readonly #timeoutMs: number;
  readonly #instances: RegisteredPlugin[] = [];
  readonly #initialised: RegisteredPlugin[] = [];
  readonly #steps: BootStep[] = [];
  #server: HttpServer | undefined;
  #boot: BootReport | undefined;
  #starting: Promise<BootReport> | undefined;
  #closing: Promise<void> | undefined;

  constructor(plan: AgentPlan) {
    this.#plan = plan;
    const { top } = plan.config;
    this.label = top.agent.label;
    this.#timeoutMs = top.agent.phaseTimeoutMs;
    this.#container = plan.container;
    this.#logs = new LogRegistry({ sink: plan.sink, level: top.log.level, levels: top.log.plugins, clock: plan.clock });
    this.#log = this.#logs.logger('agent');
    this.#status = new StatusRegistry(plan.clock);
    this.#app = new AgentApp(this.#logs.logger('http'));
    this.#app.mount('/', healthRoutes(() => this.#status));
    this.#app.mount('/', statusRoutes(() => this.status()));
    this.#app.mount('/', logRoutes(this.#logs));
    this.#bind();
  }

  /** The agent state. */
  get state(): AgentState {
    return this.#status.state;
  }

  /** Plugin names in start order. */
  get order(): readonly string[] {
    return this.#plan.graph.order.map((p) => p.name);
  }

  /** The agent's Hono app (health, status, log and every plugin's routes). */
  get app(): Hono {
    return this.#app.hono;
  }

  /** The agent's log registry (levels per logger). */
  get logs(): LogRegistry {
    return this.#logs;
  }

  /** Answers a REST request in-process (no port needed). */
  fetch(request: Request): Promise<Response> {
    return this.#app.fetch(request);
  }

  /** Where the REST server listens, once started (undefined when disabled or not started). */
  address(): { readonly host: string; readonly port: number } | undefined {
    return this.#server ? { host: this.#server.host, port: this.#server.port } : undefined;
  }

  /** The `/status` document. */
  status(): StatusView {
    const { config, build } = this.#plan;
    return statusView({
      label: this.label,
      build,
      order: this.order,
      disabled: config.disabled.map((p) => p.name),
      status: this.#status,
      steps: this.#steps,
      ...(this.#boot ? { boot: this.#boot } : {}),
    });
  }

  /** The boot report, once `start()` succeeded. */
  bootReport(): BootReport | undefined {
    return this.#boot;
  }

  /** Resolves a token in the agent's container (a plugin-provided API, an override, a host token). */
  get<T>(token: InjectionToken<T>): T {
    return this.#container.resolve(token);
  }

  /** The running instance of a plugin class. @throws {TypeError} If the class is not part of this agent. */
  plugin<P extends Plugin>(cls: new (...args: never[]) => P): P {
    const found = this.#instances.find((p) => p.instance.constructor === cls);
    if (!found) throw new TypeError(`plugin class ${cls.name} is not constructed in this agent`);
    return found.instance as P;
  }

  /** The constructed plugins in start order. */
  plugins(): readonly RegisteredPlugin[] {
    return this.#instances;
  }

  /**
   * Boots the agent. On failure the plugins already initialised are closed in reverse order
   * and the error (naming plugin and phase) is rethrown.
   * @throws {PluginPhaseError | PhaseTimeoutError | HttpListenError} What failed the start.
   * @throws {AgentStateError} If the agent was started before.
   */
  start(): Promise<BootReport> {
    if (this.#status.state !== 'created') throw new AgentStateError(this.#status.state, 'start');
    this.#starting = this.#start();
    return this.#starting;
  }

  /**
   * Closes the initialised plugins in reverse order (continuing past failures) and stops the
   * REST server. Safe to call more than once and during `start()` (it waits for it).
   * @throws {CloseError} Listing every plugin whose close failed.
   */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      await this.#starting?.catch(() => undefined);
      if (this.#status.state === 'failed') return;
      this.#status.setState('closing');
      const failures = await this.#shutdown();
      this.#status.setState('closed');
      this.#log.info('agent closed', { label: this.label });
      if (failures.length > 0) throw new CloseError(failures);
    })();
    return this.#closing;
  }

  async #start(): Promise<BootReport> {
    const began = performance.now();
    this.#status.setState('starting');
    const { config, graph } = this.#plan;
    try {
      for (const p of graph.order) this.#construct(p);
      for (const p of this.#instances) {
        await this.#hook(p, 'init');
        this.#initialised.push(p);
      }
      if (config.top.http.enabled) {
        this.#server = await listen(this.#app.fetch, config.top.http.host, config.top.http.port);
        this.#log.info('serving REST', { url: `http://${this.#server.host}:${this.#server.port}` });
      }
      for (const p of this.#instances) await this.#hook(p, 'afterInit');
      await this.#initialResync();
    } catch (err: unknown) {
      this.#status.setState('failed', err);
      if (namesPluginPhase(err)) this.#status.set(err.plugin, 'error', err);
      this.#log.error('start failed', { error: errorToJSON(err) });
      const failures = await this.#shutdown();
      for (const f of failures) this.#log.error('close failed', { plugin: f.plugin, error: errorToJSON(f.error) });
      throw err;
    }
    this.#status.setState('running');
    this.#status.markReady();
    for (const p of this.#instances) if (this.#status.plugin(p.name)?.state === 'init') this.#status.set(p.name, 'ok');
    const report: BootReport = { label: this.label, build: this.#plan.build, order: this.order, steps: [...this.#steps], totalMs: performance.now() - began };
    this.#boot = report;
    this.#log.info('agent started', { build: report.build, plugins: report.order.length, ms: Math.round(report.totalMs) });
    if (this.#log.enabled('debug')) this.#log.debug(`boot report\n${formatBootReport(report)}`, { steps: report.steps });
    return report;
  }

  /** Host tokens, config sections, overrides, optional tokens and fallbacks, before any plugin. */
  #bind(): void {
    const c = this.#container;
    const { config, graph, overrides, fallback, clock } = this.#plan;
    const registry: PluginRegistry = { plugins: () => this.#instances };
    const info: AgentInfo = { label: this.label, build: this.#plan.build, order: this.order };
    c.register(LOGGER, value(this.#log));
    c.register(HTTP_ROUTES, value(this.#app));
    c.register(AGENT_INFO, value(info));
    c.register(CLOCK, value(clock));
    c.register(PLUGIN_REGISTRY, value(registry));
    for (const p of config.enabled) {
      if (p.meta.config) c.register(p.meta.config.token, value(config.sections.get(p.name)));
    }
    // Registered last so an override replaces a host token too (CLOCK, AGENT_INFO).
    for (const [token, provider] of overrides) {
      if ('useValue' in provider) c.register(token, value(provider.useValue));
      else if ('useFactory' in provider) {
        let made: { v: unknown } | undefined;
        c.register(token, { useFactory: (dc) => (made ??= { v: provider.useFactory((t) => dc.resolve(t)) }).v });
      } else c.register(token, { useClass: provider.useClass as new () => unknown }, { lifecycle: Lifecycle.Singleton });
    }
    for (const token of graph.unprovided) c.register(token, value(fallback?.(token)));
    for (const [token, present] of graph.optional) {
      if (present) c.register(optionalToken(token), { useToken: token });
      else c.register(optionalToken(token), value(undefined));
    }
  }

  /** Builds one plugin in a child container holding its own logger and status reporter. */
  #construct(p: PluginDescriptor): void {
    const child = this.#container.createChildContainer();
    child.register(LOGGER, value(this.#logs.logger(p.name)));
    child.register(STATUS_REPORTER, value(this.#status.reporter(p.name)));
    const started = performance.now();
    let instance: Plugin;
    try {
      instance = child.resolve(p.cls as unknown as new () => Plugin);
      if (instance.name !== p.name) throw new TypeError(`instance name "${instance.name}" differs from @plugin() name "${p.name}"`);
    } catch (err: unknown) {
      throw new PluginPhaseError(p.name, 'construct', { cause: err });
    }
    this.#steps.push({ plugin: p.name, phase: 'construct', ms: performance.now() - started });
    this.#status.set(p.name, 'init');
    for (const token of p.provides) {
      if (!this.#plan.overrides.has(token)) this.#container.register(token, value(instance));
    }
    this.#instances.push({ name: p.name, instance });
  }

  /** Runs a plugin's hook if it has one (absent hooks leave no boot step). */
  async #hook(p: RegisteredPlugin, phase: 'init' | 'afterInit' | 'close'): Promise<void> {
    const hook = p.instance[phase];
    if (typeof hook === 'function') await this.#phase(p.name, phase, () => hook.call(p.instance));
  }

  async #phase(plugin: string, phase: HostPhase, hook: () => Promise<void> | void): Promise<void> {
    const ms = await runPhase(plugin, phase, hook, this.#timeoutMs);
    this.#steps.push({ plugin, phase, ms });
  }

  /** Datasync (a plugin or an override) drives the startup resync; without it each plugin gets an empty snapshot. */
  async #initialResync(): Promise<void> {
    const { graph, overrides } = this.#plan;
    const provider = graph.order.find((p) => p.provides.includes(DATASYNC));
    if (overrides.has(DATASYNC) || provider) {
      const datasync = this.#container.resolve<Datasync>(DATASYNC);
      const owner = overrides.has(DATASYNC) || !provider ? 'datasync' : provider.name;
      await this.#phase(owner, 'resync', () => datasync.resync('startup'));
      return;
    }
    for (const p of this.#instances) {
      const hook = p.instance.resync?.bind(p.instance);
      if (hook) await this.#phase(p.name, 'resync', () => hook(emptySnapshot('startup')));
    }
  }

  /** Stops the REST server and closes initialised plugins newest first; returns the failures. */
  async #shutdown(): Promise<{ plugin: string; error: unknown }[]> {
    const failures: { plugin: string; error: unknown }[] = [];
    const server = this.#server;
    this.#server = undefined;
    if (server) await server.close().catch((error: unknown) => failures.push({ plugin: 'http', error }));
    for (const p of [...this.#initialised].reverse()) {
      try {
        await this.#hook(p, 'close');
        this.#status.set(p.name, 'closed');
      } catch (error: unknown) {
        this.#status.set(p.name, 'error', error);
        failures.push({ plugin: p.name, error });
      }
    }
    this.#initialised.length = 0;
    return failures;
  }
}
