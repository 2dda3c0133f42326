/**
 * @module EventLoop: the Datasync implementation. One serialized queue for every input (store
 * changes batched per revision, resyncs, pushed events); handlers and hooks in plugin start
 * order; resync = one consistent listing at revision R, snapshots to every plugin's `resync`
 * hook, then one watch from R+1. Changes at or below the last applied revision are dropped, so
 * nothing is applied twice across resyncs and reconnects.
 */
import type { Clock } from '../clock.ts';
import { BadInputError, errorToJSON } from '../errors.ts';
import type { KeyValueStore, KvChange, KvConnectionState, KvWatch } from '../kv/key-value-store.ts';
import type { Logger } from '../log/logger.ts';
import type { RegisteredPlugin } from '../plugin-registry.ts';
import { createSnapshot, type Snapshot, type SnapshotEntry } from '../snapshot.ts';
import type { ChangeHandler, Datasync, EventContext, EventEndHook, EventRecord } from './datasync.ts';
import { EventHistory } from './event-history.ts';
import { ResyncFailedError } from './resync-failed-error.ts';
import { SerialQueue } from './serial-queue.ts';
import { commonPrefix, WatchRegistry } from './watch-registry.ts';

/** Options of {@linkcode EventLoop}. */
export interface EventLoopOptions {
  readonly store: KeyValueStore;
  /** The agent's plugins in start order, read at each event (the registry fills up during boot). */
  readonly plugins: () => readonly RegisteredPlugin[];
  readonly log: Logger;
  readonly clock: Clock;
  /** Events kept for `history()`. @default 200 */
  readonly historySize?: number;
  /** Delay before retrying a resync that failed while the store looked connected. @default 1000 */
  readonly resyncRetryMs?: number;
  /** Called after every handled event (status reporting). */
  readonly onEvent?: (record: EventRecord) => void;
}

type ErrorSink = (plugin: string, err: unknown) => void;
type EventError = EventRecord['errors'][number];

