import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCidr, parseCidr, parseIp4 } from '../../../../plugins/net/ipv4.ts';
import type { ContivRule } from '../../../../plugins/policy/contiv-rule.ts';
import { contivRule, firstMatch } from '../../../../plugins/policy/contiv-rule.ts';
import type { Proto } from '../../../../plugins/policy/protocol.ts';
import { ANY_PROTO, TCP, UDP } from '../../../../plugins/policy/protocol.ts';
import { exportSessionRules } from '../../../../plugins/policy/session-rule-export.ts';
import type { SessionRule } from '../../../../plugins/vpp/model.ts';
import { lookupSessionRules } from '../../../oracle/session-dataplane.ts';

const PREFIXES = ['0.0.0.0/0', '10.0.0.0/8', '10.1.0.0/16', '10.1.1.0/24', '10.1.1.2/32', '10.1.1.3/32', '10.2.0.0/16', '128.0.0.0/1'];
const POINTS = ['10.1.1.2', '10.1.1.3', '10.1.1.9', '10.1.7.7', '10.2.3.4', '10.9.9.9', '8.8.8.8', '200.1.1.1'];

const ruleArb: fc.Arbitrary<ContivRule> = fc.record({
  action: fc.constantFrom('permit' as const, 'deny' as const),
  proto: fc.constantFrom<Proto>(ANY_PROTO, TCP, UDP),
  dst: fc.constantFrom(...PREFIXES).map(parseCidr),
  ports: fc.constantFrom({ first: 0, last: 65535 }, { first: 80, last: 80 }, { first: 80, last: 82 }, { first: 53, last: 53 }),
}).map((r) => contivRule({ action: r.action, proto: r.proto, dst: r.dst, dstPorts: r.proto === ANY_PROTO ? undefined : r.ports }));

/**
 * Session rules (local scope) of exported templates, /0 split as the renderer does; a later
 * template wins over an earlier one with the same key (a /1 half of "any" and an explicit /1).
 */
function asRules(rules: readonly ContivRule[]): SessionRule[] {
  const out = new Map<string, SessionRule>();
  for (const t of exportSessionRules(rules, 'dst', 1024).templates) {
    for (const rmt of t.peer.len === 0 ? ['0.0.0.0/1', '128.0.0.0/1'] : [formatCidr(t.peer)]) {
      out.set(`${t.proto} ${rmt} ${t.port}`, {
        proto: t.proto, scope: 'local', appnsIndex: 1, lclIp: '0.0.0.0/0', lclPort: 0, rmtIp: rmt, rmtPort: t.port, action: t.action, tag: '',
      });
    }
  }
  return [...out.values()];
}

describe('exportSessionRules', () => {
  it('exportSessionRules() gives, under most-specific lookup, the first-match verdict of any table', () => {
    fc.assert(fc.property(fc.array(ruleArb, { minLength: 1, maxLength: 10 }), (table) => {
      const rules = asRules(table);
      for (const proto of [TCP, UDP] as const) {
        const mine = rules.filter((r) => r.proto === (proto === TCP ? 'tcp' : 'udp'));
        for (const ip of POINTS) {
          for (const port of [53, 80, 81, 82, 83, 443]) {
            const want = firstMatch(table, { proto, src: 0, dst: parseIp4(ip), srcPort: 40000, dstPort: port }) ?? 'deny';
            const got = lookupSessionRules(mine, '10.1.1.100', 40000, ip, port) ?? 'allow';
            expect(got === 'allow' ? 'permit' : 'deny').toBe(want);
          }
        }
      }
    }), { numRuns: 500, seed: 42 });
  });

  it('exportSessionRules() emits nothing for a table that allows everything and one rule per port where needed', () => {
    expect(exportSessionRules([contivRule({ action: 'permit' })], 'dst', 1024).templates).toEqual([]);
    const t = exportSessionRules([contivRule({ action: 'permit', proto: TCP, dst: parseCidr('10.0.0.0/8'), dstPorts: { first: 22, last: 22 } }), contivRule({ action: 'deny' })], 'dst', 1024);
    expect(t.templates.map((x) => `${x.proto} ${formatCidr(x.peer)}:${x.port} ${x.action}`)).toEqual([
      'tcp 0.0.0.0/0:0 deny', 'tcp 10.0.0.0/8:22 allow', 'udp 0.0.0.0/0:0 deny',
    ]);
  });

  it('exportSessionRules() expands port ranges, cutting (and flagging) ranges beyond the limit', () => {
    const table = [contivRule({ action: 'permit', proto: TCP, dstPorts: { first: 8000, last: 8009 } }), contivRule({ action: 'deny' })];
    const full = exportSessionRules(table, 'dst', 1024);
    expect(full.truncated).toBe(false);
    expect(full.templates.filter((x) => x.action === 'allow').map((x) => x.port)).toEqual([8000, 8001, 8002, 8003, 8004, 8005, 8006, 8007, 8008, 8009]);
    const cut = exportSessionRules(table, 'dst', 4);
    expect(cut.truncated).toBe(true);
    expect(cut.templates.filter((x) => x.action === 'allow').map((x) => x.port)).toEqual([8000, 8001, 8002, 8003]);
  });
});
