/**
 * @module VPP session rules (host stack), as VPP's session_rules_table / mma_template evaluate
 * them. Rules form a tree per table (global per FIB, local per app namespace; per transport):
 * a rule nests under the most specific rule covering it, siblings are kept ordered by their
 * highest covered key, and a lookup descends to the most specific matching rule and returns its
 * action. Port 0 in a rule is a wildcard. Only the first packet of a connection is checked:
 * - local scope, when a pod opens a connection: key (lcl 0.0.0.0:0, rmt = peer ip:port) in the
 *   pod's app namespace (`session_lookup_local_endpoint`);
 * - global scope, when a connection arrives: key (lcl = pod ip:port, rmt = peer ip:port)
 *   (`session_lookup_connection_wt4`).
 * Actions: DROP filters the connection; ALLOW, or any app index (redirect), lets it through;
 * no rule leaves the decision to the listener lookup (allowed).
 */
import { formatCidr, maskOf, type Ip4 } from '../../../net/ipv4.ts';
import type { SimSessionRule, SimState } from '../sim-state.ts';
import { IP_PROTO } from './packet.ts';

/** Action indexes with a meaning (VPP's `SESSION_RULES_TABLE_ACTION_*`). */
export const SESSION_ACTION = { ALLOW: 0xfffffffd, DROP: 0xfffffffe, INVALID: 0xffffffff } as const;

/** Scope bits of a rule (0 means global). */
export const SESSION_SCOPE = { GLOBAL: 1, LOCAL: 2 } as const;

/** The key of a lookup. */
export interface SessionRuleKey {
  readonly lcl: Ip4;
  readonly lclPort: number;
  readonly rmt: Ip4;
  readonly rmtPort: number;
}

/** The result of a lookup: the deciding rule (if any) and whether the connection may proceed. */
export interface SessionRuleVerdict {
  readonly allowed: boolean;
  readonly rule?: SimSessionRule;
  /** Position of `rule` in `SimState.session.rules`. */
  readonly ruleIndex?: number;
  readonly detail: string;
}

interface Node {
  readonly lcl: Ip4; readonly lclMask: number; readonly rmt: Ip4; readonly rmtMask: number;
  readonly lclPort: number; readonly lclPortMask: number; readonly rmtPort: number; readonly rmtPortMask: number;
  /** Highest key the rule covers (ports in network byte order, as VPP compares them). */
  readonly max: readonly [number, number, number, number];
  ruleIndex: number;
  action: number;
  children: Node[];
}

const swap16 = (p: number) => ((p & 0xff) << 8) | (p >>> 8);

function nodeOf(r: SimSessionRule, ruleIndex: number): Node {
  const lclMask = maskOf(r.lclLen), rmtMask = maskOf(r.rmtLen);
  const lcl = (r.lcl & lclMask) >>> 0, rmt = (r.rmt & rmtMask) >>> 0;
  return {
    lcl, lclMask, rmt, rmtMask, lclPort: r.lclPort, lclPortMask: r.lclPort === 0 ? 0 : 0xffff,
    rmtPort: r.rmtPort, rmtPortMask: r.rmtPort === 0 ? 0 : 0xffff,
    max: [(rmt | ~rmtMask) >>> 0, (lcl | ~lclMask) >>> 0, r.rmtPort === 0 ? 0xffff : swap16(r.rmtPort), r.lclPort === 0 ? 0xffff : swap16(r.lclPort)],
    ruleIndex, action: r.actionIndex, children: [],
  };
}

function matches(k: SessionRuleKey, n: Node): boolean {
  return ((k.lcl & n.lclMask) >>> 0) === n.lcl && ((k.rmt & n.rmtMask) >>> 0) === n.rmt &&
    (k.lclPort & n.lclPortMask) === n.lclPort && (k.rmtPort & n.rmtPortMask) === n.rmtPort;
}

const keyOf = (n: Node): SessionRuleKey => ({ lcl: n.lcl, lclPort: n.lclPort, rmt: n.rmt, rmtPort: n.rmtPort });

function exact(a: Node, b: Node): boolean {
  return a.lcl === b.lcl && a.lclMask === b.lclMask && a.rmt === b.rmt && a.rmtMask === b.rmtMask &&
    a.lclPort === b.lclPort && a.lclPortMask === b.lclPortMask && a.rmtPort === b.rmtPort && a.rmtPortMask === b.rmtPortMask;
}

function compare(a: Node, b: Node): number {
  for (let i = 0; i < 4; i++) if (a.max[i] !== b.max[i]) return a.max[i]! < b.max[i]! ? -1 : 1;
  return 0;
}

