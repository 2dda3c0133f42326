/**
 * @module Table → VPP session rules (spec §6.2, made exact). A table is a first-match list;
 * VPP's session rule lookup picks the **most specific** matching rule instead (its mask-match
 * tree descends into the narrowest rule containing the packet). The export therefore
 * computes, for every region of the table's prefix tree and every port class, the table's
 * verdict, and emits a rule only where the most-specific lookup over the rules emitted so far
 * would answer differently or ambiguously. The result is a set in which the matching rules of
 * every packet form a chain, so "most specific" is well defined and equals the table.
 *
 * Session rules know single ports only: port ranges are expanded (up to `maxRangePorts` ports
 * per range; beyond that the rest of the range is left out, which fails closed in isolated
 * tables, and `truncated` is set). Only TCP and UDP exist in the session layer.
 */
import type { Cidr } from '../net/ipv4.ts';
import { ANY_CIDR, cidrCovers } from '../net/ipv4.ts';
import type { ContivRule, PeerField } from './contiv-rule.ts';
import { isAnyPorts, portInRange } from './port-range.ts';
import { ANY_PROTO, TCP, UDP } from './protocol.ts';

/** One session rule before it is placed into a scope (peer = remote side). */
export interface SessionRuleTemplate {
  readonly proto: 'tcp' | 'udp';
  /** Remote prefix (local scope) or remote prefix of an incoming connection (global scope). */
  readonly peer: Cidr;
  /** Port on the pod's side of the rule (0 = every port). */
  readonly port: number;
  readonly action: 'allow' | 'deny';
  /** A Service frontend's rule (judged by its backends), tagged `contiv/vpp-policy-SVC-…`. */
  readonly frontend?: true;
}

/** Result of an export. */
export interface SessionRuleExport {
  readonly templates: readonly SessionRuleTemplate[];
  /** Some port range was larger than `maxRangePorts` and only partly exported. */
  readonly truncated: boolean;
}

type Verdict = 'allow' | 'deny';

interface Emitted {
  readonly len: number;
  readonly action: Verdict;
}

/**
 * Exports `rules` (one slice: the pod side is fixed, `peerField` names the peer) as
 * most-specific-match templates. No rule matching = allow, the session layer's default.
 */
export function exportSessionRules(rules: readonly ContivRule[], peerField: PeerField, maxRangePorts: number): SessionRuleExport {
  const templates: SessionRuleTemplate[] = [];
  let truncated = false;
  for (const proto of [TCP, UDP] as const) {
    const name = proto === TCP ? 'tcp' : 'udp';
    // A table with no rule for this protocol denies it (first match, nothing matched).
    const relevant = rules.filter((r) => r.proto === ANY_PROTO || r.proto === proto);
    // Port classes: every single port a rule names, plus one representative of "any other port".
    const ports = new Set<number>();
    for (const r of relevant) {
      if (r.proto === ANY_PROTO || isAnyPorts(r.dstPorts)) continue;
      const last = Math.min(r.dstPorts.last, r.dstPorts.first + maxRangePorts - 1);
      if (last < r.dstPorts.last) truncated = true;
      for (let p = r.dstPorts.first; p <= last; p++) ports.add(p);
    }
    const other = firstUncoveredPort(relevant);
    const portList = [...ports].sort((a, b) => a - b);
    // Prefix tree of the peers (parents before children), with each prefix's rules in table order.
    const byPrefix = new Map<string, { cidr: Cidr; idx: number[] }>();
    relevant.forEach((r, i) => {
      const c = r[peerField];
      const k = `${c.addr}/${c.len}`;
      const e = byPrefix.get(k);
      if (e) e.idx.push(i);
      else byPrefix.set(k, { cidr: c, idx: [i] });
    });
    if (!byPrefix.has(`0/0`)) byPrefix.set('0/0', { cidr: ANY_CIDR, idx: [] });
    const prefixes = [...byPrefix.values()].sort((a, b) => a.cidr.addr - b.cidr.addr || a.cidr.len - b.cidr.len);
    const stack: { cidr: Cidr; idx: number[]; any?: Emitted; byPort: Map<number, Emitted> }[] = [];
    for (const p of prefixes) {
      while (stack.length > 0 && !cidrCovers(stack[stack.length - 1]!.cidr, p.cidr)) stack.pop();
      const parent = stack[stack.length - 1];
      // Rules whose peer contains this region, in table order.
      const candidates = [...(parent?.idx ?? []), ...p.idx].sort((a, b) => a - b);
      const verdict = (port: number): Verdict => {
        for (const i of candidates) {
          const r = relevant[i]!;
          if (r.proto === ANY_PROTO || portInRange(r.dstPorts, port)) return r.action === 'permit' ? 'allow' : 'deny';
        }
        return 'deny';
      };
      let any = parent?.any;
      const byPort = new Map(parent?.byPort ?? []);
      if (other !== undefined) {
        const want = verdict(other);
        if ((any?.action ?? 'allow') !== want) {
          any = { len: p.cidr.len, action: want };
          templates.push({ proto: name, peer: p.cidr, port: 0, action: want });
        }
      }
      for (const port of portList) {
        const want = verdict(port);
        const x = byPort.get(port);
        let got: Verdict | undefined;
        if (x && (!any || x.len >= any.len)) got = x.action;
        else if (any && !x) got = any.action;
        else if (any && x) got = any.action === x.action ? any.action : undefined;
        else got = 'allow';
        if (got !== want) {
          byPort.set(port, { len: p.cidr.len, action: want });
          templates.push({ proto: name, peer: p.cidr, port, action: want });
        }
      }
      stack.push({ cidr: p.cidr, idx: candidates, any, byPort });
    }
  }
  return { templates, truncated };
}

/** The lowest port (≥ 1) no port-specific rule covers, or undefined if every port is covered. */
function firstUncoveredPort(rules: readonly ContivRule[]): number | undefined {
  const ranges = rules
    .filter((r) => r.proto !== ANY_PROTO && !isAnyPorts(r.dstPorts))
    .map((r) => r.dstPorts)
    .sort((a, b) => a.first - b.first);
  let candidate = 1;
  for (const r of ranges) {
    if (r.first > candidate) break;
    if (r.last >= candidate) candidate = r.last + 1;
  }
  return candidate <= 65535 ? candidate : undefined;
}

