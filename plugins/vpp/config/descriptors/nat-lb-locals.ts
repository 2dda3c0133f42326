/**
 * @module In-place backend changes of a load-balanced mapping
 * (`nat44_lb_static_mapping_add_del_local`): which locals to add and remove, in an order VPP
 * accepts — new backends first, a changed probability as remove + add, removed backends last —
 * or none when the change cannot be made in place. Pure.
 */
import type { NatLocal, NatStaticMapping } from '../../model.ts';
import { compareKeys } from '../key-order.ts';
import { valuesEqual } from '../value-equal.ts';

/** One `nat44_lb_static_mapping_add_del_local`. */
export interface LocalChange {
  readonly isAdd: boolean;
  readonly local: NatLocal;
}

const id = (l: NatLocal): string => `${l.ip}:${l.port}`;
const byId = (a: NatLocal, b: NatLocal): number => compareKeys(id(a), id(b));

/** VPP removes a backend only while at least this many are configured. */
const MIN_LOCALS_TO_REMOVE = 3;

/**
 * The backend changes that turn `applied` into `desired`, or undefined when the mapping must be
 * re-created: a field other than `locals` differs, either side has fewer than two locals (a plain
 * static mapping) or a local twice, or some removal would leave VPP with fewer than two.
 * @example planLocalChanges(lb([a, b]), lb([a, b, c])) // → [{ isAdd: true, local: c }]
 */
export function planLocalChanges(applied: NatStaticMapping, desired: NatStaticMapping): LocalChange[] | undefined {
  if (applied.locals.length < 2 || desired.locals.length < 2) return undefined;
  if (!valuesEqual({ ...applied, locals: [] }, { ...desired, locals: [] })) return undefined;
  const had = new Map(applied.locals.map((l) => [id(l), l]));
  const want = new Map(desired.locals.map((l) => [id(l), l]));
  if (had.size !== applied.locals.length || want.size !== desired.locals.length) return undefined;
  const added = desired.locals.filter((l) => !had.has(id(l))).sort(byId);
  const changed = desired.locals.filter((l) => had.has(id(l)) && had.get(id(l))!.probability !== l.probability).sort(byId);
  const removed = applied.locals.filter((l) => !want.has(id(l))).sort(byId);
  const ops: LocalChange[] = [
    ...added.map((local) => ({ isAdd: true, local })),
    ...changed.flatMap((local) => [{ isAdd: false, local: had.get(id(local))! }, { isAdd: true, local }]),
    ...removed.map((local) => ({ isAdd: false, local })),
  ];
  let n = applied.locals.length;
  for (const op of ops) {
    if (!op.isAdd && n < MIN_LOCALS_TO_REMOVE) return undefined;
    n += op.isAdd ? 1 : -1;
  }
  return ops;
}
