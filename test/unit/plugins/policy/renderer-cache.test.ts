import { describe, expect, it } from 'vitest';
import { formatRule } from '../../../../plugins/policy/contiv-rule.ts';
import { RendererCache } from '../../../../plugins/policy/renderer-cache.ts';
import { from, isolated, podRules, TCP, to, UDP } from './rules-fixtures.ts';

const ingressTs3 = isolated(from('10.10.0.0/16', TCP), from('10.10.0.0/16', UDP));
const pods = ['10.10.1.1', '10.10.1.2', '10.10.2.1', '10.10.2.2', '10.10.2.3', '10.10.10.1'].map((ip, i) => `default/pod${i + 1}@${ip}`);
const pr = (spec: string, ...rest: Parameters<typeof podRules> extends [string, string, ...infer R] ? R : never) => {
  const [pod, ip] = spec.split('@') as [string, string];
  return podRules(pod, ip, ...rest);
};

describe('RendererCache (spec §7.2 scenarios)', () => {
  it('commit() reports nothing before any update, and nothing twice', () => {
    const c = new RendererCache('egress');
    expect(c.commit()).toEqual({ added: [], repodded: [], removed: [], pods: [], global: undefined });
    c.update({ pod: 'default/pod1', rules: pr(pods[0]!, isolated(from('192.168.0.0/16', TCP, 80))) });
    expect(c.localTables()).toEqual([]);
    expect(c.commit().added).toHaveLength(1);
    expect(c.commit().added).toHaveLength(0);
  });

  it('one pod with ingress rules: a local table in egress orientation, the global table in ingress orientation', () => {
    const rules = pr(pods[0]!, isolated(from('192.168.0.0/16', TCP, 80)));
    const e = new RendererCache('egress');
    e.update({ pod: 'default/pod1', rules });
    const ce = e.commit();
    expect(ce.added.map((t) => [t.pods, t.rules.map(formatRule)])).toEqual([[['default/pod1'], ['permit TCP 192.168.0.0/16:* -> any:80', 'deny ANY any -> any']]]);
    expect(ce.global).toBeUndefined();
    expect(e.isolatedPods()).toEqual(['default/pod1']);
    const i = new RendererCache('ingress');
    i.update({ pod: 'default/pod1', rules });
    const ci = i.commit();
    expect(ci.added).toEqual([]);
    expect(ci.global?.map(formatRule)).toEqual(['permit TCP 192.168.0.0/16:* -> 10.10.1.1/32:80', 'deny ANY any -> 10.10.1.1/32', 'permit ANY any -> any']);
    expect(i.isolatedPods()).toEqual([]);
  });

  it('pods with identical rules share one table; adding pods re-assigns the same table ID', () => {
    const c = new RendererCache('egress');
    for (const p of pods.slice(0, 3)) c.update({ pod: p.split('@')[0]!, rules: pr(p, ingressTs3) });
    const first = c.commit();
    expect(first.added).toHaveLength(1);
    const id = first.added[0]!.id;
    expect(first.added[0]!.pods).toEqual(['default/pod1', 'default/pod2', 'default/pod3']);
    for (const p of pods.slice(3)) c.update({ pod: p.split('@')[0]!, rules: pr(p, ingressTs3) });
    const second = c.commit();
    expect(second.added).toEqual([]);
    expect(second.repodded.map((t) => [t.id, t.pods.length])).toEqual([[id, 6]]);
    expect(c.tableOf('default/pod6')?.id).toBe(id);
  });

  it('ingress orientation puts every pod\'s ingress rules into the global table, ordered by rule order', () => {
    const c = new RendererCache('ingress');
    for (const p of pods.slice(0, 2)) c.update({ pod: p.split('@')[0]!, rules: pr(p, ingressTs3) });
    expect(c.commit().global?.map(formatRule)).toEqual([
      'permit TCP 10.10.0.0/16:* -> 10.10.1.1/32:*', 'permit TCP 10.10.0.0/16:* -> 10.10.1.2/32:*',
      'permit UDP 10.10.0.0/16:* -> 10.10.1.1/32:*', 'permit UDP 10.10.0.0/16:* -> 10.10.1.2/32:*',
      'deny ANY any -> 10.10.1.1/32', 'deny ANY any -> 10.10.1.2/32', 'permit ANY any -> any',
    ]);
    // Each pod may open TCP and UDP connections to the other, but nothing else (combined blocks).
    expect(c.tableOf('default/pod1')!.rules.map(formatRule)).toEqual([
      'permit TCP any:* -> 10.10.1.2/32:*', 'permit UDP any:* -> 10.10.1.2/32:*', 'deny ANY any -> 10.10.1.2/32', 'permit ANY any -> any',
    ]);
    expect(c.localTables()).toHaveLength(2);
  });

  it('combined rules: a pod whose egress changes re-renders the tables of every local pod it talks to', () => {
    const c = new RendererCache('egress');
    const pod3 = pr(pods[2]!, isolated(from('10.0.0.0/8', TCP, 80)));
    c.update({ pod: 'default/pod3', rules: pod3 });
    c.update({ pod: 'default/pod1', rules: pr(pods[0]!) });
    const first = c.commit();
    expect(first.added.map((t) => t.pods)).toEqual([['default/pod3']]);
    c.update({ pod: 'default/pod1', rules: pr(pods[0]!, undefined, isolated(to('8.8.8.8/32', UDP, 53))) });
    const second = c.commit();
    expect(second.pods).toEqual(['default/pod3']);
    expect(second.global?.map(formatRule)).toEqual(['permit UDP 10.10.1.1/32:* -> 8.8.8.8/32:53', 'deny ANY 10.10.1.1/32 -> any', 'permit ANY any -> any']);
    expect(c.tableOf('default/pod3')!.rules.map(formatRule)).toEqual([
      'deny TCP 10.10.1.1/32:* -> any:*', 'permit TCP 10.0.0.0/8:* -> any:80', 'deny ANY 10.10.1.1/32 -> any', 'deny ANY any -> any',
    ]);
    expect(second.removed.map((t) => t.id)).toEqual(first.added.map((t) => t.id));
  });

  it('removing pods shrinks the shared table, then removes it; the pod is forgotten', () => {
    const c = new RendererCache('egress');
    for (const p of pods.slice(0, 3)) c.update({ pod: p.split('@')[0]!, rules: pr(p, ingressTs3) });
    const id = c.commit().added[0]!.id;
    c.update({ pod: 'default/pod3' });
    const ch = c.commit();
    expect(ch.repodded.map((t) => [t.id, t.pods])).toEqual([[id, ['default/pod1', 'default/pod2']]]);
    expect(ch.pods).toEqual(['default/pod3']);
    expect(c.pod('default/pod3')).toBeUndefined();
    c.update({ pod: 'default/pod1' });
    c.update({ pod: 'default/pod2' });
    const last = c.commit();
    expect(last.removed.map((t) => [t.id, t.pods])).toEqual([[id, ['default/pod1', 'default/pod2']]]);
    expect(c.localTables()).toEqual([]);
  });

  it('a pod removed and re-added before commit keeps a consistent membership', () => {
    const c = new RendererCache('egress');
    c.update({ pod: 'default/pod1', rules: pr(pods[0]!, ingressTs3) });
    c.commit();
    c.update({ pod: 'default/pod1' });
    c.update({ pod: 'default/pod1', rules: pr(pods[0]!, isolated(from('1.2.3.4/32'))) });
    const ch = c.commit();
    expect(ch.added).toHaveLength(1);
    expect(ch.removed).toHaveLength(1);
    expect(c.localTables().map((t) => t.pods)).toEqual([['default/pod1']]);
  });

  it('the same input in another order gives the same tables, IDs and global table', () => {
    const input = pods.map((p, i) => ({ pod: p.split('@')[0]!, rules: pr(p, i % 2 ? ingressTs3 : isolated(from('10.0.0.0/8', TCP, 80)), i % 3 ? undefined : isolated(to('10.10.0.0/16', UDP, 53))) }));
    const a = new RendererCache('egress');
    const b = new RendererCache('egress');
    for (const x of input) a.update(x);
    for (const x of [...input].reverse()) b.update(x);
    a.commit();
    b.commit();
    expect(b.localTables()).toEqual(a.localTables());
    expect(b.globalTable()).toEqual(a.globalTable());
  });
});
