import { describe, expect, it } from 'vitest';
import type { PodRules } from '../../../../plugins/policy/pod-rules.ts';
import { VppTcpRenderer } from '../../../../plugins/policy/vpptcp-renderer.ts';
import type { SessionRule } from '../../../../plugins/vpp/model.ts';
import { parseIp4 } from '../../../../plugins/net/ipv4.ts';
import type { FrontendTarget } from '../../../../plugins/policy/frontend-rules.ts';
import { StateTxn } from '../../../oracle/state-txn.ts';
import { from, isolated, podRules, TCP, to, UDP } from './rules-fixtures.ts';

const APPNS: Record<string, string> = { 'default/pod1': 'ns10', 'default/pod2': 'ns15' };

function setup(maxRangePorts?: number, frontends: FrontendTarget[] = []) {
  const r = new VppTcpRenderer({ podAppNamespace: (p) => APPNS[p], serviceFrontends: () => frontends }, { maxRangePorts });
  const txn = new StateTxn();
  const apply = (resync: boolean, ...changes: { pod: string; rules?: PodRules }[]) => {
    for (const c of changes) r.cache.update(c);
    r.render(r.cache.commit(), txn, resync);
    return txn.take().map((o) => `${o.op} ${o.key}`);
  };
  const rules = () => txn.values<SessionRule>('vpp/session/rule/');
  const text = (scope: 'local' | 'global') => rules().filter((x) => x.scope === scope).map((x) => `${x.appNamespace ?? x.appnsIndex} ${x.proto} ${x.lclIp}:${x.lclPort} ${x.rmtIp}:${x.rmtPort} ${x.action}`);
  const frontendsChanged = () => {
    r.frontendsChanged(txn);
    return txn.take().map((o) => `${o.op} ${o.key}`);
  };
  return { r, txn, apply, rules, text, frontendsChanged };
}

/** A frontend `ip:port` forwarding to `backends` (`ip:port`). */
function front(proto: 'tcp' | 'udp', at: string, ...backends: string[]): FrontendTarget {
  const [ip, port] = at.split(':') as [string, string];
  return { proto, ip: parseIp4(ip), port: Number(port), backends: backends.map((b) => ({ ip: parseIp4(b.split(':')[0]!), port: Number(b.split(':')[1]) })) };
}

