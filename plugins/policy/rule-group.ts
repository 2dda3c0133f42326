/**
 * @module RuleGroup: sorted, distinct rules with the origins of each, and their algebra — built
 * from entries, merged (a merge equals a stable sort of all entries), and patched (one origin
 * per removed entry taken out, added entries merged in). Patches are recorded on the result so
 * that a rule list merged from groups can later be patched the same way instead of re-merged.
 */
import type { ContivRule } from './contiv-rule.ts';
import { compareRules } from './contiv-rule.ts';
import type { RuleOrigin } from './rule-origin.ts';

/** One allow with its origin. */
export interface Entry {
  readonly rule: ContivRule;
  readonly origin: RuleOrigin;
}

/** Sorted, distinct rules with the origins of each (equal rules merged, origins in entry order). */
export interface RuleGroup {
  readonly rules: readonly ContivRule[];
  readonly origins: readonly (readonly RuleOrigin[])[];
}

/** How a group was derived from another: one origin of each `removed` entry out, `added` merged in. */
export interface GroupPatch {
  readonly from: RuleGroup;
  readonly removed: readonly Entry[];
  readonly added: RuleGroup;
}

/** The empty group. */
export const EMPTY_GROUP: RuleGroup = { rules: [], origins: [] };

/** Order of origins within a rule: a number per origin; equal numbers keep their order. */
export type OriginOrder = (o: RuleOrigin) => number;

const PATCHES = new WeakMap<RuleGroup, GroupPatch>();

/** Stable sort by the rule order, then equal neighbours merged. */
export function groupEntries(entries: readonly Entry[]): RuleGroup {
  if (entries.length === 0) return EMPTY_GROUP;
  const sorted = [...entries].sort((a, b) => compareRules(a.rule, b.rule));
  const rules: ContivRule[] = [];
  const origins: RuleOrigin[][] = [];
  for (const e of sorted) {
    const n = rules.length;
    if (n > 0 && compareRules(rules[n - 1]!, e.rule) === 0) origins[n - 1]!.push(e.origin);
    else {
      rules.push(e.rule);
      origins.push([e.origin]);
    }
  }
  return { rules, origins };
}

/**
 * Merges two groups; on equal rules the first group's rule stays and the origins are merged:
 * by `order` when given, else the first group's first.
 */
export function mergeTwo(a: RuleGroup, b: RuleGroup, order?: OriginOrder): RuleGroup {
  if (b.rules.length === 0) return a;
  if (a.rules.length === 0) return b;
  // A patch merges a few rules into a long list: binary-search their places, copy the runs between.
  if (b.rules.length * LOPSIDED < a.rules.length) return mergeFew(a, b, false, order);
  if (a.rules.length * LOPSIDED < b.rules.length) return mergeFew(b, a, true, order);
  // Arrays of the final size at most (no growth copies).
  const rules = new Array<ContivRule>(a.rules.length + b.rules.length);
  const origins = new Array<readonly RuleOrigin[]>(a.rules.length + b.rules.length);
  let k = 0;
  let i = 0;
  let j = 0;
  while (i < a.rules.length && j < b.rules.length) {
    const ra = a.rules[i]!;
    const rb = b.rules[j]!;
    const c = ra === rb ? 0 : compareRules(ra, rb);
    if (c < 0) {
      rules[k] = ra;
      origins[k++] = a.origins[i++]!;
    } else if (c > 0) {
      rules[k] = rb;
      origins[k++] = b.origins[j++]!;
    } else {
      rules[k] = ra;
      origins[k++] = order ? mergeOrigins(a.origins[i++]!, b.origins[j++]!, order) : [...a.origins[i++]!, ...b.origins[j++]!];
    }
  }
  for (; i < a.rules.length; i++, k++) {
    rules[k] = a.rules[i]!;
    origins[k] = a.origins[i]!;
  }
  for (; j < b.rules.length; j++, k++) {
    rules[k] = b.rules[j]!;
    origins[k] = b.origins[j]!;
  }
  rules.length = k;
  origins.length = k;
  return { rules, origins };
}

/** Size ratio from which a merge searches the places of the shorter group's rules. */
const LOPSIDED = 8;

/**
 * The merge of `long` and `few` (same result as the linear merge): each rule of `few` is placed
 * by binary search. `fewFirst`: `few` is the first group (its rule and origins win ties).
 */
