import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIp4, parseCidr, parseIp4 } from '../../../../plugins/net/ipv4.ts';
import { OPEN_DIRECTION } from '../../../../plugins/policy/pod-rules.ts';
import { setsEqual } from '../../../../plugins/policy/proto-port-set.ts';
import { ALLOW_ALL, contivRule, firstMatch, formatRule, sortRules } from '../../../../plugins/policy/contiv-rule.ts';
import type { Orientation } from '../../../../plugins/policy/orientation.ts';
import { allowedAt, buildBlock, buildGlobalTable, buildLocalTable, changedPoints, tablePodOf } from '../../../../plugins/policy/table-builder.ts';
import type { Block } from '../../../../plugins/policy/table-builder.ts';
import { from, isolated, podRules, TCP, to, UDP } from './rules-fixtures.ts';

const P1 = '10.10.1.1';
const P3 = '10.10.2.1';

/**
 * A deny naming a network in the field other than `field`: a list holding it cannot be
 * binary-searched by `field`, so allowedAt() scans it (the reference the search is checked against).
 */
function contivRuleAnyOther(field: 'src' | 'dst') {
  const net = parseCidr('192.0.2.0/24');
  return contivRule(field === 'src' ? { action: 'deny', dst: net } : { action: 'deny', src: net });
}

/** Traffic `src` → `dst` (the table's pod) on proto/port through a table. */
function through(rules: Parameters<typeof firstMatch>[0], src: string, dst: string, proto: number, port = 0) {
  return firstMatch(rules, { proto, src: parseIp4(src), dst: parseIp4(dst), srcPort: 40000, dstPort: port }) ?? 'deny';
}

function table(o: Orientation, target: ReturnType<typeof podRules>, ...others: ReturnType<typeof podRules>[]) {
  const t = tablePodOf(o, target);
  const blocks = others.map((x) => buildBlock(o, t, tablePodOf(o, x))).filter((b): b is Block => b !== undefined);
  return buildLocalTable(o, t, blocks);
}

