/**
 * @module The ksr plugin (`KSR_API`): watches every Kubernetes key of the KSR layout, decodes
 * each value once, keeps the typed state and hands subscribers the decoded changes inside the
 * same event. Bad stored objects are skipped, listed in /status and in the event history.
 */
import { inject } from 'tsyringe';
import type { Datasync, EventContext } from '../../core/datasync/datasync.ts';
import type { KvChange } from '../../core/kv/key-value-store.ts';
import type { Logger } from '../../core/log/logger.ts';
import { plugin, type Plugin } from '../../core/plugin.ts';
import type { Snapshot } from '../../core/snapshot.ts';
import type { StatusReporter } from '../../core/status/agent-status.ts';
import { DATASYNC, LOGGER, STATUS_REPORTER } from '../../core/tokens.ts';
import { KSR_API, type BadKsrObject, type KsrApi, type KsrChange, type KsrChangeHandler } from './api.ts';
import { BadKsrObjectsError } from './bad-objects-error.ts';
import { K8S_PREFIX, kindPrefix } from './keys.ts';
import { KsrState } from './ksr-state.ts';
import type { KsrKind, KsrKinds } from './model.ts';

/** Bad objects listed in /status (the count is always complete). */
const STATUS_BAD_LIMIT = 50;

/**
 * Provides {@linkcode KsrApi}. Subscribers' handlers are registered with the datasync under
 * the subscriber's own name, so they run in plugin order after this plugin's handler (which
 * decodes the batch) and their errors are recorded against them.
 */
@plugin({ name: 'ksr', provides: [KSR_API] })
export class KsrPlugin implements Plugin, KsrApi {
  readonly name = 'ksr';
  readonly #state = new KsrState();
  /** The decoded changes of the event being handled. */
  #current: { seq: number; changes: readonly KsrChange[] } | undefined;
  /** Last logged problem per bad key, so each is logged once. */
  readonly #logged = new Map<string, string>();

  constructor(
    @inject(DATASYNC) private readonly sync: Datasync,
    @inject(LOGGER) private readonly log: Logger,
    @inject(STATUS_REPORTER) private readonly status: StatusReporter,
  ) {}

  init(): void {
    this.sync.watch(this.name, [K8S_PREFIX], (changes, ctx) => this.#onChanges(changes, ctx));
  }

  resync(snapshot: Snapshot): void {
    this.#current = undefined;
    const bad = this.#state.resync(snapshot.withPrefix(K8S_PREFIX));
    this.#afterUpdate(bad);
    this.log.info('resynced', { reason: snapshot.reason, revision: snapshot.revision, ...this.#state.counts(), bad: bad.length });
    if (bad.length > 0) throw new BadKsrObjectsError(bad);
  }

  list<K extends KsrKind>(kind: K): readonly KsrKinds[K][] {
    return this.#state.list(kind);
  }

  get<K extends KsrKind>(kind: K, id: string): KsrKinds[K] | undefined {
    return this.#state.get(kind, id);
  }

  subscribe(owner: string, kinds: readonly KsrKind[], handler: KsrChangeHandler): void {
    const wanted = new Set(kinds);
    this.sync.watch(owner, kinds.map(kindPrefix), async (_raw, ctx) => {
      const current = this.#current;
      if (!current || current.seq !== ctx.seq) return;
      const mine = current.changes.filter((c) => wanted.has(c.kind));
      if (mine.length > 0) await handler(mine, ctx);
    });
  }

  badObjects(): readonly BadKsrObject[] {
    return this.#state.badObjects();
  }

  #onChanges(changes: readonly KvChange[], ctx: EventContext): void {
    const result = this.#state.apply(changes);
    this.#current = { seq: ctx.seq, changes: result.changes };
    this.#afterUpdate(result.bad);
    // Thrown after the state is updated: the event records the skipped keys and fields, and
    // the subscribers' handlers (separate datasync handlers) still run.
    if (result.bad.length > 0) throw new BadKsrObjectsError(result.bad);
  }

  #afterUpdate(newlyBad: readonly BadKsrObject[]): void {
    for (const b of newlyBad) {
      const text = `${b.field}: ${b.detail}`;
      if (this.#logged.get(b.key) === text) continue;
      this.#logged.set(b.key, text);
      this.log.warn('skipped bad object', { key: b.key, field: b.field, detail: b.detail });
    }
    const all = this.#state.badObjects();
    const badKeys = new Set(all.map((b) => b.key));
    for (const key of [...this.#logged.keys()]) if (!badKeys.has(key)) this.#logged.delete(key);
    this.status.details({
      objects: this.#state.counts(),
      badObjectCount: all.length,
      badObjects: all.slice(0, STATUS_BAD_LIMIT),
    });
  }
}
