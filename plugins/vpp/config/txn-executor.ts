/**
 * @module executePlan(): runs a planned transaction against the descriptors, updating the
 * applied state after each successful operation. Best effort: a failed operation is recorded
 * and the rest goes on; a create whose dependency is not configured (it failed) is skipped.
 */
import { BadInputError } from '../../../core/errors.ts';
import type { AppliedState } from './applied-state.ts';
import type { AnyDescriptor } from './descriptor.ts';
import type { DescriptorRegistry } from './descriptor-registry.ts';
import { OperationFailedError } from './reconciler-errors.ts';
import type { TargetState } from './target-state.ts';
import type { PlannedOp } from './txn-planner.ts';

/** The outcome of one planned operation. */
export interface OpOutcome {
  readonly op: PlannedOp;
  readonly result: 'ok' | 'error' | 'skipped';
  readonly error?: OperationFailedError;
  /** Whether the failure is worth retrying (`error` only). */
  readonly retriable?: boolean;
}

/** What the executor works on. */
export interface ExecutionState {
  readonly registry: DescriptorRegistry;
  readonly target: TargetState;
  readonly applied: AppliedState;
}

/** Executes `ops` in order and returns one outcome per operation. */
export async function executePlan(ops: readonly PlannedOp[], state: ExecutionState): Promise<OpOutcome[]> {
  const out: OpOutcome[] = [];
  for (const op of ops) {
    const d = state.registry.get(op.descriptor);
    if (!d) {
      out.push({ op, result: 'skipped' });
      continue;
    }
    try {
      out.push({ op, result: (await runOne(op, d, state)) ? 'ok' : 'skipped' });
    } catch (err: unknown) {
      const error = err instanceof OperationFailedError ? err : new OperationFailedError(op.key, op.op, d.name, { cause: err });
      const retriable = d.retriable ? d.retriable(err) : !(err instanceof BadInputError);
      out.push({ op, result: 'error', error, retriable });
    }
  }
  return out;
}

/** Runs one operation; false when it had to be skipped. */
async function runOne(op: PlannedOp, d: AnyDescriptor, { target, applied }: ExecutionState): Promise<boolean> {
  const key = op.key;
  if (op.op === 'delete') {
    const a = applied.get(key);
    if (!a) return false;
    await d.delete(key, a.value, a.metadata, applied);
    applied.delete(key);
    return true;
  }
  const t = target.get(key);
  if (!t) return false;
  if (op.op === 'update') {
    const a = applied.get(key);
    if (!a || !d.update) return false;
    const metadata = await d.update(key, t.value, a.value, a.metadata, applied);
    applied.set({ key, value: t.value, metadata, descriptor: d.name, deps: t.deps, ...(t.group === undefined ? {} : { group: t.group }) });
    return true;
  }
  // A create is skipped when the value is still there (its recreate-delete failed) or a
  // dependency did not come up (its create failed): the value stays pending.
  if (applied.has(key) || t.deps.some((dep) => !applied.has(dep.key))) return false;
  const metadata = await d.create(key, t.value, applied);
  applied.set({ key, value: t.value, metadata, descriptor: d.name, deps: t.deps, ...(t.group === undefined ? {} : { group: t.group }) });
  return true;
}
