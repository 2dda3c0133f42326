/**
 * @module A reconciler with every VPP descriptor over a recording channel to a simulator:
 * what descriptor and reconciler tests drive, asserting the exact message list.
 */
import { ManualClock } from '../../core/clock.ts';
import { Reconciler, type ReconcilerOptions } from '../../plugins/vpp/config/reconciler.ts';
import type { TxnChange } from '../../plugins/vpp/config/txn.ts';
import type { TxnRecord } from '../../plugins/vpp/config/txn-record.ts';
import { vppDescriptors } from '../../plugins/vpp/config/vpp-descriptors.ts';
import { vppKeys, type VppValue } from '../../plugins/vpp/model.ts';
import type { VppSimulator } from '../../plugins/vpp/sim/vpp-simulator.ts';
import { newSim } from './vpp-sim-call.ts';
import { recordingSimChannel, type RecordingChannel } from './vpp-recording-channel.ts';

/**
 * `vpp/nat/global` without forwarding: enables the NAT44-ED plugin (every other NAT44 value waits
 * for it) and sends nothing else.
 */
export const NAT_ON: readonly [string, VppValue] = [vppKeys.natGlobal(), { forwarding: false }];

/** What {@linkcode reconcilerOnSim} returns. */
export interface ReconcilerOnSim {
  readonly sim: VppSimulator;
  readonly ch: RecordingChannel;
  readonly rec: Reconciler;
  /** Retries the reconciler asked for. */
  readonly retries: { delay: number; keys: readonly string[] }[];
  /** Commits puts (`[key, value]`) and deletes (`[key]`) as one transaction. */
  commit(...changes: readonly (readonly [string, VppValue?])[]): Promise<TxnRecord | undefined>;
  /** Full resync to exactly `values`. */
  resync(values: ReadonlyMap<string, VppValue> | readonly (readonly [string, VppValue])[]): Promise<TxnRecord>;
  /** Names of the messages sent since the last `clear()`, changing ones only. */
  changes(): string[];
}

/** A reconciler with all VPP descriptors over a recording channel to `sim` (default: `newSim()`). */
export async function reconcilerOnSim(sim: VppSimulator = newSim(), opts: ReconcilerOptions = {}): Promise<ReconcilerOnSim> {
  const ch = await recordingSimChannel(sim);
  const retries: { delay: number; keys: readonly string[] }[] = [];
  const rec = new Reconciler(vppDescriptors(ch), {
    clock: new ManualClock(0),
    scheduleRetry: (delay, keys) => retries.push({ delay, keys }),
    countCalls: () => ch.messages.length,
    ...opts,
  });
  return {
    sim,
    ch,
    rec,
    retries,
    commit: (...changes) =>
      rec.commit(
        changes.map(([key, value]): TxnChange => (value === undefined ? { key } : { key, value })),
        { eventKind: 'test' },
      ),
    resync: (values) => rec.resync([...values].map(([key, value]) => ({ key, value })), { eventKind: 'resync' }),
    changes: () => ch.changes().map((m) => m._msgname),
  };
}

/**
 * {@linkcode reconcilerOnSim} with {@linkcode NAT_ON} committed (and the recording cleared): for
 * tests of NAT44 values. A resync there must re-state `NAT_ON` too, or it disables the plugin.
 */
export async function natReconcilerOnSim(sim?: VppSimulator, opts: ReconcilerOptions = {}): Promise<ReconcilerOnSim> {
  const t = await reconcilerOnSim(sim, opts);
  await t.commit(NAT_ON);
  t.ch.clear();
  return t;
}