function deepest(n: Node, k: SessionRuleKey): Node | undefined {
  if (!matches(k, n)) return undefined;
  for (const c of n.children) {
    const d = deepest(c, k);
    if (d) return d;
  }
  return n;
}

function insert(root: Node, rule: Node): void {
  const parent = deepest(root, keyOf(rule)) ?? root;
  if (exact(rule, parent)) {
    parent.action = rule.action;
    parent.ruleIndex = rule.ruleIndex;
    return;
  }
  const next: Node[] = [];
  let added = false;
  for (const child of parent.children) {
    if (matches(keyOf(child), rule)) {
      rule.children.push(child);
      if (!added) { next.push(rule); added = true; }
    } else {
      if (!added && compare(rule, child) < 0) { next.push(rule); added = true; }
      next.push(child);
    }
  }
  if (!added) next.push(rule);
  parent.children = next;
}

function buildTable(rules: readonly SimSessionRule[], include: (r: SimSessionRule) => boolean): Node {
  const root = nodeOf({ transportProto: 0, isIp4: true, lcl: 0, lclLen: 0, rmt: 0, rmtLen: 0, lclPort: 0, rmtPort: 0, actionIndex: SESSION_ACTION.INVALID, appnsIndex: 0, scope: 0, tag: '' }, -1);
  rules.forEach((r, i) => { if (r.isIp4 && include(r)) insert(root, nodeOf(r, i)); });
  return root;
}

/** Tables are rebuilt when the rule list changed (compared element by element). */
const cache = new WeakMap<SimSessionRule[], { seen: SimSessionRule[]; tables: Map<string, Node> }>();

function table(state: SimState, name: string, include: (r: SimSessionRule) => boolean): Node {
  const rules = state.session.rules;
  let entry = cache.get(rules);
  if (!entry || entry.seen.length !== rules.length || entry.seen.some((r, i) => r !== rules[i])) {
    entry = { seen: [...rules], tables: new Map() };
    cache.set(rules, entry);
  }
  let t = entry.tables.get(name);
  if (!t) { t = buildTable(rules, include); entry.tables.set(name, t); }
  return t;
}

function lookup(root: Node, k: SessionRuleKey): Node | undefined {
  if (!matches(k, root)) return undefined;
  for (const c of root.children) {
    const d = lookup(c, k);
    if (d && d.action !== SESSION_ACTION.INVALID) return d;
  }
  return root.action === SESSION_ACTION.INVALID ? undefined : root;
}

/** Transport index of a session rule for an IP protocol (0 TCP, 1 UDP), or undefined. */
export function sessionTransport(proto: number): number | undefined {
  return proto === IP_PROTO.TCP ? 0 : proto === IP_PROTO.UDP ? 1 : undefined;
}

function verdict(state: SimState, n: Node | undefined, scope: string): SessionRuleVerdict {
  if (!n) return { allowed: true, detail: `no ${scope} session rule matched` };
  const rule = state.session.rules[n.ruleIndex]!;
  const text = `${rule.tag || 'session rule'} (${scope} ${formatCidr({ addr: rule.lcl, len: rule.lclLen })}:${rule.lclPort} ↔ ${formatCidr({ addr: rule.rmt, len: rule.rmtLen })}:${rule.rmtPort})`;
  if (n.action === SESSION_ACTION.DROP) return { allowed: false, rule, ruleIndex: n.ruleIndex, detail: `${text} DENY` };
  const what = n.action === SESSION_ACTION.ALLOW ? 'ALLOW' : `REDIRECT to app ${n.action}`;
  return { allowed: true, rule, ruleIndex: n.ruleIndex, detail: `${text} ${what}` };
}

/** Local-scope check of a connection opened from app namespace `appnsIndex` to `rmt:rmtPort`. */
export function checkLocalSessionRules(state: SimState, appnsIndex: number, transport: number, rmt: Ip4, rmtPort: number): SessionRuleVerdict {
  const t = table(state, `local|${appnsIndex}|${transport}`, (r) =>
    (r.scope & SESSION_SCOPE.LOCAL) !== 0 && r.appnsIndex === appnsIndex && r.transportProto === transport);
  return verdict(state, lookup(t, { lcl: 0, lclPort: 0, rmt, rmtPort }), 'local');
}

/** Global-scope check of a connection arriving for `lcl:lclPort` from `rmt:rmtPort`. */
export function checkGlobalSessionRules(state: SimState, transport: number, key: SessionRuleKey): SessionRuleVerdict {
  const t = table(state, `global|${transport}`, (r) =>
    (r.scope === 0 || (r.scope & SESSION_SCOPE.GLOBAL) !== 0) && r.transportProto === transport);
  return verdict(state, lookup(t, key), 'global');
}
