import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cidrCovers, parseCidr } from '../../../../plugins/net/ipv4.ts';
import type { ContivRule } from '../../../../plugins/policy/contiv-rule.ts';
import { compareRules, contivRule, firstMatch, formatRule, ruleKey, sortRules } from '../../../../plugins/policy/contiv-rule.ts';
import type { Proto } from '../../../../plugins/policy/protocol.ts';
import { ANY_PROTO, SCTP, TCP, UDP } from '../../../../plugins/policy/protocol.ts';

const c = parseCidr;
// Rules for every protocol carry no ports (as the configurator builds them).
const ruleArb: fc.Arbitrary<ContivRule> = fc.record({
  action: fc.constantFrom('permit' as const, 'deny' as const),
  proto: fc.constantFrom<Proto>(ANY_PROTO, TCP, UDP, SCTP),
  src: fc.constantFrom('0.0.0.0/0', '10.0.0.0/8', '10.1.0.0/16', '10.1.1.0/24', '10.1.1.2/32', '10.2.0.0/16').map(c),
  dst: fc.constantFrom('0.0.0.0/0', '10.0.0.0/8', '10.1.1.3/32').map(c),
  srcPorts: fc.constant({ first: 0, last: 65535 }),
  dstPorts: fc.constantFrom({ first: 0, last: 65535 }, { first: 80, last: 80 }, { first: 80, last: 90 }, { first: 85, last: 100 }, { first: 53, last: 53 }),
}).map((r) => (r.proto === ANY_PROTO ? { ...r, dstPorts: { first: 0, last: 65535 } } : r));

/** r1 matches a subset of what r2 matches. */
function within(a: ContivRule, b: ContivRule): boolean {
  const proto = b.proto === ANY_PROTO || a.proto === b.proto;
  const ports = b.proto === ANY_PROTO || (b.dstPorts.first <= a.dstPorts.first && a.dstPorts.last <= b.dstPorts.last);
  return proto && ports && cidrCovers(b.src, a.src) && cidrCovers(b.dst, a.dst);
}

describe('compareRules', () => {
  it('compareRules() orders protocols TCP, UDP, SCTP, then ANY', () => {
    const rules = ([ANY_PROTO, SCTP, UDP, TCP] as const).map((proto) => contivRule({ action: 'permit', proto }));
    expect(sortRules(rules).map((r) => r.proto)).toEqual([TCP, UDP, SCTP, ANY_PROTO]);
  });
  it('compareRules() puts longer prefixes first, equal lengths by address, any last', () => {
    const rules = ['0.0.0.0/0', '10.0.0.0/8', '10.1.1.2/32', '9.0.0.0/8'].map((s) => contivRule({ action: 'permit', src: c(s) }));
    expect(sortRules(rules).map((r) => formatRule(r))).toEqual([
      'permit ANY 10.1.1.2/32 -> any', 'permit ANY 9.0.0.0/8 -> any', 'permit ANY 10.0.0.0/8 -> any', 'permit ANY any -> any',
    ]);
  });
  it('compareRules() puts single ports before ranges before any port, and deny before permit', () => {
    const p = (first: number, last: number, action: 'permit' | 'deny' = 'permit') => contivRule({ action, proto: TCP, dstPorts: { first, last } });
    expect(sortRules([p(0, 65535), p(80, 90), p(80, 80, 'permit'), p(80, 80, 'deny')]).map(formatRule)).toEqual([
      'deny TCP any:* -> any:80', 'permit TCP any:* -> any:80', 'permit TCP any:* -> any:80-90', 'permit TCP any:* -> any:*',
    ]);
  });
  it('compareRules() sorts a rule before every rule it is a subset of', () => {
    fc.assert(fc.property(ruleArb, ruleArb, (a, b) => {
      if (within(a, b) && !within(b, a)) expect(compareRules(a, b)).toBeLessThan(0);
    }), { numRuns: 2000 });
  });
  it('compareRules() is a total order (antisymmetric and transitive)', () => {
    fc.assert(fc.property(ruleArb, ruleArb, ruleArb, (a, b, x) => {
      expect(Math.sign(compareRules(a, b)) + Math.sign(compareRules(b, a))).toBe(0);
      if (compareRules(a, b) <= 0 && compareRules(b, x) <= 0) expect(compareRules(a, x)).toBeLessThanOrEqual(0);
    }), { numRuns: 2000 });
  });
  it('sortRules() drops exact duplicates and keeps the first-match meaning of laminar lists', () => {
    const list = [contivRule({ action: 'deny' }), contivRule({ action: 'permit', proto: TCP, src: c('10.0.0.0/8'), dstPorts: { first: 80, last: 80 } }), contivRule({ action: 'deny' })];
    const sorted = sortRules(list);
    expect(sorted.map(ruleKey)).toEqual([ruleKey(list[1]!), ruleKey(list[0]!)]);
    const pkt = { proto: TCP, src: c('10.1.2.3/32').addr, dst: 1, srcPort: 1000, dstPort: 80 };
    expect(firstMatch(sorted, pkt)).toBe('permit');
    expect(firstMatch(sorted, { ...pkt, dstPort: 81 })).toBe('deny');
  });
});
