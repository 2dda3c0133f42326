/**
 * @module A small model of VPP session-rule enforcement (VPPTCP renderer) on a cluster of
 * nodes: a connection opened by a local pod is looked up in the LOCAL rules of its app
 * namespace (remote = destination); a connection entering a node towards one of its pods is
 * looked up in that node's GLOBAL rules (local = pod IP and port, remote = source). Lookup
 * returns the most specific matching rule, as VPP's rule tree does; matching rules that do
 * not form a chain and disagree are reported as an error (the renderer must not produce them).
 * No matching rule = allowed.
 */
import type { SessionRule } from '../../plugins/vpp/model.ts';

/** A pod as the session layer sees it. */
export interface SessionPod {
  readonly key: string;
  readonly ip: string;
  /** Its app namespace: the id local rules name (`appNamespace`), else an index. */
  readonly appns: number | string;
}

/** One node: its session rules and pods. */
export interface SessionNodeState {
  readonly name: string;
  readonly rules: readonly SessionRule[];
  readonly pods: readonly SessionPod[];
}

/** Where an endpoint is. */
export interface SessionLocation {
  readonly ip: string;
  readonly node?: string;
  readonly appns?: number | string;
}

/** Thrown when matching rules are not nested and disagree. */
export class AmbiguousSessionRulesError extends Error {
  constructor(readonly rules: readonly SessionRule[]) {
    super(`ambiguous session rules: ${rules.map((r) => `${r.lclIp}:${r.lclPort} ${r.rmtIp}:${r.rmtPort} ${r.action}`).join(' | ')}`);
    this.name = 'AmbiguousSessionRulesError';
  }
}

function ip(text: string): number {
  return text.split('.').reduce((n, p) => n * 256 + Number(p), 0);
}

function prefix(c: string): { addr: number; len: number } {
  const [a, l] = c.split('/');
  return { addr: ip(a!), len: Number(l ?? 32) };
}

function inPrefix(c: string, addr: number): boolean {
  const p = prefix(c);
  const block = 2 ** (32 - p.len);
  return Math.floor(p.addr / block) === Math.floor(addr / block);
}

function prefixWithin(inner: string, outer: string): boolean {
  const i = prefix(inner);
  return prefix(outer).len <= i.len && inPrefix(outer, i.addr);
}

function within(a: SessionRule, b: SessionRule): boolean {
  return prefixWithin(a.lclIp, b.lclIp) && prefixWithin(a.rmtIp, b.rmtIp) &&
    (b.lclPort === 0 || b.lclPort === a.lclPort) && (b.rmtPort === 0 || b.rmtPort === a.rmtPort);
}

/** Most specific matching rule's action, or undefined when none matches. */
export function lookupSessionRules(rules: readonly SessionRule[], lcl: string, lclPort: number, rmt: string, rmtPort: number): 'allow' | 'deny' | undefined {
  const l = ip(lcl);
  const r = ip(rmt);
  const matching = rules.filter((x) =>
    inPrefix(x.lclIp, l) && inPrefix(x.rmtIp, r) && (x.lclPort === 0 || x.lclPort === lclPort) && (x.rmtPort === 0 || x.rmtPort === rmtPort)
  );
  const minimal = matching.filter((x) => !matching.some((y) => y !== x && within(y, x) && !within(x, y)));
  if (minimal.length === 0) return undefined;
  if (minimal.some((x) => x.action !== minimal[0]!.action)) throw new AmbiguousSessionRulesError(minimal);
  return minimal[0]!.action;
}

/** Whether a TCP/UDP connection from `src` to `dst` port `dport` passes the session rules. */
export function sessionVerdict(nodes: readonly SessionNodeState[], src: SessionLocation, dst: SessionLocation, proto: 'tcp' | 'udp', dport: number, sport = 40000): { allowed: boolean; trace: string[] } {
  const trace: string[] = [];
  if (src.node !== undefined) {
    const node = nodes.find((n) => n.name === src.node)!;
    const local = node.rules.filter((x) => x.scope === 'local' && (x.appNamespace ?? x.appnsIndex) === src.appns && x.proto === proto);
    const a = lookupSessionRules(local, src.ip, sport, dst.ip, dport);
    trace.push(`${node.name} local appns ${src.appns}: ${a ?? 'no rule'}`);
    if (a === 'deny') return { allowed: false, trace };
  }
  if (dst.node !== undefined && dst.node !== src.node) {
    const node = nodes.find((n) => n.name === dst.node)!;
    const global = node.rules.filter((x) => x.scope === 'global' && x.proto === proto);
    const a = lookupSessionRules(global, dst.ip, dport, src.ip, sport);
    trace.push(`${node.name} global: ${a ?? 'no rule'}`);
    if (a === 'deny') return { allowed: false, trace };
  }
  return { allowed: true, trace };
}
