/**
 * @module dumpAppliedState(): what VPP really holds of ours, read through every descriptor's
 * dump (in `dumpAfter` order, each seeing the metadata dumped before it), as the applied state
 * a full resync diffs against. Kinds without a dump, or whose dump failed, keep the previous view.
 */
import type { Logger } from '../../../core/log/logger.ts';
import { AppliedState } from './applied-state.ts';
import type { DumpContext } from './descriptor.ts';
import type { DescriptorRegistry } from './descriptor-registry.ts';
import { DumpFailedError } from './reconciler-errors.ts';
import { DERIVED_FROM, type TargetState } from './target-state.ts';
import type { DumpSummary } from './txn-record.ts';

/** What the dumps found. */
export interface DumpedState {
  readonly applied: AppliedState;
  readonly summaries: readonly DumpSummary[];
  /** Foreign objects per descriptor (only descriptors that found some). */
  readonly foreign: readonly { readonly descriptor: string; readonly objects: readonly string[] }[];
}

/** Dumps every kind; `old` is the previous applied state, `target` the new desired state. */
export async function dumpAppliedState(registry: DescriptorRegistry, target: TargetState, old: AppliedState, log?: Logger): Promise<DumpedState> {
  const fresh = new AppliedState();
  const summaries: DumpSummary[] = [];
  const foreign: { descriptor: string; objects: readonly string[] }[] = [];
  for (const d of registry.dumpOrder()) {
    const keepOld = (): void => old.values(d.name).forEach((v) => fresh.set(v));
    if (!d.dump) {
      keepOld();
      continue;
    }
    const ctx: DumpContext = {
      metadata: (k) => fresh.metadata(k),
      group: (g) => fresh.group(g),
      values: (n) => fresh.values(n),
      claimed: (k) => target.get(k) !== undefined || target.invalid(k) !== undefined || old.has(k),
      correlate: (k) => target.get(k)?.value,
      desiredKeys: (prefix) => target.desiredKeys(prefix),
      previous: (k) => old.get(k),
    };
    try {
      const res = await d.dump(ctx);
      for (const o of res.ours) {
        // A dumped derived value keeps its base as a dependency (known from the desired state
        // or our previous view), so it is deleted before its base.
        const deps = [...(safe(() => d.dependencies?.(o.key, o.value)) ?? [])];
        const bases = [target.get(o.key)?.derivedFrom, ...(old.get(o.key)?.deps ?? []).filter((x) => x.label === DERIVED_FROM).map((x) => x.key)];
        for (const base of bases) if (base !== undefined && !deps.some((x) => x.key === base)) deps.push({ label: DERIVED_FROM, key: base });
        const group = safe(() => d.group?.(o.key, o.value));
        fresh.set({ key: o.key, value: o.value, metadata: o.metadata, descriptor: d.name, deps, ...(group === undefined ? {} : { group }) });
      }
      summaries.push({ descriptor: d.name, ours: res.ours.length, foreign: res.foreign });
      if (res.foreign.length > 0) foreign.push({ descriptor: d.name, objects: res.foreign });
    } catch (err: unknown) {
      const error = new DumpFailedError(d.name, { cause: err });
      log?.warn('vpp dump failed', error.toJSON());
      summaries.push({ descriptor: d.name, ours: 0, foreign: [], error: error.toJSON() });
      keepOld();
    }
  }
  return { applied: fresh, summaries, foreign };
}

function safe<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}
