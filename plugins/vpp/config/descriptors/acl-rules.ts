/**
 * @module ACL rules between our model and the ACL plugin's `acl_rule`: conversion both ways,
 * validation, and the semantic comparison resync relies on (an empty network is 0.0.0.0/0,
 * host bits are masked, ports do not matter for protocols without ports).
 */
import { BadInputError } from '../../../../core/errors.ts';
import { mapReusing } from '../../../../core/list-reuse.ts';
import { formatCidr } from '../../../net/ipv4.ts';
import { parseCidrMemo as parseCidr, sameCidr } from './cidr-memo.ts';
import { AclAction as VppAclAction, type AclRule as VppAclRule } from '../../messages/acl.ts';
import { ip4Prefix, prefixToCidr, type Prefix } from '../../messages/vpp-types.ts';
import type { AclAction, AclRule } from '../../model.ts';

const ACTIONS: Readonly<Record<AclAction, number>> = {
  deny: VppAclAction.ACL_ACTION_API_DENY,
  permit: VppAclAction.ACL_ACTION_API_PERMIT,
  reflect: VppAclAction.ACL_ACTION_API_PERMIT_REFLECT,
};
const BY_NUMBER: readonly AclAction[] = ['deny', 'permit', 'reflect'];

/** Protocols whose port ranges the ACL plugin matches (TCP, UDP, SCTP). */
const withPorts = (proto: number): boolean => proto === 6 || proto === 17 || proto === 132;

// An empty prefix is "any".
const sameNetwork = (a: string, b: string): boolean => sameCidr(a === '' ? '0.0.0.0/0' : a, parseCidr(b === '' ? '0.0.0.0/0' : b));

// Values are immutable once put (the reconciler keeps them by reference), and the policy
// renderer shares rule objects between ACLs: each rule object is checked and converted once
// (a rule in TO_VPP is valid), each list once (validation converts it, create/update reuse it).
const TO_VPP = new WeakMap<AclRule, VppAclRule>();
const TO_VPP_LISTS = new WeakMap<readonly AclRule[], readonly VppAclRule[]>();

/** The rules of an ACL as the ACL plugin holds them (one array per rule list). */
export function rulesToVpp(rules: readonly AclRule[]): readonly VppAclRule[] {
  // Only validated lists are remembered (a remembered list counts as valid).
  return TO_VPP_LISTS.get(rules) ?? rules.map(ruleToVpp);
}

/** The rule as the ACL plugin holds it. */
export function ruleToVpp(r: AclRule): VppAclRule {
  return TO_VPP.get(r) ?? convertToVpp(r);
}

// Immutable prefixes by text, shared by every rule naming the same network (most name 0.0.0.0/0).
// Only valid texts are remembered: a hit is both the check and the conversion of a network.
const PREFIXES = new Map<string, Prefix>();

/** The prefix of a network text. @throws {IpParseError} when the text is not an IPv4 prefix. */
function prefixOf(text: string): Prefix {
  let p = PREFIXES.get(text);
  if (!p) {
    const c = parseCidr(text === '' ? '0.0.0.0/0' : text);
    if (PREFIXES.size >= 65_536) PREFIXES.clear();
    PREFIXES.set(text, (p = ip4Prefix(c.addr, c.len)));
  }
  return p;
}

function convertToVpp(r: AclRule): VppAclRule {
  return toVpp(r, prefixOf(r.src), prefixOf(r.dst));
}

function toVpp(r: AclRule, src: Prefix, dst: Prefix): VppAclRule {
  const ports = withPorts(r.proto);
  return {
    is_permit: ACTIONS[r.action] as VppAclRule['is_permit'],
    src_prefix: src,
    dst_prefix: dst,
    proto: r.proto,
    srcport_or_icmptype_first: ports ? r.srcPortFirst : 0,
    srcport_or_icmptype_last: ports ? r.srcPortLast : 65535,
    dstport_or_icmpcode_first: ports ? r.dstPortFirst : 0,
    dstport_or_icmpcode_last: ports ? r.dstPortLast : 65535,
    tcp_flags_mask: 0,
    tcp_flags_value: 0,
  };
}

/** A dumped rule in our model. */
export function ruleFromVpp(r: VppAclRule): AclRule {
  const src = prefixToCidr(r.src_prefix);
  const dst = prefixToCidr(r.dst_prefix);
  return {
    action: BY_NUMBER[r.is_permit] ?? 'deny',
    src: src ? formatCidr(src) : '0.0.0.0/0',
    dst: dst ? formatCidr(dst) : '0.0.0.0/0',
    proto: r.proto,
    srcPortFirst: r.srcport_or_icmptype_first,
    srcPortLast: r.srcport_or_icmptype_last,
    dstPortFirst: r.dstport_or_icmpcode_first,
    dstPortLast: r.dstport_or_icmpcode_last,
  };
}

