/**
 * @module Reconciler: a small KVScheduler. It keeps the desired state (values plugins put and
 * what they derive) and the applied state (what VPP holds of ours, with metadata), and turns a
 * change of either into ordered descriptor operations: normal transactions apply a delta, a
 * full resync dumps VPP through every descriptor and applies only the difference. Failed
 * operations are retried with backoff through an injected scheduler; every transaction is
 * recorded.
 */
import type { Clock } from '../../../core/clock.ts';
import { systemClock } from '../../../core/clock.ts';
import { errorToJSON } from '../../../core/errors.ts';
import type { Logger } from '../../../core/log/logger.ts';
import { AppliedState } from './applied-state.ts';
import { dumpAppliedState } from './dump-applied-state.ts';
import type { AppliedValue, KeyValue } from './descriptor.ts';
import type { DescriptorRegistry } from './descriptor-registry.ts';
import { compareKeys, sortedKeys } from './key-order.ts';
import { DEFAULT_RETRY_POLICY, retryDelay, type RetryPolicy } from './retry-policy.ts';
import { TargetState, type TargetValue } from './target-state.ts';
import type { TxnChange } from './txn.ts';
import { executePlan, type OpOutcome } from './txn-executor.ts';
import { TxnHistory } from './txn-history.ts';
import { planTxn } from './txn-planner.ts';
import type { DumpSummary, ExecutedOp, TxnRecord } from './txn-record.ts';
import { valuesEqual } from './value-equal.ts';
import { describeValues, type ValueFailure, type ValueState } from './value-state.ts';

/** Options of a {@linkcode Reconciler}. */
export interface ReconcilerOptions {
  /** Time of records and retries. @default systemClock */
  readonly clock?: Clock;
  /** Failures are logged here once (warn), transactions at debug. */
  readonly log?: Logger;
  /** @default DEFAULT_RETRY_POLICY */
  readonly retry?: Partial<RetryPolicy>;
  /** Transactions kept in the history. @default 100 */
  readonly historySize?: number;
  /**
   * Asks for a retry of `keys` after `delayMs` (the vpp plugin pushes an event into the loop
   * that commits with `retryKeys`). Without it, failures are recorded but never retried.
   */
  readonly scheduleRetry?: (delayMs: number, keys: readonly string[]) => void;
  /** A monotonic counter of southbound calls; each record gets the difference. */
  readonly countCalls?: () => number;
}

/** Which event a transaction belongs to. */
export interface CommitInfo {
  readonly eventKind: string;
  readonly eventSeq?: number;
  /** Keys whose failed operation is retried now. */
  readonly retryKeys?: readonly string[];
}

/** `/vpp/state`: every value and the foreign objects the last resync saw. */
export interface ReconcilerState {
  readonly values: readonly ValueState[];
  readonly foreign: readonly { readonly descriptor: string; readonly objects: readonly string[] }[];
}

/** Value counts of {@linkcode Reconciler.summary}. */
export interface ReconcilerSummary {
  /** Valid desired values (base and derived). */
  readonly wanted: number;
  /** Values configured in VPP. */
  readonly applied: number;
  /** Desired values waiting for dependencies. */
  readonly pending: number;
  /** Values whose last operation failed. */
  readonly failed: number;
  /** Values rejected by validation. */
  readonly invalid: number;
}

/** The reconciler of one agent. Calls are serialised; each is one transaction. */
export class Reconciler {
  readonly #registry: DescriptorRegistry;
  readonly #target: TargetState;
  #applied = new AppliedState();
  readonly #failures = new Map<string, ValueFailure>();
  readonly #history: TxnHistory;
  readonly #clock: Clock;
  readonly #log?: Logger;
  readonly #retry: RetryPolicy;
  readonly #opts: ReconcilerOptions;
  #foreign: ReconcilerState['foreign'] = [];
  #seq = 0;
  #tail: Promise<unknown> = Promise.resolve();

  constructor(registry: DescriptorRegistry, opts: ReconcilerOptions = {}) {
    this.#registry = registry;
    this.#target = new TargetState(registry);
    this.#history = new TxnHistory(opts.historySize ?? 100);
    this.#clock = opts.clock ?? systemClock;
    this.#retry = { ...DEFAULT_RETRY_POLICY, ...opts.retry };
    this.#opts = opts;
    if (opts.log) this.#log = opts.log;
  }

  /** The desired (plugin-put) value of `key`. */
  desired(key: string): unknown {
    return this.#target.desired(key);
  }

