/**
 * @module LatencyProbePlugin: records, for every event carrying pod changes, the store
 * revisions it applied, when it started being handled ({@linkcode LatencyStartPlugin}) and the
 * wall-clock time its end hooks reached this plugin — after the vpp plugin's hook, i.e. once
 * the event's VPP transaction is committed in the simulator (it injects `VPP_API` and
 * `POLICY_API`, so it starts, and its end hook runs, after both).
 */
import { inject, type InjectionToken } from 'tsyringe';
import type { Datasync } from '../core/datasync/datasync.ts';
import { plugin, type Plugin } from '../core/plugin.ts';
import { DATASYNC } from '../core/tokens.ts';
import { kindPrefix } from '../plugins/ksr/keys.ts';
import { POLICY_API, type PolicyApi } from '../plugins/policy/api.ts';
import { VPP_API, type VppApi } from '../plugins/vpp/api.ts';
import type { TxnRecord } from '../plugins/vpp/config/txn-record.ts';
import { wallUs } from './wall-clock.ts';

/** Event start times by event sequence number, recorded by {@linkcode LatencyStartPlugin}. */
export interface EventStarts {
  readonly starts: Map<number, number>;
}

/** Token of the event start times. */
export const BENCH_EVENT_STARTS: InjectionToken<EventStarts> = Symbol('bench.EventStarts');

/**
 * Records when each event with pod changes starts being handled: its watch handler is the
 * first of the event (the plugin depends only on datasync and comes first in the build).
 */
@plugin({ name: 'bench-latency-start', provides: [BENCH_EVENT_STARTS] })
export class LatencyStartPlugin implements Plugin, EventStarts {
  readonly name = 'bench-latency-start';
  readonly starts = new Map<number, number>();

  constructor(@inject(DATASYNC) private readonly datasync: Datasync) {}

  init(): void {
    this.datasync.watch(this.name, [kindPrefix('pod')], (_changes, ctx) => {
      this.starts.set(ctx.seq, wallUs());
    });
  }
}

/** One handled event with pod changes. */
export interface ObservedEvent {
  readonly revisions: readonly number[];
  /** When its first handler saw it / its end hook ran, µs since the epoch. */
  readonly startUs: number;
  readonly endUs: number;
  /** VPP operations the event's transaction executed (0 = nothing to change in VPP). */
  readonly vppOps: number;
}

/** Watches pod changes and timestamps the end of their events. */
@plugin({ name: 'bench-latency' })
export class LatencyProbePlugin implements Plugin {
  readonly name = 'bench-latency';
  readonly events: ObservedEvent[] = [];
  #current: { seq: number; revisions: number[]; startUs: number } | undefined;
  #lastTxn: () => TxnRecord | undefined = () => undefined;

  constructor(
    @inject(DATASYNC) private readonly datasync: Datasync,
    @inject(BENCH_EVENT_STARTS) private readonly first: EventStarts,
    @inject(VPP_API) _vpp: VppApi,
    @inject(POLICY_API) _policy: PolicyApi,
  ) {}

  /** Where the last VPP transaction record comes from (the vpp plugin's reconciler). */
  observe(lastTxn: () => TxnRecord | undefined): void {
    this.#lastTxn = lastTxn;
  }

  /** The highest revision handled so far. */
  lastRevision(): number {
    return this.events.at(-1)?.revisions.at(-1) ?? 0;
  }

  init(): void {
    this.datasync.watch(this.name, [kindPrefix('pod')], (changes, ctx) => {
      this.#current = { seq: ctx.seq, revisions: changes.map((c) => c.revision), startUs: this.first.starts.get(ctx.seq) ?? wallUs() };
      this.first.starts.delete(ctx.seq);
    });
    this.datasync.onEventEnd(this.name, (ctx) => {
      const c = this.#current;
      if (!c || c.seq !== ctx.seq) return;
      this.#current = undefined;
      const txn = this.#lastTxn();
      this.events.push({ revisions: c.revisions, startUs: c.startUs, endUs: wallUs(), vppOps: txn?.eventSeq === ctx.seq ? txn.executed.length : 0 });
    });
  }
}