describe('table-builder', () => {
  it('allowedAt() unions the permits containing the point and names their protocols', () => {
    const d = isolated(from('10.0.0.0/8', TCP, 80), from('10.1.1.1/32', UDP, 53), from('11.0.0.0/8'));
    const a = allowedAt(d, 'src', parseIp4('10.1.1.1'));
    expect(a.set.all).toBe(false);
    expect([...a.protos].sort((x, y) => x - y)).toEqual([TCP, UDP]);
    expect(allowedAt(d, 'src', parseIp4('11.2.3.4')).set.all).toBe(true);
  });

  it('changedPoints() names the /32 permits only one version has, and everywhere for wide or isolation changes', () => {
    const base = [from('10.1.1.1/32', TCP, 80), from('10.1.1.2/32', UDP, 53), from('10.2.0.0/16', TCP, 443)];
    const more = isolated(...base, from('10.1.1.3/32', TCP, 80), from('10.1.1.1/32', TCP, 81));
    const c = changedPoints(isolated(...base), more, 'src');
    expect(c.all).toBe(false);
    expect([...c.hosts].map(formatIp4).sort()).toEqual(['10.1.1.1', '10.1.1.3']);
    expect(changedPoints(isolated(...base), isolated(...base), 'src')).toEqual({ all: false, hosts: new Set() });
    expect(changedPoints(isolated(...base), isolated(...base.slice(0, 2)), 'src').all).toBe(true);
    expect(changedPoints(isolated(...base), OPEN_DIRECTION, 'src').all).toBe(true);
  });

  it('changedPoints() is sound: allowedAt() agrees at every address it does not name', () => {
    const hosts = ['10.1.1.1', '10.1.1.2', '10.1.2.1', '10.2.0.5'];
    const nets = [...hosts.map((h) => `${h}/32`), '10.1.0.0/16', '0.0.0.0/0'];
    const ruleArb = fc.record({ net: fc.constantFrom(...nets), proto: fc.constantFrom(TCP, UDP, 0 as const), port: fc.constantFrom(80, 53, undefined) })
      .map((r) => from(r.net, r.proto, r.proto === 0 ? undefined : r.port));
    fc.assert(fc.property(fc.array(ruleArb, { maxLength: 6 }), fc.array(ruleArb, { maxLength: 6 }), (a, b) => {
      const x = isolated(...a);
      const y = isolated(...b);
      const c = changedPoints(x, y, 'src');
      if (c.all) return;
      for (const h of [...hosts, '10.1.9.9', '8.8.8.8']) {
        if (c.hosts.has(parseIp4(h))) continue;
        expect(setsEqual(allowedAt(x, 'src', parseIp4(h)).set, allowedAt(y, 'src', parseIp4(h)).set)).toBe(true);
        expect([...allowedAt(x, 'src', parseIp4(h)).protos].sort()).toEqual([...allowedAt(y, 'src', parseIp4(h)).protos].sort());
      }
    }), { numRuns: 500, seed: 9 });
  });

  it('allowedAt() answers as a scan of every permit containing the point (ingress and egress fields)', () => {
    const nets = ['10.1.1.1/32', '10.1.1.2/32', '10.1.2.1/32', '10.1.0.0/16', '10.0.0.0/8', '0.0.0.0/0'];
    const points = ['10.1.1.1', '10.1.1.2', '10.1.2.1', '10.1.9.9', '10.9.9.9', '8.8.8.8'];
    const allowArb = fc.record({ net: fc.constantFrom(...nets), proto: fc.constantFrom(TCP, UDP, 0 as const), port: fc.constantFrom(80, 53) });
    fc.assert(fc.property(fc.array(allowArb, { maxLength: 10 }), fc.boolean(), (allows, ingress) => {
      const field = ingress ? 'src' : 'dst';
      const make = ingress ? from : to;
      const d = isolated(...allows.map((a) => make(a.net, a.proto, a.proto === 0 ? undefined : a.port)));
      for (const p of points) {
        const ip = parseIp4(p);
        const got = allowedAt(d, field, ip);
        const scan = allowedAt({ ...d, rules: [contivRuleAnyOther(field), ...d.rules] }, field, ip);
        expect(setsEqual(got.set, scan.set)).toBe(true);
        expect([...got.protos].sort()).toEqual([...scan.protos].sort());
      }
    }), { numRuns: 500, seed: 11 });
  });

  it('buildBlock() is undefined when the other pod allows all the target accepts from it', () => {
    const target = tablePodOf('egress', podRules('d', P3, isolated(from(`${P1}/32`, TCP, 80))));
    const src = tablePodOf('egress', podRules('s', P1, undefined, isolated(to(`${P3}/32`, TCP, 80), to('8.8.8.8/32'))));
    expect(buildBlock('egress', target, src)).toBeUndefined();
    expect(buildBlock('egress', target, target)).toBeUndefined();
  });

  it('buildLocalTable() in egress orientation allows a local source only the intersection of both sides', () => {
    // Worked example of spec §4.6, with upstream rule lists: pod3 accepts TCP 80/443 from 10/8 and
    // UDP 67 from anyone; pod1's egress allows UDP 161 to anyone and TCP 80 to 10.10/16.
    const pod3 = podRules('pod3', P3, isolated(from('10.0.0.0/8', TCP, 80), from('10.0.0.0/8', TCP, 443), from('0.0.0.0/0', UDP, 67)));
    const pod1 = podRules('pod1', P1, undefined, isolated(to('0.0.0.0/0', UDP, 161), to('10.10.0.0/16', TCP, 80)));
    const t = table('egress', pod3, pod1);
    expect(through(t, P1, P3, TCP, 80)).toBe('permit');
    expect(through(t, P1, P3, TCP, 443)).toBe('deny');
    expect(through(t, P1, P3, UDP, 67)).toBe('deny');
    expect(through(t, P1, P3, 1)).toBe('deny');
    expect(through(t, '10.9.9.9', P3, TCP, 443)).toBe('permit');
    expect(through(t, '8.8.8.8', P3, UDP, 67)).toBe('permit');
    expect(t.map(formatRule)).toEqual([
      'permit TCP 10.10.1.1/32:* -> any:80',
      'deny TCP 10.10.1.1/32:* -> any:*',
      'permit TCP 10.0.0.0/8:* -> any:80',
      'permit TCP 10.0.0.0/8:* -> any:443',
      'deny UDP 10.10.1.1/32:* -> any:*',
      'permit UDP any:* -> any:67',
      'deny ANY 10.10.1.1/32 -> any',
      'deny ANY any -> any',
    ]);
  });

  it('buildLocalTable() replaces own rules for a combined /32 and keeps non-isolated pods open to others', () => {
    const open = podRules('open', P3);
    const src = podRules('src', P1, undefined, isolated(to('8.8.8.8/32')));
    const t = table('egress', open, src);
    expect(t.map(formatRule)).toEqual(['deny ANY 10.10.1.1/32 -> any', 'permit ANY any -> any']);
    const exact = podRules('d', P3, isolated(from(`${P1}/32`, TCP, 443), from(`${P1}/32`, TCP, 80)));
    const src80 = podRules('s', P1, undefined, isolated(to(`${P3}/32`, TCP, 80)));
    expect(table('egress', exact, src80).map(formatRule)).toEqual(['permit TCP 10.10.1.1/32:* -> any:80', 'deny TCP 10.10.1.1/32:* -> any:*', 'deny ANY 10.10.1.1/32 -> any', 'deny ANY any -> any']);
  });

  it('buildLocalTable() equals a general sort of the own rules it keeps and all block rules, with many peers and port ranges', () => {
    const ports = fc.constantFrom(22, 53, 80, 443, 1000, 8080);
    const peerRule = fc.tuple(fc.integer({ min: 8, max: 10 }), fc.constantFrom(TCP, UDP), ports, fc.boolean())
      .map(([host, proto, port, range]) => contivRule({ action: 'permit', proto, dst: parseCidr(`10.10.9.${host}/32`), dstPorts: { first: port, last: range ? port + 500 : port } }));
    fc.assert(fc.property(fc.array(fc.tuple(fc.constantFrom(TCP, UDP), ports, fc.boolean()), { maxLength: 6 }), fc.array(fc.array(peerRule, { maxLength: 4 }), { minLength: 1, maxLength: 6 }), fc.boolean(), (own, peers, isolate) => {
      const targetRules = own.map(([proto, port, wide]) => from(wide ? '10.10.0.0/16' : '10.10.3.1/32', proto, port));
      const target = podRules('target', '10.10.9.9', isolate ? isolated(...targetRules) : undefined);
      const others = peers.map((rules, i) => podRules(`p${i}`, `10.10.3.${i + 1}`, undefined, isolated(...rules, to('10.10.9.9/32', TCP, 80))));
      const t = tablePodOf('egress', target);
      const blocks = others.map((x) => buildBlock('egress', t, tablePodOf('egress', x))).filter((b): b is Block => b !== undefined);
      const built = buildLocalTable('egress', t, blocks);
      if (blocks.length === 0) return;
      const blocked = new Set(blocks.map((b) => b.peer));
      const kept = t.own.rules.filter((r) => !(r.action === 'permit' && r.src.len === 32 && blocked.has(r.src.addr)));
      const expected = sortRules([...kept, ...blocks.flatMap((b) => b.rules), ...(t.own.isolated ? [] : [ALLOW_ALL])]);
      expect(built.map(formatRule)).toEqual(expected.map(formatRule));
    }));
  });

  it('buildLocalTable() in ingress orientation restricts connections the pod opens to local pods that accept them', () => {
    const client = podRules('client', P1, undefined, isolated(to('10.0.0.0/8', TCP)));
    const server = podRules('server', P3, isolated(from(`${P1}/32`, TCP, 22)));
    const t = table('ingress', client, server);
    const out = (dst: string, proto: number, port: number) => firstMatch(t, { proto, src: parseIp4(P1), dst: parseIp4(dst), srcPort: 40000, dstPort: port });
    expect(out(P3, TCP, 22)).toBe('permit');
    expect(out(P3, TCP, 80)).toBe('deny');
    expect(out('10.9.9.9', TCP, 80)).toBe('permit');
    expect(out('10.9.9.9', UDP, 53)).toBe('deny');
  });

  it('buildGlobalTable() fills in each pod address and ends with allow-the-rest', () => {
    const a = podRules('a', P1, undefined, isolated(to('10.0.0.0/8', TCP, 80)));
    const b = podRules('b', P3, isolated(from('192.168.0.0/16', TCP, 22)));
    expect(buildGlobalTable('egress', [a, b].map((p) => tablePodOf('egress', p))).map(formatRule)).toEqual([
      'permit TCP 10.10.1.1/32:* -> 10.0.0.0/8:80', 'deny ANY 10.10.1.1/32 -> any', 'permit ANY any -> any',
    ]);
    expect(buildGlobalTable('ingress', [a, b].map((p) => tablePodOf('ingress', p))).map(formatRule)).toEqual([
      'permit TCP 192.168.0.0/16:* -> 10.10.2.1/32:22', 'deny ANY any -> 10.10.2.1/32', 'permit ANY any -> any',
    ]);
    expect(buildGlobalTable('egress', [])).toEqual([]);
  });
});
