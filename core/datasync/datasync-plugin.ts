/**
 * @module The datasync plugin (`DATASYNC`): the agent's one event loop over the KV store, its
 * history at `GET /events` and resync on demand at `POST /resync`.
 */
import { inject } from 'tsyringe';
import type { Clock } from '../clock.ts';
import type { HttpRoutes } from '../http/http-routes.ts';
import type { KeyValueStore } from '../kv/key-value-store.ts';
import type { Logger } from '../log/logger.ts';
import { plugin, type Plugin } from '../plugin.ts';
import type { PluginRegistry } from '../plugin-registry.ts';
import type { Snapshot } from '../snapshot.ts';
import type { StatusReporter } from '../status/agent-status.ts';
import { CLOCK, DATASYNC, HTTP_ROUTES, KV_STORE, LOGGER, PLUGIN_REGISTRY, STATUS_REPORTER } from '../tokens.ts';
import type { ChangeHandler, Datasync, EventContext, EventEndHook, EventRecord } from './datasync.ts';
import { DATASYNC_CONFIG, datasyncConfig, type DatasyncConfig } from './datasync-config.ts';
import { EventLoop } from './event-loop.ts';
import { eventRoutes } from './event-routes.ts';

/** Provides {@linkcode Datasync} over the agent's store; the host calls `resync('startup')`. */
@plugin({ name: 'datasync', provides: [DATASYNC], config: datasyncConfig })
export class DatasyncPlugin implements Plugin, Datasync {
  readonly name = 'datasync';
  readonly #loop: EventLoop;
  #errors = 0;

  constructor(
    @inject(KV_STORE) store: KeyValueStore,
    @inject(PLUGIN_REGISTRY) registry: PluginRegistry,
    @inject(LOGGER) log: Logger,
    @inject(CLOCK) clock: Clock,
    @inject(DATASYNC_CONFIG) config: DatasyncConfig,
    @inject(HTTP_ROUTES) private readonly routes: HttpRoutes,
    @inject(STATUS_REPORTER) private readonly status: StatusReporter,
  ) {
    // Built here, not in init(): dependents call watch() in their init, which runs after ours anyway.
    this.#loop = new EventLoop({
      store, log, clock,
      // Our own `resync` is Datasync's, not a plugin hook: leave it out of the resync order.
      plugins: () => registry.plugins().filter((p) => p.name !== this.name),
      historySize: config.historySize,
      resyncRetryMs: config.resyncRetryMs,
      onEvent: (record) => this.#reportEvent(record),
    });
  }

  init(): void {
    this.routes.mount('/', eventRoutes(this));
  }

  watch(owner: string, prefixes: readonly string[], handler: ChangeHandler): void {
    this.#loop.watch(owner, prefixes, handler);
  }

  onEventEnd(owner: string, hook: EventEndHook): void {
    this.#loop.onEventEnd(owner, hook);
  }

  push<T>(kind: string, summary: string, run: (ctx: EventContext) => Promise<T> | T): Promise<T> {
    return this.#loop.push(kind, summary, run);
  }

  /**
   * `Datasync.resync(reason)`: queues a full resync. The name clashes with the plugin hook
   * `resync(snapshot)`; the event loop never calls this plugin's hook (it is the one driving
   * resyncs), and a snapshot passed here anyway is ignored.
   */
  resync(reasonOrSnapshot: string | Snapshot): Promise<void> {
    if (typeof reasonOrSnapshot !== 'string') return Promise.resolve();
    return this.#loop.resync(reasonOrSnapshot);
  }

  history(): readonly EventRecord[] {
    return this.#loop.history();
  }

  snapshot(prefixes: readonly string[], reason: string): Promise<Snapshot> {
    return this.#loop.snapshot(prefixes, reason);
  }

  /** Resolves when every queued event was handled (tests, tools). */
  idle(): Promise<void> {
    return this.#loop.idle();
  }

  async close(): Promise<void> {
    await this.#loop.close();
  }

  #reportEvent(record: EventRecord): void {
    if (record.outcome === 'error') this.#errors++;
    this.status.details({
      lastEvent: { seq: record.seq, kind: record.kind, outcome: record.outcome },
      lastRevision: this.#loop.lastRevision(),
      failedEvents: this.#errors,
      ...(record.kind === 'resync' ? { lastResync: { seq: record.seq, summary: record.summary, outcome: record.outcome } } : {}),
    });
  }
}