/** Whether two rules match the same packets with the same action. */
export function equivalentRules(a: AclRule, b: AclRule): boolean {
  if (a.action !== b.action || a.proto !== b.proto || !sameNetwork(a.src, b.src) || !sameNetwork(a.dst, b.dst)) return false;
  if (!withPorts(a.proto)) return true;
  return a.srcPortFirst === b.srcPortFirst && a.srcPortLast === b.srcPortLast && a.dstPortFirst === b.dstPortFirst && a.dstPortLast === b.dstPortLast;
}

/** Whether two rule lists are equivalent rule by rule (order matters: first match wins). */
export function equivalentRuleLists(a: readonly AclRule[], b: readonly AclRule[]): boolean {
  if (a === b) return true;
  return a.length === b.length && a.every((r, i) => r === b[i] || equivalentRules(r, b[i] as AclRule));
}

/**
 * Checks every rule of an ACL and converts the list for the ACL plugin in the same pass (rule
 * objects already checked are skipped). The previous list of the same key is the base: rules
 * it holds (the same objects, found by an aligned identity pass) take its conversions, so an
 * ACL replaced with a few more or fewer rules costs little more than those.
 * @throws {BadInputError} naming `rules[i].<field>`
 */
export function validateRules(key: string, rules: readonly AclRule[]): void {
  if (TO_VPP_LISTS.has(rules)) return;
  const base = LAST_BY_KEY.get(key);
  const out = mapReusing(rules, base?.rules ?? [], base?.vpp ?? [], (r, i) => {
    let v = TO_VPP.get(r);
    if (!v) TO_VPP.set(r, (v = checkedToVpp(key, r, i)));
    return v;
  });
  TO_VPP_LISTS.set(rules, out);
  if (LAST_BY_KEY.size >= 4096) LAST_BY_KEY.clear();
  LAST_BY_KEY.set(key, { rules, vpp: out });
}

// The last valid list of each key (ACL names come and go with pods: bounded).
const LAST_BY_KEY = new Map<string, { readonly rules: readonly AclRule[]; readonly vpp: readonly VppAclRule[] }>();

const isInt = (n: number, min: number, max: number): boolean => Number.isInteger(n) && n >= min && n <= max;

function checkedPrefix(key: string, i: number, field: 'src' | 'dst', text: string): Prefix {
  const hit = PREFIXES.get(text);
  if (hit) return hit;
  try {
    return prefixOf(text);
  } catch (err: unknown) {
    throw new BadInputError(key, `rules[${i}].${field}`, `"${text}" is not an IPv4 prefix`, { cause: err ?? new Error('invalid') });
  }
}

/**
 * Checks one rule. Straight-line, and the field name is only built on failure: ACLs of 10 000
 * rules are validated on every put and resync.
 * @throws {BadInputError} naming `rules[i].<field>`
 */
export function validateRule(key: string, r: AclRule, i: number): void {
  checkedToVpp(key, r, i);
}

/** Checks one rule and converts it in the same pass (a network is parsed once for both). */
function checkedToVpp(key: string, r: AclRule, i: number): VppAclRule {
  const fail = (name: string, detail: string): never => {
    throw new BadInputError(key, `rules[${i}].${name}`, detail);
  };
  if (r.action !== 'permit' && r.action !== 'deny' && r.action !== 'reflect') fail('action', `"${String(r.action)}" is not deny, permit or reflect`);
  const src = checkedPrefix(key, i, 'src', r.src);
  const dst = checkedPrefix(key, i, 'dst', r.dst);
  if (!isInt(r.proto, 0, 255)) fail('proto', `${r.proto} is not an integer in 0..255`);
  if (withPorts(r.proto)) {
    if (!isInt(r.srcPortFirst, 0, 65535)) fail('srcPortFirst', `${r.srcPortFirst} is not an integer in 0..65535`);
    if (!isInt(r.srcPortLast, 0, 65535)) fail('srcPortLast', `${r.srcPortLast} is not an integer in 0..65535`);
    if (r.srcPortFirst > r.srcPortLast) fail('srcPortFirst', `${r.srcPortFirst} is above srcPortLast ${r.srcPortLast}`);
    if (!isInt(r.dstPortFirst, 0, 65535)) fail('dstPortFirst', `${r.dstPortFirst} is not an integer in 0..65535`);
    if (!isInt(r.dstPortLast, 0, 65535)) fail('dstPortLast', `${r.dstPortLast} is not an integer in 0..65535`);
    if (r.dstPortFirst > r.dstPortLast) fail('dstPortFirst', `${r.dstPortFirst} is above dstPortLast ${r.dstPortLast}`);
  }
  return toVpp(r, src, dst);
}
