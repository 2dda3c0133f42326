/**
 * @module FakeDatasync: an in-memory, strictly serialized Datasync for plugin tests. `put` and
 * `delete` change its keys and deliver the change to watchers, as the real event loop would.
 */
import type { ChangeHandler, Datasync, EventContext, EventEndHook, EventRecord } from '../datasync/datasync.ts';
import { errorToJSON, PluginPhaseError } from '../errors.ts';
import type { KvChange } from '../kv/key-value-store.ts';
import type { PluginRegistry } from '../plugin-registry.ts';
import { createSnapshot, type Snapshot } from '../snapshot.ts';

interface Watch {
  readonly owner: string;
  readonly prefixes: readonly string[];
  readonly handler: ChangeHandler;
}

type Failure = { readonly plugin: string; readonly error: Record<string, unknown> };

/**
 * Datasync without a store. Events run one at a time, in call order: handlers in watch order
 * (= plugin init order), then every `onEventEnd` hook. A handler error is recorded in the
 * event's history entry and the event goes on, as in the real loop. `resync` hands each
 * plugin of the attached registry a snapshot of its watched prefixes and rejects if one fails.
 * @example
 * const sync = new FakeDatasync({ '/vnf-agent/contiv-ksr/k8s/namespace/default': '{}' });
 * const t = await TestAgent.for(PolicyPlugin).override(DATASYNC).useValue(sync).start();
 * await sync.put(policyKey, JSON.stringify(denyAll));
 */
export class FakeDatasync implements Datasync {
  readonly #data = new Map<string, string>();
  readonly #watches: Watch[] = [];
  readonly #endHooks: { readonly owner: string; readonly hook: EventEndHook }[] = [];
  readonly #history: EventRecord[] = [];
  #registry: PluginRegistry | undefined;
  #revision = 0;
  #seq = 0;
  #tail: Promise<unknown> = Promise.resolve();

  /** @param initial keys present before the first event (seen by the startup resync) */
  constructor(initial: Readonly<Record<string, string>> = {}, registry?: PluginRegistry) {
    for (const [k, v] of Object.entries(initial)) this.#data.set(k, v);
    if (Object.keys(initial).length > 0) this.#revision = 1;
    this.#registry = registry;
  }

  /** Connects the plugins whose `resync` hooks a resync calls (TestAgent does this). */
  attach(registry: PluginRegistry): void {
    this.#registry = registry;
  }

  /** The current value of a key. */
  value(key: string): string | undefined {
    return this.#data.get(key);
  }

  watch(owner: string, prefixes: readonly string[], handler: ChangeHandler): void {
    this.#watches.push({ owner, prefixes, handler });
  }

  onEventEnd(owner: string, hook: EventEndHook): void {
    this.#endHooks.push({ owner, hook });
  }

  push<T>(kind: string, summary: string, run: (ctx: EventContext) => Promise<T> | T): Promise<T> {
    return this.#enqueue(kind, summary, false, async (ctx) => ({ result: await run(ctx), failures: [] }));
  }

  /** Sets a key and delivers the change to its watchers as one event; resolves with the event's record. */
  put(key: string, value: string): Promise<EventRecord> {
    return this.#change({ type: 'put', key, value }, `put ${key}`);
  }

  /** Deletes a key and delivers the change (if the key existed); resolves with the event's record. */
  delete(key: string): Promise<EventRecord> {
    return this.#change({ type: 'delete', key }, `delete ${key}`);
  }

  /**
   * Calls every plugin's `resync` with a snapshot of the prefixes it watches.
   * @throws {PluginPhaseError} For the first plugin whose resync failed (phase `resync`).
   */
  async resync(reason: string): Promise<void> {
    await this.#enqueue('resync', reason, true, async () => {
      for (const p of this.#registry?.plugins() ?? []) {
        if (typeof p.instance.resync !== 'function') continue;
        const prefixes = this.#watches.filter((w) => w.owner === p.name).flatMap((w) => w.prefixes);
        try {
          await p.instance.resync(this.#snapshotNow(prefixes, reason));
        } catch (error: unknown) {
          throw new PluginPhaseError(p.name, 'resync', { cause: error });
        }
      }
      return { result: undefined, failures: [] };
    });
  }

  history(): readonly EventRecord[] {
    return this.#history;
  }

  async snapshot(prefixes: readonly string[], reason: string): Promise<Snapshot> {
    return this.#snapshotNow(prefixes, reason);
  }

  /** Resolves once every queued event was handled. */
  async idle(): Promise<void> {
    await this.#tail.catch(() => undefined);
  }

  #snapshotNow(prefixes: readonly string[], reason: string): Snapshot {
    const entries = [...this.#data].filter(([k]) => prefixes.some((p) => k.startsWith(p))).map(([key, value]) => ({ key, value }));
    return createSnapshot(this.#revision, reason, entries);
  }

  async #change(change: { type: 'put' | 'delete'; key: string; value?: string }, summary: string): Promise<EventRecord> {
    await this.#enqueue('kv', summary, false, async (ctx) => {
      const prevValue = this.#data.get(change.key);
      if (change.type === 'delete' && prevValue === undefined) return { result: undefined, failures: [] };
      const revision = ++this.#revision;
      if (change.type === 'put') this.#data.set(change.key, change.value ?? '');
      else this.#data.delete(change.key);
      const kv: KvChange = { type: change.type, key: change.key, revision, ...(change.value === undefined ? {} : { value: change.value }), ...(prevValue === undefined ? {} : { prevValue }) };
      const failures: Failure[] = [];
      for (const w of this.#watches) {
        if (!w.prefixes.some((p) => change.key.startsWith(p))) continue;
        try {
          await w.handler([kv], ctx);
        } catch (error: unknown) {
          failures.push({ plugin: w.owner, error: errorToJSON(error) });
        }
      }
      return { result: undefined, failures };
    });
    return this.#history[this.#history.length - 1] as EventRecord;
  }

  /** Runs one event after all earlier ones; end hooks follow `run`; the outcome goes to history. */
  #enqueue<T>(kind: string, summary: string, isResync: boolean, run: (ctx: EventContext) => Promise<{ result: T; failures: Failure[] }>): Promise<T> {
    const next = this.#tail.catch(() => undefined).then(async () => {
      const ctx: EventContext = { seq: ++this.#seq, kind, isResync };
      const failures: Failure[] = [];
      let outcome: { result: T } | { error: unknown };
      try {
        const done = await run(ctx);
        failures.push(...done.failures);
        outcome = { result: done.result };
      } catch (error: unknown) {
        const plugin = error instanceof PluginPhaseError ? error.plugin : kind;
        failures.push({ plugin, error: errorToJSON(error instanceof PluginPhaseError ? error.cause : error) });
        outcome = { error };
      }
      for (const h of this.#endHooks) {
        try {
          await h.hook(ctx);
        } catch (error: unknown) {
          failures.push({ plugin: h.owner, error: errorToJSON(error) });
        }
      }
      this.#history.push({ seq: ctx.seq, kind, summary, startedAt: 0, durationMs: 0, outcome: failures.length > 0 ? 'error' : 'ok', errors: failures });
      if ('error' in outcome) throw outcome.error;
      return outcome.result;
    });
    this.#tail = next;
    return next;
  }
}
