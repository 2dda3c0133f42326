import 'reflect-metadata';
/**
 * @module A custom build: the full build without the service plugin (no NAT44 for Services),
 * plus a third-party `hello` plugin with its own config section and REST route.
 *
 * Run it: `deno run -P --quiet examples/custom-build.ts [--once] [--config PATH]`, then
 * `curl http://127.0.0.1:9191/hello`.
 */
import { Hono } from 'hono';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { inject, type InjectionToken } from 'tsyringe';
import { z } from 'zod';
import type { AgentInfo } from '../core/agent-info.ts';
import { formatBootReport } from '../core/boot-report.ts';
import { createAgent, type Build } from '../core/build.ts';
import { loadConfig } from '../core/config/load-config.ts';
import type { HttpRoutes } from '../core/http/http-routes.ts';
import { optional } from '../core/inject.ts';
import type { KeyValueStore } from '../core/kv/key-value-store.ts';
import type { Logger } from '../core/log/logger.ts';
import { plugin, pluginConfig, type Plugin } from '../core/plugin.ts';
import { AGENT_INFO, HTTP_ROUTES, KV_STORE, LOGGER } from '../core/tokens.ts';
import { fullBuild } from '../plugins/builds.ts';
import { ServicePlugin } from '../plugins/service/service-plugin.ts';

/** Settings of the hello plugin (`plugins.hello` in the config file). */
export interface HelloConfig {
  readonly greeting: string;
}

/** Token of the validated `plugins.hello` section. */
export const HELLO_CONFIG: InjectionToken<HelloConfig> = Symbol('example.HelloConfig');

const helloSchema = z.object({ greeting: z.string().min(1).default('hello') }).strict();

/** A third-party plugin: answers `GET /hello` with a greeting and, if there is one, the store kind. */
@plugin({ name: 'hello', config: pluginConfig(HELLO_CONFIG, helloSchema) })
export class HelloPlugin implements Plugin {
  readonly name = 'hello';

  constructor(
    @inject(HTTP_ROUTES) private readonly routes: HttpRoutes,
    @inject(AGENT_INFO) private readonly info: AgentInfo,
    @inject(LOGGER) private readonly log: Logger,
    @inject(HELLO_CONFIG) private readonly config: HelloConfig,
    // Optional: the build still works if kvstore is disabled (plugins.kvstore.enabled: false).
    @optional(KV_STORE) private readonly store?: KeyValueStore,
  ) {}

  init(): void {
    const app = new Hono();
    app.get('/hello', (c) => c.json({ greeting: `${this.config.greeting}, ${this.info.label}`, store: this.store?.kind ?? null }));
    this.routes.mount('/', app);
    this.log.info('route mounted', { path: '/hello' });
  }
}

/** The full build minus the service plugin, plus hello. */
export const helloBuild: Build = {
  name: 'hello',
  plugins: [...fullBuild.plugins.filter((p) => p !== ServicePlugin), HelloPlugin],
};

// Runs only when executed directly, not when a test imports the build.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const once = process.argv.includes('--once');
  const at = process.argv.indexOf('--config');
  const file = at > 0 ? process.argv[at + 1] : undefined;
  const flags = once ? [{ path: ['http', 'enabled'], value: false, origin: 'flag --once' }] : [];
  const agent = createAgent(helloBuild, await loadConfig({ ...(file ? { file } : {}), env: process.env, flags }));
  const report = await agent.start();
  if (once) {
    console.log(formatBootReport(report));
    await agent.close();
  } else {
    process.once('SIGINT', () => void agent.close());
    process.once('SIGTERM', () => void agent.close());
  }
}
