/**
 * @module planTxn(): the pure ordering of one transaction — which values to delete, update
 * and create, in which order, and which stay pending — assuming every operation succeeds.
 *
 * Order: deletes (dependents before their dependencies), then updates, then creates in rounds
 * (a value only after everything it depends on), each step sorted by key for determinism.
 */
import type { AppliedValue, Dependency } from './descriptor.ts';
import { compareKeys, sortedKeys } from './key-order.ts';
import type { TargetValue } from './target-state.ts';

/** An operation kind. */
export type OpKind = 'create' | 'update' | 'delete';

/**
 * Why an operation is planned: `wanted` (a new value), `removed` (no longer wanted), `changed`
 * (updated in place), `recreate` (changed where only delete + create works, or re-created after
 * a dependency came back), `dependency-gone` (a dependency is deleted or missing),
 * `dependency-ready` (a pending value whose dependencies now exist).
 */
export type OpReason = 'wanted' | 'removed' | 'changed' | 'recreate' | 'dependency-gone' | 'dependency-ready';

/** One planned operation. */
export interface PlannedOp {
  readonly key: string;
  readonly op: OpKind;
  readonly descriptor: string;
  readonly reason: OpReason;
}

/** A wanted value that cannot be created yet, with the dependencies it waits for. */
export interface PendingValue {
  readonly key: string;
  readonly missing: readonly Dependency[];
}

/** The ordered plan of one transaction. */
export interface TxnPlan {
  /** Operations in execution order. */
  readonly ops: readonly PlannedOp[];
  /** Values considered in this transaction that stay pending. */
  readonly pending: readonly PendingValue[];
}

/** What the planner reads: target and applied state with their indexes, and comparators. */
export interface PlannerView {
  target(key: string): TargetValue | undefined;
  applied(key: string): AppliedValue | undefined;
  /** Applied keys depending on `key`. */
  appliedDependents(key: string): Iterable<string>;
  /** Target keys depending on `key`. */
  waiters(key: string): Iterable<string>;
  /** Whether the applied value already is the target value. */
  equivalent(target: TargetValue, applied: AppliedValue): boolean;
  /** Whether turning `applied` into `target` needs delete + create. */
  needsRecreate(target: TargetValue, applied: AppliedValue): boolean;
}

/**
 * Plans a transaction over the `touched` keys (changed keys, retried keys; on resync all keys).
 * Dependents of deleted values and pending values whose dependencies get created are pulled in.
 */
export function planTxn(touched: Iterable<string>, view: PlannerView): TxnPlan {
  const deletes = new Map<string, OpReason>();
  const updates = new Set<string>();
  const candidates = new Map<string, OpReason>();
  const queue: string[] = [];
  const descriptorOf = (key: string): string => (view.target(key) ?? view.applied(key))?.descriptor ?? '';
  const present = (key: string): boolean => view.applied(key) !== undefined && !deletes.has(key);

  const markDelete = (key: string, reason: OpReason): void => {
    if (deletes.has(key)) return;
    deletes.set(key, reason);
    updates.delete(key);
    queue.push(key);
    if (view.target(key)) candidates.set(key, 'recreate');
  };

  const keys = sortedKeys(new Set(touched));
  for (const key of keys) {
    const a = view.applied(key);
    const t = view.target(key);
    if (a && !t) markDelete(key, 'removed');
    else if (a && t && !view.equivalent(t, a)) {
      if (view.needsRecreate(t, a)) markDelete(key, 'recreate');
      else updates.add(key);
    } else if (!a && t) candidates.set(key, 'wanted');
  }

  // A dependency we do not hold but create in this transaction is not gone: VPP proved the
  // dependent exists (a dump found it), so an unchanged dependent stays while the dependency is
  // (re-)created — no delete + create of correct values around a kind VPP cannot list.
  const gone = (key: string, d: Dependency): boolean =>
    !present(d.key) && (updates.has(key) || view.applied(d.key) !== undefined || candidates.get(d.key) !== 'wanted');

  // Dependents of deleted values go first; a touched value whose (new) dependencies are not
  // all present is deleted too and re-created once they are. Repeat to a fixpoint.
  for (;;) {
    while (queue.length > 0) {
      const k = queue.shift() as string;
      for (const dep of sortedKeys(view.appliedDependents(k))) markDelete(dep, 'dependency-gone');
    }
    let more = false;
    for (const key of keys) {
      const t = view.target(key);
      if (!t || !present(key)) continue;
      if (t.deps.some((d) => gone(key, d))) {
        markDelete(key, 'dependency-gone');
        more = true;
      }
    }
    if (!more && queue.length === 0) break;
  }

  const ops: PlannedOp[] = [...orderDeletes(deletes, view)];
  for (const key of sortedKeys(updates)) ops.push({ key, op: 'update', descriptor: descriptorOf(key), reason: 'changed' });

  const created = new Set<string>();
  const isPresent = (key: string): boolean => created.has(key) || present(key);
  for (;;) {
    const ready = sortedKeys(candidates.keys()).filter((k) => (view.target(k)?.deps ?? []).every((d) => isPresent(d.key)));
    if (ready.length === 0) break;
    for (const key of ready) {
      ops.push({ key, op: 'create', descriptor: descriptorOf(key), reason: candidates.get(key) ?? 'wanted' });
      created.add(key);
      candidates.delete(key);
    }
    for (const key of ready) {
      for (const w of view.waiters(key)) {
        if (!candidates.has(w) && !isPresent(w) && view.target(w)) candidates.set(w, 'dependency-ready');
      }
    }
  }
  const pending = sortedKeys(candidates.keys()).map((key) => ({
    key,
    missing: (view.target(key)?.deps ?? []).filter((d) => !isPresent(d.key)),
  }));
  return { ops, pending };
}

/** Deletes in rounds: a value only once nothing left to delete depends on it. */
function orderDeletes(deletes: ReadonlyMap<string, OpReason>, view: PlannerView): PlannedOp[] {
  const blockers = new Map<string, number>();
  for (const key of deletes.keys()) blockers.set(key, 0);
  for (const key of deletes.keys()) {
    for (const d of view.applied(key)?.deps ?? []) {
      if (d.key !== key && blockers.has(d.key)) blockers.set(d.key, (blockers.get(d.key) ?? 0) + 1);
    }
  }
  const out: PlannedOp[] = [];
  const op = (key: string): PlannedOp => ({ key, op: 'delete', descriptor: view.applied(key)?.descriptor ?? '', reason: deletes.get(key) ?? 'removed' });
  while (blockers.size > 0) {
    let ready = [...blockers].filter(([, n]) => n === 0).map(([k]) => k).sort(compareKeys);
    // A dependency cycle among applied values cannot be ordered; delete the rest by key.
    if (ready.length === 0) ready = sortedKeys(blockers.keys());
    for (const key of ready) {
      blockers.delete(key);
      out.push(op(key));
      for (const d of view.applied(key)?.deps ?? []) {
        const n = blockers.get(d.key);
        if (n !== undefined) blockers.set(d.key, n - 1);
      }
    }
  }
  return out;
}