describe('VppTcpRenderer (spec §7.5 scenarios, exact semantics)', () => {
  it('render() of a pod with ingress rules: global-scope rules for the pod address, split any-remote', () => {
    const t = setup();
    t.apply(true, { pod: 'default/pod1', rules: podRules('default/pod1', '192.168.1.1', isolated(from('192.168.2.0/24', TCP, 80))) });
    expect(t.text('local')).toEqual([]);
    expect(t.text('global')).toEqual([
      '0 tcp 192.168.1.1/32:0 0.0.0.0/1:0 deny',
      '0 tcp 192.168.1.1/32:0 128.0.0.0/1:0 deny',
      '0 tcp 192.168.1.1/32:80 192.168.2.0/24:0 allow',
      '0 udp 192.168.1.1/32:0 0.0.0.0/1:0 deny',
      '0 udp 192.168.1.1/32:0 128.0.0.0/1:0 deny',
    ]);
    expect(t.rules().filter((x) => x.rmtIp.endsWith('/1')).every((x) => x.tag.startsWith('contiv/vpp-policy-SPLIT-'))).toBe(true);
    expect(new Set(t.rules().map((x) => x.tag)).size).toBe(t.rules().length);
  });

  it('render() of a pod with egress rules: local-scope rules in its app namespace', () => {
    const t = setup();
    t.apply(true, { pod: 'default/pod1', rules: podRules('default/pod1', '192.168.1.1', undefined, isolated(to('10.0.0.0/8', TCP, 22))) });
    expect(t.text('global')).toEqual([]);
    expect(t.text('local')).toEqual([
      'ns10 tcp 0.0.0.0/0:0 0.0.0.0/1:0 deny', 'ns10 tcp 0.0.0.0/0:0 10.0.0.0/8:22 allow', 'ns10 tcp 0.0.0.0/0:0 128.0.0.0/1:0 deny',
      'ns10 udp 0.0.0.0/0:0 0.0.0.0/1:0 deny', 'ns10 udp 0.0.0.0/0:0 128.0.0.0/1:0 deny',
    ]);
  });

  it('render() after a data change deletes and adds only the rules that differ; unchanged data sends nothing', () => {
    const t = setup();
    const v1 = { pod: 'default/pod1', rules: podRules('default/pod1', '192.168.1.1', undefined, isolated(to('10.0.0.0/8', TCP, 22))) };
    t.apply(true, v1);
    expect(t.apply(false, v1)).toEqual([]);
    const ops = t.apply(false, { pod: 'default/pod1', rules: podRules('default/pod1', '192.168.1.1', undefined, isolated(to('10.0.0.0/8', TCP, 23))) });
    expect(ops).toEqual([
      'put vpp/session/rule/local/ns10/tcp/0.0.0.0/0/0/10.0.0.0/8/23',
      'delete vpp/session/rule/local/ns10/tcp/0.0.0.0/0/0/10.0.0.0/8/22',
    ]);
  });

  it('render() re-renders a pod whose table changed only because another local pod changed', () => {
    const t = setup();
    t.apply(true,
      { pod: 'default/pod1', rules: podRules('default/pod1', '192.168.1.1') },
      { pod: 'default/pod2', rules: podRules('default/pod2', '192.168.1.2') });
    expect(t.text('local')).toEqual([]);
    const ops = t.apply(false, { pod: 'default/pod2', rules: podRules('default/pod2', '192.168.1.2', isolated(from('192.168.1.1/32', UDP, 53))) });
    expect(ops.some((o) => o.startsWith('put vpp/session/rule/local/ns10/'))).toBe(true);
    expect(t.text('local')).toContain('ns10 udp 0.0.0.0/0:0 192.168.1.2/32:53 allow');
    expect(t.text('local')).toContain('ns10 tcp 0.0.0.0/0:0 192.168.1.2/32:0 deny');
  });

  it('render() exports nothing for a pod without app namespace and removes a deleted pod\'s rules', () => {
    const t = setup();
    t.apply(true, { pod: 'default/other', rules: podRules('default/other', '192.168.1.9', undefined, isolated(to('10.0.0.0/8'))) });
    expect(t.text('local')).toEqual([]);
    t.apply(false, { pod: 'default/pod1', rules: podRules('default/pod1', '192.168.1.1', undefined, isolated(to('10.0.0.0/8'))) });
    expect(t.text('local').length).toBeGreaterThan(0);
    const ops = t.apply(false, { pod: 'default/pod1' });
    expect(ops.every((o) => o.startsWith('delete vpp/session/rule/local/ns10/'))).toBe(true);
    expect(t.text('local')).toEqual([]);
  });

  it('render() flags tables whose port ranges were cut', () => {
    const t = setup(2);
    t.apply(true, { pod: 'default/pod1', rules: podRules('default/pod1', '192.168.1.1', undefined, isolated({ ...to('10.0.0.0/8', TCP), dstPorts: { first: 100, last: 200 } })) });
    expect(t.r.truncated.size).toBe(1);
  });
});

