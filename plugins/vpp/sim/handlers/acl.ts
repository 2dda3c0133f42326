/**
 * @module Simulator handlers of the ACL plugin: `acl_add_replace` (~0 creates, pool index reuse
 * as VPP), `acl_del` (refused while applied), interface ACL lists (every ACL must exist, none
 * twice per direction) and the dumps.
 */
import { maskOf } from '../../../net/ipv4.ts';
import type { AclDetails, AclInterfaceListDetails, AclRule } from '../../messages/acl.ts';
import { VnetApiError as E } from '../../messages/api-errno.ts';
import { U32_MAX, addressToIp4, ip4Prefix, type Prefix } from '../../messages/vpp-types.ts';
import type { SimAcl, SimAclRule, SimState } from '../sim-state.ts';
import { mapReusing } from '../../../../core/list-reuse.ts';
import { IndexPool } from './index-pool.ts';
import { retval } from './retval.ts';
import type { DumpHandlers, RequestHandlers } from './sim-context.ts';
import { MAX_TAG_LENGTH } from '../../vpp-tag.ts';

/** The address of an IPv4 prefix with no host bits set (VPP's `ip_prefix_decode2` check), or -1. */
function validPrefixIp(p: Prefix): number {
  const ip = addressToIp4(p.address);
  if (ip === undefined || p.len > 32 || ((ip & maskOf(p.len)) >>> 0) !== ip) return -1;
  return ip;
}

// In-process messages are immutable and the agent sends the same rule objects in many ACLs:
// each valid one is converted once (stored rules are readonly, so sharing them is safe).
const SIM_RULES = new WeakMap<AclRule, SimAclRule>();

// ...and whole rule lists (an agent re-sends a list it sent before).
const SIM_LISTS = new WeakMap<readonly AclRule[], readonly SimAclRule[]>();

// The request each ACL was last set from, with what it stored: a replace mostly re-sends it.
const LAST_SET = new WeakMap<SimAcl, { readonly req: readonly AclRule[]; readonly rules: readonly SimAclRule[] }>();

/** The rules as the simulator stores them (a fresh array), or the retval VPP answers with. */
function simRules(r: readonly AclRule[], replaced?: SimAcl): SimAclRule[] | number {
  const known = SIM_LISTS.get(r);
  if (known) return known.slice();
  const last = replaced && LAST_SET.get(replaced);
  const out = convertRules(r, last && last.rules === replaced.rules ? last : undefined);
  if (typeof out !== 'number') SIM_LISTS.set(r, out.slice());
  return out;
}

function convertRules(r: readonly AclRule[], base?: { readonly req: readonly AclRule[]; readonly rules: readonly SimAclRule[] }): SimAclRule[] | number {
  // Aligned with the previous request by identity (a few rules inserted or removed).
  const out = mapReusing<AclRule, SimAclRule | number>(r, base?.req ?? [], base?.rules ?? [], convertRule);
  // VPP answers with the first invalid rule's error (reused conversions are all valid).
  const bad = out.find((x) => typeof x === 'number');
  return bad === undefined ? (out as SimAclRule[]) : bad;
}

/** One rule as the simulator stores it, or the retval VPP answers for it. */
function convertRule(rule: AclRule): SimAclRule | number {
  const known = SIM_RULES.get(rule);
  if (known) return known;
  const src = validPrefixIp(rule.src_prefix);
  if (src < 0) return rule.src_prefix.address.af === 0 ? E.INVALID_SRC_ADDRESS : E.INVALID_ADDRESS_FAMILY;
  const dst = validPrefixIp(rule.dst_prefix);
  if (dst < 0) return rule.dst_prefix.address.af === 0 ? E.INVALID_DST_ADDRESS : E.INVALID_ADDRESS_FAMILY;
  if (rule.srcport_or_icmptype_first > rule.srcport_or_icmptype_last) return E.INVALID_VALUE_2;
  if (rule.dstport_or_icmpcode_first > rule.dstport_or_icmpcode_last) return E.INVALID_VALUE_2;
  if (rule.is_permit > 2) return E.INVALID_VALUE;
  const sim: SimAclRule = {
    isPermit: rule.is_permit,
    src,
    srcLen: rule.src_prefix.len,
    dst,
    dstLen: rule.dst_prefix.len,
    proto: rule.proto,
    srcPortFirst: rule.srcport_or_icmptype_first,
    srcPortLast: rule.srcport_or_icmptype_last,
    dstPortFirst: rule.dstport_or_icmpcode_first,
    dstPortLast: rule.dstport_or_icmpcode_last,
    tcpFlagsMask: rule.tcp_flags_mask,
    tcpFlagsValue: rule.tcp_flags_value,
  };
  SIM_RULES.set(rule, sim);
  return sim;
}

function apiRule(r: SimAclRule): AclRule {
  return {
    is_permit: r.isPermit,
    src_prefix: ip4Prefix(r.src, r.srcLen),
    dst_prefix: ip4Prefix(r.dst, r.dstLen),
    proto: r.proto,
    srcport_or_icmptype_first: r.srcPortFirst,
    srcport_or_icmptype_last: r.srcPortLast,
    dstport_or_icmpcode_first: r.dstPortFirst,
    dstport_or_icmpcode_last: r.dstPortLast,
    tcp_flags_mask: r.tcpFlagsMask,
    tcp_flags_value: r.tcpFlagsValue,
  };
}

function aclDetails(a: SimAcl): AclDetails {
  return { _msgname: 'acl_details', acl_index: a.aclIndex, tag: a.tag, count: a.rules.length, r: a.rules.map(apiRule) };
}

