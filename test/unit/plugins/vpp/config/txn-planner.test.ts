import { describe, expect, it } from 'vitest';
import type { AppliedValue, Dependency } from '../../../../../plugins/vpp/config/descriptor.ts';
import type { TargetValue } from '../../../../../plugins/vpp/config/target-state.ts';
import { planTxn, type PlannerView } from '../../../../../plugins/vpp/config/txn-planner.ts';

const dep = (key: string): Dependency => ({ label: 'd', key });

/** A planner view over plain maps: value strings, `!` in a value means "needs recreate". */
function view(target: Record<string, { v: string; deps?: string[] }>, applied: Record<string, { v: string; deps?: string[] }>): PlannerView {
  const t = new Map<string, TargetValue>(Object.entries(target).map(([key, x]) => [key, { key, value: x.v, descriptor: 'd', deps: (x.deps ?? []).map(dep) }]));
  const a = new Map<string, AppliedValue>(Object.entries(applied).map(([key, x]) => [key, { key, value: x.v, metadata: undefined, descriptor: 'd', deps: (x.deps ?? []).map(dep) }]));
  const rev = (m: Map<string, { deps: readonly Dependency[] }>, k: string) => [...m].filter(([, v]) => v.deps.some((d) => d.key === k)).map(([key]) => key);
  return {
    target: (k) => t.get(k),
    applied: (k) => a.get(k),
    appliedDependents: (k) => rev(a, k),
    waiters: (k) => rev(t, k),
    equivalent: (x, y) => x.value === y.value,
    needsRecreate: (x) => String(x.value).startsWith('!'),
  };
}
const ops = (p: ReturnType<typeof planTxn>) => p.ops.map((o) => `${o.op} ${o.key} ${o.reason}`);

describe('planTxn', () => {
  it('planTxn() orders deletes, updates, then creates in dependency rounds, each sorted by key', () => {
    const p = planTxn(['a', 'b', 'c', 'x', 'z'], view(
      { a: { v: '1', deps: ['c'] }, b: { v: '2' }, c: { v: '1' }, z: { v: 'new' } },
      { x: { v: '1' }, z: { v: 'old' } },
    ));
    expect(ops(p)).toEqual(['delete x removed', 'update z changed', 'create b wanted', 'create c wanted', 'create a wanted']);
  });

  it('planTxn() deletes applied dependents of a removed value first and keeps them pending', () => {
    const p = planTxn(['if'], view({ route: { v: 'r', deps: ['if'] }, acl: { v: 'a', deps: ['route'] } }, {
      if: { v: 'i' },
      route: { v: 'r', deps: ['if'] },
      acl: { v: 'a', deps: ['route'] },
    }));
    expect(ops(p)).toEqual(['delete acl dependency-gone', 'delete route dependency-gone', 'delete if removed']);
    expect(p.pending).toEqual([
      { key: 'acl', missing: [dep('route')] },
      { key: 'route', missing: [dep('if')] },
    ]);
  });

  it('planTxn() pulls in pending values whose dependency gets created', () => {
    const p = planTxn(['if'], view({ if: { v: 'i' }, route: { v: 'r', deps: ['if'] } }, {}));
    expect(ops(p)).toEqual(['create if wanted', 'create route dependency-ready']);
  });

  it('planTxn() re-creates a value and its dependents when it needs a recreate', () => {
    const p = planTxn(['if'], view({ if: { v: '!i2' }, route: { v: 'r', deps: ['if'] } }, { if: { v: 'i' }, route: { v: 'r', deps: ['if'] } }));
    expect(ops(p)).toEqual(['delete route dependency-gone', 'delete if recreate', 'create if recreate', 'create route recreate']);
  });

  it('planTxn() deletes a configured value whose new version depends on something missing', () => {
    const p = planTxn(['route'], view({ route: { v: 'r2', deps: ['nowhere'] } }, { route: { v: 'r' } }));
    expect(ops(p)).toEqual(['delete route dependency-gone']);
    expect(p.pending).toEqual([{ key: 'route', missing: [dep('nowhere')] }]);
  });

  it('planTxn() plans nothing for equivalent values', () => {
    expect(planTxn(['a'], view({ a: { v: '1' } }, { a: { v: '1' } }))).toEqual({ ops: [], pending: [] });
  });

  it('planTxn() keeps an unchanged dumped value while the dependency it lacks in our view is created in the same transaction', () => {
    // A restarted agent: VPP holds the rule (dumped), our view lacks the layer it depends on.
    const p = planTxn(['layer', 'rule'], view({ layer: { v: 'on' }, rule: { v: 'r', deps: ['layer'] } }, { rule: { v: 'r', deps: ['layer'] } }));
    expect(ops(p)).toEqual(['create layer wanted']);
    expect(p.pending).toEqual([]);
  });

  it('planTxn() keeps it too when that dependency stays pending, and deletes it when the dependency is not wanted', () => {
    const waiting = planTxn(['layer', 'rule'], view({ layer: { v: 'on', deps: ['nowhere'] }, rule: { v: 'r', deps: ['layer'] } }, { rule: { v: 'r', deps: ['layer'] } }));
    expect(ops(waiting)).toEqual([]);
    expect(waiting.pending).toEqual([{ key: 'layer', missing: [dep('nowhere')] }]);
    const unwanted = planTxn(['rule'], view({ rule: { v: 'r', deps: ['layer'] } }, { rule: { v: 'r', deps: ['layer'] } }));
    expect(ops(unwanted)).toEqual(['delete rule dependency-gone']);
    expect(unwanted.pending).toEqual([{ key: 'rule', missing: [dep('layer')] }]);
  });

  it('planTxn() still re-creates a changed value around a dependency created in the same transaction', () => {
    const p = planTxn(['layer', 'rule'], view({ layer: { v: 'on' }, rule: { v: 'r2', deps: ['layer'] } }, { rule: { v: 'r', deps: ['layer'] } }));
    expect(ops(p)).toEqual(['delete rule dependency-gone', 'create layer wanted', 'create rule recreate']);
  });
});