  /** Desired keys under `prefix`, sorted. */
  desiredKeys(prefix: string): readonly string[] {
    return this.#target.desiredKeys(prefix);
  }

  /** Metadata of a configured key (`{ swIfIndex }` for an interface). */
  metadata(key: string): unknown {
    return this.#applied.metadata(key);
  }

  /** The applied value of `key`, if configured. */
  applied(key: string): AppliedValue | undefined {
    return this.#applied.get(key);
  }

  /** The transaction history, oldest first. */
  history(): readonly TxnRecord[] {
    return this.#history.list();
  }

  /** Desired vs applied for every value, and the foreign objects seen by the last resync. */
  state(): ReconcilerState {
    const values = describeValues({ target: this.#target, applied: this.#applied, failures: this.#failures, equivalent: this.#equivalent });
    return { values, foreign: this.#foreign };
  }

  /** Counts for status reports, without comparing values (cheap enough for every event). */
  summary(): ReconcilerSummary {
    let wanted = 0;
    let pending = 0;
    let invalid = 0;
    for (const key of this.#target.keys()) {
      if (this.#target.invalid(key)) invalid++;
      else {
        wanted++;
        if (!this.#applied.has(key) && !this.#failures.has(key)) pending++;
      }
    }
    return { wanted, applied: this.#applied.size, pending, failed: this.#failures.size, invalid };
  }

  /**
   * Applies one event's changes (and retries). Resolves with the record, or `undefined` when
   * there was nothing to do.
   */
  commit(changes: readonly TxnChange[], info: CommitInfo): Promise<TxnRecord | undefined> {
    return this.#serial(async () => {
      const retried = sortedKeys(new Set(info.retryKeys ?? []));
      if (changes.length === 0 && retried.length === 0) return undefined;
      const started = this.#clock.now();
      const calls = this.#opts.countCalls?.();
      const touched = new Set<string>(retried);
      for (const c of changes) {
        for (const k of this.#target.setBase(c.key, c.value)) {
          touched.add(k);
          this.#failures.delete(k);
        }
      }
      return this.#run(touched, { info, started, calls, changes, retried, isResync: false });
    });
  }

  /**
   * Full resync: the desired state becomes exactly `entries`; VPP is dumped through every
   * descriptor and only the difference is applied. Our stale objects are removed, foreign ones
   * left alone. Over an identical state it makes no changing call. With `keepUnlisted`
   * (some plugin failed to re-state its state) our objects that are not listed are kept
   * instead of removed, so a failed resync hook cannot wipe the data plane.
   */
  resync(entries: readonly KeyValue[], info: CommitInfo, opts: { readonly keepUnlisted?: boolean } = {}): Promise<TxnRecord> {
    return this.#serial(async () => {
      const started = this.#clock.now();
      const calls = this.#opts.countCalls?.();
      this.#target.replaceAll(entries);
      const dumped = await dumpAppliedState(this.#registry, this.#target, this.#applied, this.#log);
      this.#applied = dumped.applied;
      this.#foreign = dumped.foreign;
      const dumps = dumped.summaries;
      this.#failures.clear();
      const touched = new Set<string>(opts.keepUnlisted ? this.#target.keys() : [...this.#target.keys(), ...this.#applied.keys()]);
      const changes = [...entries].sort((a, b) => compareKeys(a.key, b.key));
      const record = await this.#run(touched, { info, started, calls, changes, retried: [], isResync: true, dumps });
      this.#log?.info('vpp resync done', { seq: record.seq, ops: record.executed.length, pending: record.pending.length, calls: record.calls });
      return record;
    });
  }

  async #run(touched: ReadonlySet<string>, r: RunInfo): Promise<TxnRecord> {
    const plan = planTxn(touched, {
      target: (k) => this.#target.get(k),
      applied: (k) => this.#applied.get(k),
      appliedDependents: (k) => this.#applied.dependents(k),
      waiters: (k) => this.#target.waiters(k),
      equivalent: this.#equivalent,
      needsRecreate: this.#needsRecreate,
    });
    const outcomes = await executePlan(plan.ops, { registry: this.#registry, target: this.#target, applied: this.#applied });
    this.#adoptEquivalent(touched);
    const executed = this.#settle(outcomes);
    const skippedCreates = outcomes.filter((o) => o.result === 'skipped' && o.op.op === 'create').map((o) => o.op.key);
    const pending = [
      ...plan.pending,
      ...skippedCreates.flatMap((key) => {
        const t = this.#target.get(key);
        return t && !this.#applied.has(key) ? [{ key, missing: t.deps.filter((d) => !this.#applied.has(d.key)) }] : [];
      }),
    ];
    const invalid = sortedKeys(touched).flatMap((key) => {
      const e = this.#target.invalid(key);
      return e ? [{ key, error: e.toJSON() }] : [];
    });
    const after = this.#opts.countCalls?.();
    const record: TxnRecord = {
      seq: ++this.#seq,
      ...(r.info.eventSeq === undefined ? {} : { eventSeq: r.info.eventSeq }),
      eventKind: r.info.eventKind,
      isResync: r.isResync,
      retried: r.retried,
      startedAt: r.started,
      durationMs: this.#clock.now() - r.started,
      changes: r.changes.map((c) => ({ key: c.key, op: c.value === undefined ? 'delete' : 'put' })),
      invalid,
      ...(r.dumps ? { dumps: r.dumps } : {}),
      planned: plan.ops,
      executed,
      pending,
      ...(r.calls !== undefined && after !== undefined ? { calls: after - r.calls } : {}),
    };
    this.#history.add(record);
    this.#log?.debug('vpp txn', { seq: record.seq, event: r.info.eventKind, ops: executed.length, pending: pending.length });
    return record;
  }

  /**
   * An applied value equivalent to the desired one takes the desired form (and dependencies):
   * `/vpp/state` then shows what was asked for, and later updates start from it.
   */
  #adoptEquivalent(touched: ReadonlySet<string>): void {
    for (const key of touched) {
      const t = this.#target.get(key);
      const a = this.#applied.get(key);
      if (!t || !a || a.value === t.value || !this.#equivalent(t, a)) continue;
      this.#applied.set({ ...a, value: t.value, deps: t.deps, ...(t.group === undefined ? {} : { group: t.group }) });
    }
  }

  /** Updates failures from the outcomes, schedules retries, and returns the executed ops. */
  #settle(outcomes: readonly OpOutcome[]): ExecutedOp[] {
    const now = this.#clock.now();
    const retryAt = new Map<number, string[]>();
    const executed = outcomes.map((o): ExecutedOp => {
      const base = { key: o.op.key, op: o.op.op, descriptor: o.op.descriptor, reason: o.op.reason };
      if (o.result === 'ok') this.#failures.delete(o.op.key);
      if (o.result !== 'error' || !o.error) return { ...base, result: o.result };
      const attempts = (this.#failures.get(o.op.key)?.attempts ?? 0) + 1;
      const retry = o.retriable === true && this.#opts.scheduleRetry !== undefined && attempts <= this.#retry.maxRetries;
      const delay = retry ? retryDelay(attempts, this.#retry) : 0;
      this.#failures.set(o.op.key, { op: o.op.op, error: o.error, attempts, ...(retry ? { retryAt: now + delay } : {}) });
      if (retry) retryAt.set(delay, [...(retryAt.get(delay) ?? []), o.op.key]);
      this.#log?.warn(retry ? 'vpp operation failed, will retry' : 'vpp operation failed', { ...o.error.toJSON(), attempts });
      return { ...base, result: 'error', error: errorToJSON(o.error), ...(retry ? { retry: attempts } : {}) };
    });
    for (const [delay, keys] of [...retryAt].sort((a, b) => a[0] - b[0])) this.#opts.scheduleRetry?.(delay, sortedKeys(new Set(keys)));
    return executed;
  }

  readonly #equivalent = (t: TargetValue, a: AppliedValue): boolean => {
    if (t.descriptor !== a.descriptor) return false;
    const d = this.#registry.get(t.descriptor);
    return d?.equivalent ? d.equivalent(t.key, t.value, a.value) : valuesEqual(t.value, a.value);
  };

  readonly #needsRecreate = (t: TargetValue, a: AppliedValue): boolean => {
    const d = this.#registry.get(t.descriptor);
    if (!d || t.descriptor !== a.descriptor || !d.update) return true;
    return d.recreate?.(t.key, t.value, a.value) ?? false;
  };

  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const p = this.#tail.then(fn, fn);
    this.#tail = p.catch(() => undefined);
    return p;
  }
}

interface RunInfo {
  readonly info: CommitInfo;
  readonly started: number;
  readonly calls: number | undefined;
  readonly changes: readonly TxnChange[];
  readonly retried: readonly string[];
  readonly isResync: boolean;
  readonly dumps?: readonly DumpSummary[];
}