describe('VppTcpRenderer (Service frontends judged by their backends)', () => {
  // pod1 may connect to 10.1.2.0/24 on TCP 8080 only.
  const pod1 = { pod: 'default/pod1', rules: podRules('default/pod1', '192.168.1.1', undefined, isolated(to('10.1.2.0/24', TCP, 8080))) };
  const frontRules = (t: ReturnType<typeof setup>) => t.text('local').filter((x) => x.includes('10.96.'));

  it('render() gives a frontend the verdict of its backends\' real addresses and target ports', () => {
    const t = setup(undefined, [front('tcp', '10.96.0.10:80', '10.1.2.7:8080'), front('tcp', '10.96.0.11:80', '10.1.2.7:80'), front('udp', '10.96.0.12:53', '10.1.2.7:53')]);
    t.apply(true, pod1);
    // 10.96.0.11 and .12 are denied by the table already: no rule of their own.
    expect(frontRules(t)).toEqual(['ns10 tcp 0.0.0.0/0:0 10.96.0.10/32:80 allow']);
    expect(t.rules().find((x) => x.rmtIp === '10.96.0.10/32')?.tag).toMatch(/^contiv\/vpp-policy-SVC-[0-9A-F]{12}$/);
  });

  it('render() denies a frontend when one of its backends is denied', () => {
    const t = setup(undefined, [front('tcp', '10.96.0.10:80', '10.1.2.7:8080', '10.1.3.7:8080')]);
    t.apply(true, { pod: 'default/pod1', rules: podRules('default/pod1', '192.168.1.1', undefined, isolated(to('10.1.2.0/24', TCP, 8080), to('10.96.0.0/12'))) });
    expect(frontRules(t)).toContain('ns10 tcp 0.0.0.0/0:0 10.96.0.10/32:80 deny');
  });

  it('render() adds no frontend rule to a pod without a table', () => {
    const t = setup(undefined, [front('tcp', '10.96.0.10:80', '10.1.2.7:8080')]);
    t.apply(true, { pod: 'default/pod1', rules: podRules('default/pod1', '192.168.1.1') });
    expect(t.text('local')).toEqual([]);
  });

  it('render() lets a frontend rule win over a table rule with the same key', () => {
    const t = setup(undefined, [front('tcp', '10.96.0.10:80', '10.1.9.9:80')]);
    t.apply(true, { pod: 'default/pod1', rules: podRules('default/pod1', '192.168.1.1', undefined, isolated(to('10.96.0.10/32', TCP, 80), to('10.1.2.0/24'))) });
    expect(frontRules(t)).toContain('ns10 tcp 0.0.0.0/0:0 10.96.0.10/32:80 deny');
    expect(frontRules(t)).not.toContain('ns10 tcp 0.0.0.0/0:0 10.96.0.10/32:80 allow');
  });

  it('frontendsChanged() re-renders only the rules of frontends whose backends changed', () => {
    const frontends = [front('tcp', '10.96.0.10:80', '10.1.2.7:8080'), front('tcp', '10.96.0.11:80', '10.1.2.8:8080')];
    const t = setup(undefined, frontends);
    t.apply(true, pod1, { pod: 'default/pod2', rules: podRules('default/pod2', '192.168.1.2') });
    expect(t.frontendsChanged()).toEqual([]);
    // The first Service's endpoint moves out of reach, a new one appears, the second is unchanged.
    frontends[0] = front('tcp', '10.96.0.10:80', '10.1.3.7:8080');
    frontends.push(front('tcp', '10.96.0.12:443', '10.1.2.9:8080'));
    expect(t.frontendsChanged()).toEqual([
      'put vpp/session/rule/local/ns10/tcp/0.0.0.0/0/0/10.96.0.12/32/443',
      'delete vpp/session/rule/local/ns10/tcp/0.0.0.0/0/0/10.96.0.10/32/80',
    ]);
    // Endpoints gone: no rule, the Service refuses the connection itself.
    frontends.splice(1, 2);
    frontends[0] = front('tcp', '10.96.0.10:80');
    expect(t.frontendsChanged()).toEqual(['delete vpp/session/rule/local/ns10/tcp/0.0.0.0/0/0/10.96.0.11/32/80', 'delete vpp/session/rule/local/ns10/tcp/0.0.0.0/0/0/10.96.0.12/32/443']);
    expect(frontRules(t)).toEqual([]);
  });

  it('render() of a new table uses the frontends read last; a resync reads them again', () => {
    const frontends = [front('tcp', '10.96.0.10:80', '10.1.2.7:8080')];
    const t = setup(undefined, frontends);
    t.apply(true, { pod: 'default/pod1', rules: podRules('default/pod1', '192.168.1.1') });
    t.apply(false, pod1);
    expect(frontRules(t)).toEqual(['ns10 tcp 0.0.0.0/0:0 10.96.0.10/32:80 allow']);
    frontends[0] = front('tcp', '10.96.0.10:80', '10.1.2.7:9090');
    t.apply(true, pod1);
    // A resync puts the complete state (the reconciler drops what is not put).
    expect(t.r.sessionRules().filter((x) => x.rmtIp.startsWith('10.96.'))).toEqual([]);
  });
});
