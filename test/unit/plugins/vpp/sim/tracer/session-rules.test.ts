import { describe, expect, it } from 'vitest';
import { checkGlobalSessionRules, checkLocalSessionRules, sessionTransport } from '../../../../../../plugins/vpp/sim/tracer/session-rules.ts';
import { ip, SimStateBuilder } from '../../../../../fakes/sim-state-builder.ts';

const TCP = 0, UDP = 1;
const key = (lcl: string, lclPort: number, rmt: string, rmtPort: number) => ({ lcl: ip(lcl), lclPort, rmt: ip(rmt), rmtPort });

describe('checkGlobalSessionRules', () => {
  it('checkGlobalSessionRules() allows when no rule matches', () => {
    const b = new SimStateBuilder('n1');
    const v = checkGlobalSessionRules(b.state, TCP, key('10.1.1.2', 80, '10.1.2.2', 40000));
    expect(v.allowed).toBe(true);
    expect(v.rule).toBeUndefined();
  });

  it('checkGlobalSessionRules() lets the most specific rule win regardless of the order rules were added', () => {
    for (const order of [[0, 1, 2], [2, 1, 0], [1, 2, 0]]) {
      const b = new SimStateBuilder('n1');
      const rules = [
        () => b.sessionRule({ scope: 1, lcl: '10.1.1.2/32', lclPort: 80, rmt: '0.0.0.0/0', action: 'deny', tag: 'deny-all' }),
        () => b.sessionRule({ scope: 1, lcl: '10.1.1.2/32', lclPort: 80, rmt: '10.1.0.0/16', action: 'allow', tag: 'allow-cluster' }),
        () => b.sessionRule({ scope: 1, lcl: '10.1.1.2/32', lclPort: 80, rmt: '10.1.2.5/32', action: 'deny', tag: 'deny-one' }),
      ];
      for (const i of order) rules[i]!();
      const s = b.state;
      expect(checkGlobalSessionRules(s, TCP, key('10.1.1.2', 80, '8.8.8.8', 1)).rule?.tag).toBe('deny-all');
      expect(checkGlobalSessionRules(s, TCP, key('10.1.1.2', 80, '10.1.2.2', 1))).toMatchObject({ allowed: true, rule: { tag: 'allow-cluster' } });
      expect(checkGlobalSessionRules(s, TCP, key('10.1.1.2', 80, '10.1.2.5', 1))).toMatchObject({ allowed: false, rule: { tag: 'deny-one' } });
    }
  });

  it('checkGlobalSessionRules() treats port 0 in a rule as any port', () => {
    const b = new SimStateBuilder('n1');
    b.sessionRule({ scope: 1, lcl: '10.1.1.2/32', rmt: '0.0.0.0/0', action: 'deny', tag: 'all-ports' });
    b.sessionRule({ scope: 1, lcl: '10.1.1.2/32', lclPort: 22, rmt: '0.0.0.0/0', action: 'allow', tag: 'ssh' });
    expect(checkGlobalSessionRules(b.state, TCP, key('10.1.1.2', 80, '1.1.1.1', 5)).allowed).toBe(false);
    expect(checkGlobalSessionRules(b.state, TCP, key('10.1.1.2', 22, '1.1.1.1', 5)).allowed).toBe(true);
  });

  it('checkGlobalSessionRules() keeps TCP and UDP rules apart and ignores local-scope rules', () => {
    const b = new SimStateBuilder('n1');
    b.sessionRule({ scope: 1, lcl: '10.1.1.2/32', action: 'deny', udp: true });
    b.sessionRule({ scope: 2, appns: 1, rmt: '10.1.1.2/32', action: 'deny' });
    expect(checkGlobalSessionRules(b.state, TCP, key('10.1.1.2', 80, '1.1.1.1', 5)).allowed).toBe(true);
    expect(checkGlobalSessionRules(b.state, UDP, key('10.1.1.2', 53, '1.1.1.1', 5)).allowed).toBe(false);
  });

  it('checkGlobalSessionRules() replaces the action of a rule added again with the same match', () => {
    const b = new SimStateBuilder('n1');
    b.sessionRule({ scope: 1, lcl: '10.1.1.2/32', action: 'deny', tag: 'first' });
    b.sessionRule({ scope: 1, lcl: '10.1.1.2/32', action: 'allow', tag: 'second' });
    expect(checkGlobalSessionRules(b.state, TCP, key('10.1.1.2', 80, '1.1.1.1', 5))).toMatchObject({ allowed: true, rule: { tag: 'second' } });
  });

  it('checkGlobalSessionRules() sees rules added after an earlier lookup', () => {
    const b = new SimStateBuilder('n1');
    expect(checkGlobalSessionRules(b.state, TCP, key('10.1.1.2', 80, '1.1.1.1', 5)).allowed).toBe(true);
    b.sessionRule({ scope: 3, lcl: '10.1.1.2/32', action: 'deny' });
    expect(checkGlobalSessionRules(b.state, TCP, key('10.1.1.2', 80, '1.1.1.1', 5)).allowed).toBe(false);
  });

  it('checkGlobalSessionRules() treats a redirect to an application as allowed', () => {
    const b = new SimStateBuilder('n1');
    b.sessionRule({ scope: 1, lcl: '10.1.1.2/32', action: 7 });
    expect(checkGlobalSessionRules(b.state, TCP, key('10.1.1.2', 80, '1.1.1.1', 5))).toMatchObject({ allowed: true, detail: expect.stringContaining('REDIRECT to app 7') });
  });
});

describe('checkLocalSessionRules', () => {
  it('checkLocalSessionRules() looks up the remote side in the app namespace\'s own table', () => {
    const b = new SimStateBuilder('n1');
    b.sessionRule({ scope: 2, appns: 1, rmt: '10.0.0.0/8', rmtPort: 22, action: 'deny', tag: 'no-ssh' });
    b.sessionRule({ scope: 2, appns: 2, rmt: '0.0.0.0/1', action: 'deny' });
    expect(checkLocalSessionRules(b.state, 1, TCP, ip('10.1.2.2'), 22)).toMatchObject({ allowed: false, rule: { tag: 'no-ssh' } });
    expect(checkLocalSessionRules(b.state, 1, TCP, ip('10.1.2.2'), 80).allowed).toBe(true);
    expect(checkLocalSessionRules(b.state, 2, TCP, ip('10.1.2.2'), 80).allowed).toBe(false);
    expect(checkLocalSessionRules(b.state, 2, TCP, ip('192.168.1.1'), 80).allowed).toBe(true);
  });
});

describe('sessionTransport', () => {
  it('sessionTransport() maps TCP and UDP and nothing else', () => {
    expect([6, 17, 132, 1].map(sessionTransport)).toEqual([0, 1, undefined, undefined]);
  });
});