function listDetails(state: SimState, swIfIndex: number): AclInterfaceListDetails {
  const l = state.interfaceAcls.get(swIfIndex) ?? { input: [], output: [] };
  const acls = [...l.input, ...l.output];
  return { _msgname: 'acl_interface_list_details', sw_if_index: swIfIndex, count: acls.length, n_input: l.input.length, acls };
}

function usedBy(state: SimState, aclIndex: number, dir: 'input' | 'output'): boolean {
  return [...state.interfaceAcls.values()].some((l) => l[dir].includes(aclIndex));
}

function hasDuplicate(list: readonly number[]): boolean {
  return new Set(list).size !== list.length;
}

function setLists(state: SimState, swIfIndex: number, input: number[], output: number[]): void {
  if (input.length === 0 && output.length === 0) state.interfaceAcls.delete(swIfIndex);
  else state.interfaceAcls.set(swIfIndex, { input, output });
}

/** ACL request handlers over a pool of ACL indexes (one per simulator). */
export function aclRequestHandlers(pool: IndexPool): RequestHandlers {
  return {
    acl_add_replace(ctx, req) {
      const reply = (rv: number, index = U32_MAX) => ({ _msgname: 'acl_add_replace_reply' as const, acl_index: index, retval: rv });
      if (req.count !== req.r.length) return reply(E.INVALID_VALUE);
      const acls = ctx.state.acls;
      const replaced = req.acl_index === U32_MAX ? undefined : acls.get(req.acl_index);
      const rules = simRules(req.r, replaced);
      if (typeof rules === 'number') return reply(rules);
      if (req.acl_index !== U32_MAX) {
        if (!replaced) return reply(E.NO_SUCH_ENTRY);
        replaced.rules = rules;
        replaced.tag = req.tag.slice(0, MAX_TAG_LENGTH);
        LAST_SET.set(replaced, { req: req.r, rules });
        return reply(0, replaced.aclIndex);
      }
      const aclIndex = pool.take();
      const acl: SimAcl = { aclIndex, tag: req.tag.slice(0, MAX_TAG_LENGTH), rules };
      acls.set(aclIndex, acl);
      LAST_SET.set(acl, { req: req.r, rules });
      return reply(0, aclIndex);
    },

    acl_del(ctx, req) {
      const state = ctx.state;
      if (!state.acls.has(req.acl_index)) return retval('acl_del_reply', E.NO_SUCH_ENTRY);
      if (usedBy(state, req.acl_index, 'input')) return retval('acl_del_reply', E.ACL_IN_USE_INBOUND);
      if (usedBy(state, req.acl_index, 'output')) return retval('acl_del_reply', E.ACL_IN_USE_OUTBOUND);
      state.acls.delete(req.acl_index);
      pool.put(req.acl_index);
      return retval('acl_del_reply');
    },

    acl_interface_set_acl_list(ctx, req) {
      const name = 'acl_interface_set_acl_list_reply';
      if (!ctx.iface(req.sw_if_index)) return retval(name, E.INVALID_SW_IF_INDEX);
      if (req.count !== req.acls.length || req.n_input > req.count) return retval(name, E.INVALID_VALUE);
      if (req.acls.some((a) => !ctx.state.acls.has(a))) return retval(name, E.NO_SUCH_ENTRY);
      const input = req.acls.slice(0, req.n_input);
      const output = req.acls.slice(req.n_input);
      if (hasDuplicate(input) || hasDuplicate(output)) return retval(name, E.ENTRY_ALREADY_EXISTS);
      setLists(ctx.state, req.sw_if_index, input, output);
      return retval(name);
    },

    acl_interface_add_del(ctx, req) {
      const name = 'acl_interface_add_del_reply';
      if (!ctx.iface(req.sw_if_index)) return retval(name, E.INVALID_SW_IF_INDEX);
      if (!ctx.state.acls.has(req.acl_index)) return retval(name, E.NO_SUCH_ENTRY);
      const l = ctx.state.interfaceAcls.get(req.sw_if_index) ?? { input: [], output: [] };
      const dir = req.is_input ? l.input : l.output;
      const present = dir.includes(req.acl_index);
      if (req.is_add && present) return retval(name, req.is_input ? E.ACL_IN_USE_INBOUND : E.ACL_IN_USE_OUTBOUND);
      if (!req.is_add && !present) return retval(name, E.NO_SUCH_ENTRY);
      const next = req.is_add ? [...dir, req.acl_index] : dir.filter((a) => a !== req.acl_index);
      setLists(ctx.state, req.sw_if_index, req.is_input ? next : l.input, req.is_input ? l.output : next);
      return retval(name);
    },
  };
}

/** Dump handlers of the ACL plugin. */
export const aclDumpHandlers: DumpHandlers = {
  acl_dump(ctx, req) {
    const all = [...ctx.state.acls.values()].sort((a, b) => a.aclIndex - b.aclIndex);
    return (req.acl_index === U32_MAX ? all : all.filter((a) => a.aclIndex === req.acl_index)).map(aclDetails);
  },

  acl_interface_list_dump(ctx, req) {
    // Every interface is listed, also those without ACLs (count 0), as VPP does.
    const ids = [...ctx.state.interfaces.keys()].sort((a, b) => a - b);
    return (req.sw_if_index === U32_MAX ? ids : ids.filter((i) => i === req.sw_if_index)).map((i) => listDetails(ctx.state, i));
  },
};