function mergeFew(long: RuleGroup, few: RuleGroup, fewFirst: boolean, order?: OriginOrder): RuleGroup {
  // Arrays of the final size at most (no growth copies: patches run for every peer policy of a
  // changed pod, over groups of thousands of rules).
  const lr = long.rules;
  const lo_ = long.origins;
  const n = lr.length;
  const rules = new Array<ContivRule>(n + few.rules.length);
  const origins = new Array<readonly RuleOrigin[]>(n + few.rules.length);
  let k = 0;
  let i = 0;
  for (let j = 0; j < few.rules.length; j++) {
    const r = few.rules[j]!;
    let lo = i;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareRules(lr[mid]!, r) < 0) lo = mid + 1;
      else hi = mid;
    }
    for (; i < lo; i++, k++) {
      rules[k] = lr[i]!;
      origins[k] = lo_[i]!;
    }
    if (i < n && (lr[i] === r || compareRules(lr[i]!, r) === 0)) {
      const x = fewFirst ? few.origins[j]! : lo_[i]!;
      const y = fewFirst ? lo_[i]! : few.origins[j]!;
      rules[k] = fewFirst ? r : lr[i]!;
      origins[k++] = order ? mergeOrigins(x, y, order) : [...x, ...y];
      i++;
    } else {
      rules[k] = r;
      origins[k++] = few.origins[j]!;
    }
  }
  for (; i < n; i++, k++) {
    rules[k] = lr[i]!;
    origins[k] = lo_[i]!;
  }
  rules.length = k;
  origins.length = k;
  return { rules, origins };
}

/** Merges groups in order (the result equals a stable sort of all their entries, merged). */
export function mergeGroups(parts: readonly RuleGroup[], from = 0, to = parts.length): RuleGroup {
  if (to - from === 0) return EMPTY_GROUP;
  if (to - from === 1) return parts[from]!;
  const mid = (from + to) >> 1;
  return mergeTwo(mergeGroups(parts, from, mid), mergeGroups(parts, mid, to));
}

/** Two origin lists, each in `order`, merged in that order (ties: `a` first). */
function mergeOrigins(a: readonly RuleOrigin[], b: readonly RuleOrigin[], order: OriginOrder): RuleOrigin[] {
  const out: RuleOrigin[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(order(b[j]!) < order(a[i]!) ? b[j++]! : a[i++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

/** Index of `rule` (by value) in sorted `rules`, or -1. */
function findRule(rules: readonly ContivRule[], rule: ContivRule): number {
  let lo = 0;
  let hi = rules.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = compareRules(rules[mid]!, rule);
    if (c === 0) return mid;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

const sameSource = (x: RuleOrigin, y: RuleOrigin): boolean =>
  x.kind === 'policy' && y.kind === 'policy' && x.ref.policy === y.ref.policy && x.ref.direction === y.ref.direction && x.ref.rule === y.ref.rule;

/** The group without one origin of each removed entry (a rule loses its place with its last origin). */
function removeEntries(g: RuleGroup, removed: readonly Entry[]): RuleGroup {
  if (removed.length === 0) return g;
  const origins = g.origins.slice();
  let emptied = 0;
  for (const e of removed) {
    const i = findRule(g.rules, e.rule);
    if (i < 0) continue;
    const o = origins[i]!;
    const at = o.findIndex((x) => sameSource(x, e.origin));
    if (at < 0) continue;
    origins[i] = [...o.slice(0, at), ...o.slice(at + 1)];
    if (origins[i]!.length === 0) emptied++;
  }
  if (emptied === 0) return { rules: g.rules, origins };
  // Arrays of the exact size (no growth copies).
  const rules = new Array<ContivRule>(g.rules.length - emptied);
  let k = 0;
  for (let i = 0; i < g.rules.length; i++) {
    if (origins[i]!.length === 0) continue;
    rules[k] = g.rules[i]!;
    origins[k++] = origins[i]!;
  }
  origins.length = k;
  return { rules, origins };
}

/**
 * `g` with one origin of each `removed` entry taken out and `added` merged in, origins kept in
 * `order`. Equals rebuilding from the changed entries when `g`'s origins are in that order.
 */
export function patchGroup(g: RuleGroup, removed: readonly Entry[], added: RuleGroup, order: OriginOrder): RuleGroup {
  return mergeTwo(removeEntries(g, removed), added, order);
}

/** Records that `next` is `from` patched (so lists merged from `from` can follow). */
export function recordPatch(next: RuleGroup, patch: GroupPatch): void {
  if (next !== patch.from) PATCHES.set(next, patch);
}

/**
 * The patches leading from `from` to `to` (oldest first), or undefined when `to` was not derived
 * from `from` by recorded patches (within `maxDepth` steps).
 */
export function patchesBetween(from: RuleGroup, to: RuleGroup, maxDepth = 32): GroupPatch[] | undefined {
  const out: GroupPatch[] = [];
  for (let g = to; g !== from; ) {
    const p = PATCHES.get(g);
    if (!p || out.length >= maxDepth) return undefined;
    out.push(p);
    g = p.from;
  }
  return out.reverse();
}
