/**
 * @module LatencyProbePlugin: records, for every event carrying pod changes, the store
 * revisions it applied and the wall-clock time its end hooks reached this plugin — after the
 * vpp plugin's hook, i.e. once the event's VPP transaction is committed in the simulator (it
 * injects `VPP_API` and `POLICY_API`, so it starts, and its end hook runs, after both).
 */
import { inject } from 'tsyringe';
import type { Datasync } from '../core/datasync/datasync.ts';
import { plugin, type Plugin } from '../core/plugin.ts';
import { DATASYNC } from '../core/tokens.ts';
import { kindPrefix } from '../plugins/ksr/keys.ts';
import { POLICY_API, type PolicyApi } from '../plugins/policy/api.ts';
import { VPP_API, type VppApi } from '../plugins/vpp/api.ts';
import type { TxnRecord } from '../plugins/vpp/config/txn-record.ts';
import { wallUs } from './wall-clock.ts';

/** One handled event with pod changes. */
export interface ObservedEvent {
  readonly revisions: readonly number[];
  /** When its first handler (ours) saw it / its end hook ran, µs since the epoch. */
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
      this.#current = { seq: ctx.seq, revisions: changes.map((c) => c.revision), startUs: wallUs() };
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