/** The event loop. */
export class EventLoop implements Datasync {
  readonly #registry = new WatchRegistry();
  readonly #queue = new SerialQueue();
  readonly #history: EventHistory;
  readonly #unsubscribe: () => void;
  #seq = 0;
  #lastRevision = 0;
  #watch: KvWatch | undefined;
  #generation = 0;
  #queuedResync: Promise<void> | undefined;
  #started = false;
  #disconnected = false;
  #closed = false;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly o: EventLoopOptions) {
    this.#history = new EventHistory(o.historySize ?? 200);
    this.#unsubscribe = o.store.onConnectionState((s) => this.#connectionChanged(s));
  }

  /** The highest store revision applied (listing of the last resync or last change batch). */
  lastRevision(): number {
    return this.#lastRevision;
  }

  watch(owner: string, prefixes: readonly string[], handler: ChangeHandler): void {
    this.#registry.addWatch(owner, prefixes, handler);
    // A late watcher still gets a snapshot and a watch covering its prefixes.
    if (this.#started) void this.resync('watch-added').catch(() => undefined);
  }

  onEventEnd(owner: string, hook: EventEndHook): void {
    this.#registry.addHook(owner, hook);
  }

  push<T>(kind: string, summary: string, run: (ctx: EventContext) => Promise<T> | T): Promise<T> {
    return this.#queue.run(async () => {
      let result: T | undefined;
      let failure: { err: unknown } | undefined;
      await this.#event(kind, summary, false, async (ctx, fail) => {
        try {
          result = await run(ctx);
        } catch (err: unknown) {
          failure = { err };
          fail(kind, err);
        }
      });
      if (failure) throw failure.err;
      return result as T;
    });
  }

  resync(reason: string): Promise<void> {
    this.#started = true;
    // Requests made while one is waiting in the queue are served by that one.
    if (this.#queuedResync) return this.#queuedResync;
    const p = this.#queue.run(async () => {
      this.#queuedResync = undefined;
      await this.#resync(reason);
    });
    this.#queuedResync = p;
    return p;
  }

  history(): readonly EventRecord[] {
    return this.#history.list();
  }

  async snapshot(prefixes: readonly string[], reason: string): Promise<Snapshot> {
    const listing = await this.o.store.list(commonPrefix(prefixes));
    const entries = listing.entries.filter((e) => prefixes.some((p) => e.key.startsWith(p)));
    return createSnapshot(listing.revision, reason, entries.map((e) => ({ key: e.key, value: e.value })));
  }

  /** Resolves when every event queued so far was handled. */
  idle(): Promise<void> {
    return this.#queue.idle();
  }

  /** Stops watching and reacting; events already queued still run. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#unsubscribe();
    if (this.#retryTimer !== undefined) clearTimeout(this.#retryTimer);
    await this.#queue.idle();
    this.#generation++;
    await this.#watch?.close();
    this.#watch = undefined;
  }

  #order(): string[] {
    return this.o.plugins().map((p) => p.name);
  }

  async #resync(reason: string): Promise<void> {
    if (this.#closed) return;
    const startedAt = this.o.clock.now();
    const prefixes = this.#registry.prefixes();
    const root = commonPrefix(prefixes);
    let entries: SnapshotEntry[] = [];
    let revision = this.#lastRevision;
    let failure: unknown;
    try {
      if (prefixes.length > 0) {
        const listing = await this.o.store.list(root);
        revision = listing.revision;
        entries = listing.entries
          .filter((e) => prefixes.some((p) => e.key.startsWith(p)))
          .map((e) => ({ key: e.key, value: e.value }));
        await this.#restartWatch(root, revision + 1);
      }
    } catch (err: unknown) {
      failure = err;
    }
    if (failure !== undefined) {
      // Without a complete listing no plugin may resync: an empty snapshot would delete everything.
      const error = new ResyncFailedError(reason, ['datasync'], { cause: failure });
      this.#record('resync', `resync (${reason}) failed: store not readable`, ++this.#seq, startedAt, [
        { plugin: 'datasync', error: errorToJSON(error) },
      ]);
      this.#scheduleRetry(reason);
      throw error;
    }
    this.#lastRevision = revision;
    const owners = this.#registry.owners();
    const failedPlugins: string[] = [];
    const causes: unknown[] = [];
    await this.#event('resync', `resync (${reason}) at revision ${revision}: ${entries.length} keys`, true, async (_ctx, fail) => {
      for (const p of this.o.plugins()) {
        if (!p.instance.resync) continue;
        const mine = owners.has(p.name) ? this.#registry.entriesOf(p.name, entries) : [];
        try {
          await p.instance.resync(createSnapshot(revision, reason, mine));
        } catch (err: unknown) {
          fail(p.name, err);
          // Skipped bad objects are reported, but the plugin did resync everything else.
          if (!(err instanceof BadInputError)) {
            failedPlugins.push(p.name);
            causes.push(err);
          }
        }
      }
    });
    if (failedPlugins.length > 0) {
      throw new ResyncFailedError(reason, failedPlugins, { cause: causes.length === 1 ? causes[0] : new AggregateError(causes) });
    }
  }

  async #restartWatch(root: string, from: number): Promise<void> {
    const gen = ++this.#generation;
    const old = this.#watch;
    this.#watch = undefined;
    await old?.close();
    this.#watch = await this.o.store.watch(
      root,
      {
        onChanges: (changes, revision) => {
          if (gen !== this.#generation || this.#closed) return;
          void this.#queue.run(() => this.#applyChanges(changes, revision)).catch((err: unknown) => {
            this.o.log.error('change batch failed', errorToJSON(err));
          });
        },
        onLost: (why) => {
          if (gen !== this.#generation || this.#closed) return;
          this.o.log.warn('watch lost, resyncing', { reason: why });
          void this.resync(`watch-${why}`).catch(() => undefined);
        },
      },
      from,
    );
  }

  async #applyChanges(changes: readonly KvChange[], revision: number): Promise<void> {
    if (revision <= this.#lastRevision || this.#closed) return;
    this.#lastRevision = revision;
    const calls = this.#registry.calls(changes, this.#order());
    if (calls.length === 0) return;
    await this.#event('kv', summarize(changes, revision), false, async (ctx, fail) => {
      for (const c of calls) {
        try {
          await c.handler(c.changes, ctx);
        } catch (err: unknown) {
          fail(c.owner, err);
        }
      }
    });
  }

  /** Runs one event: its body, then every end hook in plugin order; records the outcome. */
  async #event(kind: string, summary: string, isResync: boolean, body: (ctx: EventContext, fail: ErrorSink) => Promise<void>): Promise<void> {
    const failedPlugins: string[] = [];
    const ctx: EventContext = { seq: ++this.#seq, kind, isResync, failedPlugins };
    const startedAt = this.o.clock.now();
    const errors: EventError[] = [];
    const fail: ErrorSink = (plugin, err) => {
      errors.push({ plugin, error: errorToJSON(err) });
      if (!(err instanceof BadInputError) && !failedPlugins.includes(plugin)) failedPlugins.push(plugin);
    };
    await body(ctx, fail);
    for (const h of this.#registry.hooks(this.#order())) {
      try {
        await h.hook(ctx);
      } catch (err: unknown) {
        fail(h.owner, err);
      }
    }
    this.#record(kind, summary, ctx.seq, startedAt, errors);
  }

  #record(kind: string, summary: string, seq: number, startedAt: number, errors: EventError[]): void {
    const record: EventRecord = {
      seq, kind, summary, startedAt,
      durationMs: this.o.clock.now() - startedAt,
      outcome: errors.length > 0 ? 'error' : 'ok',
      errors,
    };
    this.#history.add(record);
    if (errors.length > 0) this.o.log.warn('event failed', { seq: record.seq, kind: record.kind, summary: record.summary, errors });
    else this.o.log.debug('event handled', { seq: record.seq, kind: record.kind, summary: record.summary });
    this.o.onEvent?.(record);
  }

  #scheduleRetry(reason: string): void {
    // While disconnected the reconnect itself triggers the resync.
    if (this.#disconnected || this.#closed || this.#retryTimer !== undefined) return;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      void this.resync(reason).catch(() => undefined);
    }, this.o.resyncRetryMs ?? 1000);
    (this.#retryTimer as { unref?: () => void }).unref?.();
  }

  #connectionChanged(state: KvConnectionState): void {
    if (this.#closed) return;
    if (state === 'disconnected') {
      this.#disconnected = true;
      this.o.log.warn('store disconnected', { store: this.o.store.kind });
      return;
    }
    const wasDown = this.#disconnected;
    this.#disconnected = false;
    this.o.log.info('store connected', { store: this.o.store.kind });
    if (wasDown && this.#started) void this.resync('kv-reconnect').catch(() => undefined);
  }
}

/** `3 changes @42: put a, delete b, put c` (at most 3 keys named). */
function summarize(changes: readonly KvChange[], revision: number): string {
  const named = changes.slice(0, 3).map((c) => `${c.type} ${c.key}`).join(', ');
  const more = changes.length > 3 ? `, +${changes.length - 3} more` : '';
  return `${changes.length} change${changes.length === 1 ? '' : 's'} @${revision}: ${named}${more}`;
}
