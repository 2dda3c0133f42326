/**
 * @module Service frontends in a pod's connect-time table (VPPTCP renderer). The host stack
 * checks a pod's local session rules when it connects — to the Service's address, before
 * NAT44 picks a backend — so the table's own rules would judge the frontend address instead
 * of the pod behind it. Policies are evaluated against real pod IPs (ARCHITECTURE §7), so
 * every frontend gets the table's verdict for its backends: allowed iff the table allows the
 * connection to **every** backend (real IP and target port), else denied (fail closed: the
 * session layer cannot know which backend NAT44 will pick). A frontend without backends gets
 * no rule: nothing can be reached through it, and the Service refuses or drops the connection
 * itself. A rule is emitted only where the verdict differs from what the table's own rules
 * already answer for the frontend address (always, when the table's export was truncated).
 * Frontend rules are /32 with a port, so VPP's most-specific lookup lets them win.
 */
import type { Ip4 } from '../net/ipv4.ts';
import { cidrContains, formatIp4, hostCidr } from '../net/ipv4.ts';
import type { ContivRule } from './contiv-rule.ts';
import { portInRange } from './port-range.ts';
import { ANY_PROTO, TCP, UDP } from './protocol.ts';
import type { SessionRuleTemplate } from './session-rule-export.ts';

/** A backend of a frontend: where NAT44 sends the connection. */
export interface FrontendBackend {
  readonly ip: Ip4;
  readonly port: number;
}

/** One address:port where a Service answers this node's pods, with the backends it forwards to. */
export interface FrontendTarget {
  readonly proto: 'tcp' | 'udp';
  readonly ip: Ip4;
  readonly port: number;
  /** The backends a new connection may go to (empty: refused or dropped by the Service). */
  readonly backends: readonly FrontendBackend[];
}

/** `tcp 10.96.0.10:53`: identifies a frontend. */
export function frontendKey(f: Pick<FrontendTarget, 'proto' | 'ip' | 'port'>): string {
  return `${f.proto} ${formatIp4(f.ip)}:${f.port}`;
}

/** Whether two frontends forward to the same backends (in the same order). */
export function sameBackends(a: FrontendTarget, b: FrontendTarget): boolean {
  return a.backends.length === b.backends.length && a.backends.every((x, i) => x.ip === b.backends[i]!.ip && x.port === b.backends[i]!.port);
}

/**
 * First-match verdict of a connect-time table (peer = `dst`) for a connection to `ip`:`port`;
 * no matching rule denies (the table is isolated for that protocol), as the export does.
 */
export function tableAllows(rules: readonly ContivRule[], proto: 'tcp' | 'udp', ip: Ip4, port: number): boolean {
  const p = proto === 'tcp' ? TCP : UDP;
  for (const r of rules) {
    if (r.proto !== ANY_PROTO && r.proto !== p) continue;
    if (!cidrContains(r.dst, ip)) continue;
    if (r.proto !== ANY_PROTO && !portInRange(r.dstPorts, port)) continue;
    return r.action === 'permit';
  }
  return false;
}

/** The verdict a frontend deserves under `rules`: its backends' (all allowed → allow), undefined without backends. */
export function frontendVerdict(rules: readonly ContivRule[], f: FrontendTarget): 'allow' | 'deny' | undefined {
  if (f.backends.length === 0) return undefined;
  return f.backends.every((b) => tableAllows(rules, f.proto, b.ip, b.port)) ? 'allow' : 'deny';
}

/**
 * The session rule template `f` needs in a table with `rules`, or undefined when the table's
 * own rules already give the frontend its backends' verdict. `exact` = the table's own export
 * equals its first-match semantics (false when port ranges were truncated).
 */
export function frontendTemplate(rules: readonly ContivRule[], f: FrontendTarget, exact: boolean): SessionRuleTemplate | undefined {
  const want = frontendVerdict(rules, f);
  if (want === undefined) return undefined;
  if (exact && (want === 'allow') === tableAllows(rules, f.proto, f.ip, f.port)) return undefined;
  return { proto: f.proto, peer: hostCidr(f.ip), port: f.port, action: want, frontend: true };
}

