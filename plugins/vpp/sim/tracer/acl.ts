/**
 * @module The ACL plugin's input and output nodes: first match over an interface's ACL list,
 * implicit deny when a list exists and nothing matched, and permit+reflect sessions that let the
 * flow's packets (both directions) through that interface's ACL checks without rule evaluation.
 */
import { maskOf, type Ip4 } from '../../../net/ipv4.ts';
import type { SimAcl, SimAclRule, SimAclSession, SimState } from '../sim-state.ts';
import { ListIndex } from './list-index.ts';
import { aclTimeoutMs, type TracerOptions } from './options.ts';
import { IP_PROTO, isIcmpError, reverseTuple, type FlowTuple, type Packet } from './packet.ts';

/** Direction of an ACL list on an interface. */
export type AclDirection = 'input' | 'output';

/** What the ACL node decided for one packet. */
export interface AclVerdict {
  readonly permit: boolean;
  readonly detail: string;
  /** Tag of the deciding ACL (`acl <index>` when untagged). */
  readonly table?: string;
  /** Index of the deciding rule inside that ACL. */
  readonly rule?: number;
}

/** A rule match: which ACL and rule decided. */
export interface AclMatch {
  readonly acl: SimAcl;
  readonly ruleIndex: number;
  readonly rule: SimAclRule;
}

/** Display name of an ACL: its tag, else `acl <index>`. */
export function aclName(acl: SimAcl): string {
  return acl.tag !== '' ? acl.tag : `acl ${acl.aclIndex}`;
}

/** The L4 values rules compare: ports, or ICMP type/code (as the ACL plugin does). */
function l4Values(p: Packet): [number, number] {
  return p.proto === IP_PROTO.ICMP ? [p.icmpType ?? 0, p.icmpCode ?? 0] : [p.srcPort, p.dstPort];
}

/**
 * Whether `rule` matches `p`. Protocol 0 matches every protocol and then ignores ports; otherwise
 * the protocol must be equal and the ports (ICMP: type and code) inside the ranges. SCTP ports are
 * matched like TCP/UDP ports (VPP extracts only TCP/UDP/ICMP; we extend it so SCTP can be policed).
 */
export function matchAclRule(rule: SimAclRule, p: Packet): boolean {
  const sm = maskOf(rule.srcLen);
  if (((p.src & sm) >>> 0) !== ((rule.src & sm) >>> 0)) return false;
  const dm = maskOf(rule.dstLen);
  if (((p.dst & dm) >>> 0) !== ((rule.dst & dm) >>> 0)) return false;
  if (rule.proto === 0) return true;
  if (rule.proto !== p.proto) return false;
  const [a, b] = l4Values(p);
  if (a < rule.srcPortFirst || a > rule.srcPortLast) return false;
  if (b < rule.dstPortFirst || b > rule.dstPortLast) return false;
  if (p.proto === IP_PROTO.TCP && rule.tcpFlagsMask !== 0 && (p.tcpFlags & rule.tcpFlagsMask) !== rule.tcpFlagsValue) return false;
  return true;
}

/** First matching rule over `aclIndexes` in order; undefined when none matches. */
export function firstAclMatch(state: SimState, aclIndexes: readonly number[], p: Packet): AclMatch | undefined {
  for (const index of aclIndexes) {
    const acl = state.acls.get(index);
    if (!acl) continue;
    for (let i = 0; i < acl.rules.length; i++) {
      const rule = acl.rules[i]!;
      if (matchAclRule(rule, p)) return { acl, ruleIndex: i, rule };
    }
  }
  return undefined;
}

/** The tuple ACL sessions are matched on (ICMP errors belong to the flow they quote). */
function sessionTuple(p: Packet): FlowTuple {
  return isIcmpError(p) ? reverseTuple(p.quoted) : p;
}

/** Direction-free key of a flow on an interface. */
function flowKey(swIfIndex: number, proto: number, a: Ip4, ap: number, b: Ip4, bp: number): string {
  const x = `${a}:${ap}`, y = `${b}:${bp}`;
  return x < y ? `${swIfIndex}|${proto}|${x}|${y}` : `${swIfIndex}|${proto}|${y}|${x}`;
}

const index = new ListIndex<SimAclSession>((s) => [flowKey(s.swIfIndex, s.protocol, s.src, s.srcPort, s.dst, s.dstPort)]);

/** Finds a live ACL session of `swIfIndex` for the packet's flow (either direction); drops expired ones. */
export function findAclSession(state: SimState, swIfIndex: number, p: Packet, now: number, options: TracerOptions): SimAclSession | undefined {
  const t = sessionTuple(p);
  const key = flowKey(swIfIndex, t.proto, t.src, t.srcPort, t.dst, t.dstPort);
  for (;;) {
    const s = index.get(state.aclSessions, key);
    if (!s || now - s.lastHeard <= aclTimeoutMs(options, s.protocol)) return s;
    index.remove(state.aclSessions, s);
  }
}

/**
 * Runs the ACL node of `direction` on interface `swIfIndex` for `p` at time `now`. Returns
 * undefined when the interface has no ACL in that direction (the node is not on the path).
 */
export function checkAcl(
  state: SimState,
  swIfIndex: number,
  direction: AclDirection,
  p: Packet,
  now: number,
  options: TracerOptions,
): AclVerdict | undefined {
  const list = state.interfaceAcls.get(swIfIndex)?.[direction];
  if (!list || list.length === 0) return undefined;
  const session = findAclSession(state, swIfIndex, p, now, options);
  if (session) {
    session.lastHeard = now;
    return { permit: true, detail: 'permitted by a reflective ACL session of this flow' };
  }
  const match = firstAclMatch(state, list, p);
  if (!match) {
    const names = list.map((i) => { const a = state.acls.get(i); return a ? aclName(a) : `acl ${i} (missing)`; });
    return { permit: false, detail: `no rule matched in [${names.join(', ')}]: implicit deny` };
  }
  const table = aclName(match.acl);
  const action = match.rule.isPermit;
  if (action === 0) return { permit: false, detail: `${table} rule ${match.ruleIndex} DENY`, table, rule: match.ruleIndex };
  if (action === 2 && !isIcmpError(p)) {
    index.add(state.aclSessions, { swIfIndex, protocol: p.proto, src: p.src, srcPort: p.srcPort, dst: p.dst, dstPort: p.dstPort, lastHeard: now });
    return { permit: true, detail: `${table} rule ${match.ruleIndex} PERMIT+REFLECT (session created)`, table, rule: match.ruleIndex };
  }
  return { permit: true, detail: `${table} rule ${match.ruleIndex} PERMIT`, table, rule: match.ruleIndex };
}
