/** @module The state of every value the reconciler knows: desired vs applied, and why they differ. */
import type { ContivError } from '../../../core/errors.ts';
import type { AppliedState } from './applied-state.ts';
import type { AppliedValue, Dependency } from './descriptor.ts';
import { sortedKeys } from './key-order.ts';
import type { TargetState, TargetValue } from './target-state.ts';
import type { OpKind } from './txn-planner.ts';

/**
 * `configured`: in VPP as desired. `pending`: waits for dependencies. `failed`: the last
 * operation failed (retried while attempts remain). `invalid`: rejected by validation.
 * `obsolete`: still in VPP though no longer desired. `outdated`: in VPP with another value.
 */
export type ValueStatus = 'configured' | 'pending' | 'failed' | 'invalid' | 'obsolete' | 'outdated';

/** The last failure of a value. */
export interface ValueFailure {
  readonly op: OpKind;
  readonly error: ContivError;
  /** Failures so far (1 after the first). */
  readonly attempts: number;
  /** When the next retry runs (ms), if one is scheduled. */
  readonly retryAt?: number;
}

/** One value as `/vpp/state` shows it. */
export interface ValueState {
  readonly key: string;
  readonly descriptor?: string;
  readonly status: ValueStatus;
  readonly desired?: unknown;
  readonly applied?: unknown;
  readonly metadata?: unknown;
  readonly derivedFrom?: string;
  /** `pending`: dependencies not configured. */
  readonly missing?: readonly Dependency[];
  /** `failed` / `invalid`: the error as JSON. */
  readonly error?: Readonly<Record<string, unknown>>;
  readonly attempts?: number;
  readonly retryAt?: number;
}

/** Inputs of {@linkcode describeValues}. */
export interface StateSources {
  readonly target: TargetState;
  readonly applied: AppliedState;
  readonly failures: ReadonlyMap<string, ValueFailure>;
  readonly equivalent: (t: TargetValue, a: AppliedValue) => boolean;
}

/** Every known key (desired, invalid or applied) with its status, sorted by key. */
export function describeValues({ target, applied, failures, equivalent }: StateSources): ValueState[] {
  const keys = sortedKeys(new Set([...target.keys(), ...applied.keys()]));
  return keys.map((key) => {
    const t = target.get(key);
    const a = applied.get(key);
    const f = failures.get(key);
    const bad = target.invalid(key);
    const base = {
      key,
      ...(t || a ? { descriptor: (t ?? a)?.descriptor } : {}),
      ...(t ? { desired: t.value } : {}),
      ...(a ? { applied: a.value, metadata: a.metadata } : {}),
      ...(t?.derivedFrom ? { derivedFrom: t.derivedFrom } : {}),
    };
    if (bad) return { ...base, status: 'invalid', error: bad.toJSON() };
    if (f) {
      return { ...base, status: 'failed', error: f.error.toJSON(), attempts: f.attempts, ...(f.retryAt === undefined ? {} : { retryAt: f.retryAt }) };
    }
    if (t && !a) return { ...base, status: 'pending', missing: t.deps.filter((d) => !applied.has(d.key)) };
    if (!t) return { ...base, status: 'obsolete' };
    return { ...base, status: a && equivalent(t, a) ? 'configured' : 'outdated' };
  });
}
