import { describe, expect, it } from 'vitest';
import type { SessionRule } from '../../../plugins/vpp/model.ts';
import { AmbiguousSessionRulesError, lookupSessionRules, sessionVerdict } from '../../oracle/session-dataplane.ts';

const r = (scope: 'local' | 'global', lcl: string, lclPort: number, rmt: string, rmtPort: number, action: 'allow' | 'deny', appns = 0): SessionRule => ({
  proto: 'tcp', scope, appnsIndex: appns, lclIp: lcl, lclPort, rmtIp: rmt, rmtPort, action, tag: '',
});

describe('session-dataplane', () => {
  it('lookupSessionRules() picks the most specific matching rule', () => {
    const rules = [r('local', '0.0.0.0/0', 0, '0.0.0.0/1', 0, 'deny'), r('local', '0.0.0.0/0', 0, '10.0.0.0/8', 22, 'allow')];
    expect(lookupSessionRules(rules, '1.1.1.1', 5, '10.1.1.1', 22)).toBe('allow');
    expect(lookupSessionRules(rules, '1.1.1.1', 5, '10.1.1.1', 23)).toBe('deny');
    expect(lookupSessionRules(rules, '1.1.1.1', 5, '200.1.1.1', 23)).toBeUndefined();
  });
  it('lookupSessionRules() reports matching rules that are not nested and disagree', () => {
    const rules = [r('local', '0.0.0.0/0', 0, '10.1.0.0/16', 0, 'deny'), r('local', '0.0.0.0/0', 0, '10.0.0.0/8', 80, 'allow')];
    expect(() => lookupSessionRules(rules, '1.1.1.1', 5, '10.1.1.1', 80)).toThrow(AmbiguousSessionRulesError);
  });
  it('sessionVerdict() checks the source pod\'s app namespace and the destination node\'s global rules', () => {
    const nodes = [
      { name: 'n1', rules: [r('local', '0.0.0.0/0', 0, '10.1.2.2/32', 0, 'deny', 7)], pods: [] },
      { name: 'n2', rules: [r('global', '10.1.2.2/32', 0, '8.0.0.0/8', 0, 'deny')], pods: [] },
    ];
    expect(sessionVerdict(nodes, { ip: '10.1.1.2', node: 'n1', appns: 7 }, { ip: '10.1.2.2', node: 'n2' }, 'tcp', 80).allowed).toBe(false);
    expect(sessionVerdict(nodes, { ip: '10.1.1.3', node: 'n1', appns: 8 }, { ip: '10.1.2.2', node: 'n2' }, 'tcp', 80).allowed).toBe(true);
    expect(sessionVerdict(nodes, { ip: '8.8.8.8' }, { ip: '10.1.2.2', node: 'n2' }, 'tcp', 80).allowed).toBe(false);
    expect(sessionVerdict(nodes, { ip: '8.8.8.8' }, { ip: '10.1.2.2', node: 'n2' }, 'udp', 80).allowed).toBe(true);
  });
});
