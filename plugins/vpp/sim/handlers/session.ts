/**
 * @module Simulator handlers of the session layer: enable/disable (enabling creates the
 * `default` app namespace, index 0), app namespaces (add or update by id) and session rules
 * (a rule with the same match replaces the action; BOTH-scope rules are dumped once per table).
 */
import { maskOf } from '../../../net/ipv4.ts';
import { VnetApiError as E } from '../../messages/api-errno.ts';
import { SessionRuleScope, TransportProto, type SessionRulesDetails } from '../../messages/session.ts';
import { U32_MAX, addressToIp4, ip4Prefix } from '../../messages/vpp-types.ts';
import type { SimAppNamespace, SimSessionRule } from '../sim-state.ts';
import { retval } from './retval.ts';
import type { DumpHandlers, RequestHandlers } from './sim-context.ts';
import { MAX_TAG_LENGTH } from '../../vpp-tag.ts';

/** Internal scope numbers of SimState (1 global, 2 local, 3 both) from the API enum. */
const SCOPE_FROM_API: Readonly<Record<number, number>> = {
  [SessionRuleScope.SESSION_RULE_SCOPE_API_GLOBAL]: 1,
  [SessionRuleScope.SESSION_RULE_SCOPE_API_LOCAL]: 2,
  [SessionRuleScope.SESSION_RULE_SCOPE_API_BOTH]: 3,
};

// App namespace indexes per namespace list, checked for every rule (a scan per rule was O(n·m)).
const NS_INDEXES = new WeakMap<readonly SimAppNamespace[], { readonly size: number; readonly indexes: ReadonlySet<number> }>();

function appNamespaceIndexes(list: readonly SimAppNamespace[]): ReadonlySet<number> {
  let e = NS_INDEXES.get(list);
  // Namespaces are only added or replaced in place (same index), so the size tells a change.
  if (!e || e.size !== list.length) NS_INDEXES.set(list, (e = { size: list.length, indexes: new Set(list.map((n) => n.index)) }));
  return e.indexes;
}

/** What makes two rules the same rule for VPP (the action and tag do not). */
function matchKey(r: SimSessionRule): string {
  return `${r.transportProto}|${r.lcl}/${r.lclLen}|${r.rmt}/${r.rmtLen}|${r.lclPort}|${r.rmtPort}|${r.appnsIndex}|${r.scope}`;
}

// Rules by match key, per rule list: a linear search per add made a resync of n rules O(n²).
// Only these handlers change the list; an index whose size disagrees with it is rebuilt.
const INDEXES = new WeakMap<readonly SimSessionRule[], Map<string, SimSessionRule>>();

function ruleIndex(rules: readonly SimSessionRule[]): Map<string, SimSessionRule> {
  let idx = INDEXES.get(rules);
  if (!idx || idx.size !== rules.length) {
    idx = new Map(rules.map((r) => [matchKey(r), r]));
    INDEXES.set(rules, idx);
  }
  return idx;
}

function details(r: SimSessionRule, apiScope: number): SessionRulesDetails {
  return {
    _msgname: 'session_rules_details',
    transport_proto: r.transportProto,
    lcl: ip4Prefix(r.lcl, r.lclLen),
    rmt: ip4Prefix(r.rmt, r.rmtLen),
    lcl_port: r.lclPort,
    rmt_port: r.rmtPort,
    action_index: r.actionIndex,
    appns_index: r.appnsIndex,
    scope: apiScope,
    tag: r.tag,
  };
}

/** Request handlers of the session layer. */
export const sessionRequestHandlers: RequestHandlers = {
  session_enable_disable(ctx, req) {
    const s = ctx.state.session;
    s.enabled = req.is_enable;
    if (s.enabled && !s.appNamespaces.some((n) => n.index === 0)) {
      s.appNamespaces.unshift({ index: 0, id: 'default', secret: 0n, swIfIndex: U32_MAX, ip4FibId: 0 });
    }
    return retval('session_enable_disable_reply');
  },

  app_namespace_add_del(ctx, req) {
    const reply = (rv: number, index = 0) => ({ _msgname: 'app_namespace_add_del_reply' as const, retval: rv, appns_index: index });
    const s = ctx.state.session;
    if (!s.enabled) return reply(E.FEATURE_DISABLED);
    if (req.namespace_id === '') return reply(E.INVALID_VALUE);
    let ip4FibId = req.ip4_fib_id;
    if (req.sw_if_index !== U32_MAX) {
      const i = ctx.iface(req.sw_if_index);
      if (!i) return reply(E.INVALID_SW_IF_INDEX);
      ip4FibId = i.vrf;
    }
    const existing = s.appNamespaces.findIndex((n) => n.id === req.namespace_id);
    const index = existing >= 0 ? s.appNamespaces[existing]!.index : Math.max(-1, ...s.appNamespaces.map((n) => n.index)) + 1;
    const ns = { index, id: req.namespace_id, secret: req.secret, swIfIndex: req.sw_if_index, ip4FibId };
    if (existing >= 0) s.appNamespaces[existing] = ns;
    else s.appNamespaces.push(ns);
    return reply(0, index);
  },

  session_rule_add_del(ctx, req) {
    const name = 'session_rule_add_del_reply';
    const s = ctx.state.session;
    if (!s.enabled) return retval(name, E.FEATURE_DISABLED);
    if (req.transport_proto !== TransportProto.TRANSPORT_PROTO_API_TCP && req.transport_proto !== TransportProto.TRANSPORT_PROTO_API_UDP) {
      return retval(name, E.INVALID_VALUE);
    }
    const scope = SCOPE_FROM_API[req.scope];
    if (scope === undefined) return retval(name, E.INVALID_VALUE);
    const lcl = addressToIp4(req.lcl.address);
    const rmt = addressToIp4(req.rmt.address);
    if (lcl === undefined || rmt === undefined) return retval(name, E.INVALID_ADDRESS_FAMILY);
    if (req.lcl.len > 32 || req.rmt.len > 32) return retval(name, E.INVALID_VALUE);
    if (!appNamespaceIndexes(s.appNamespaces).has(req.appns_index)) return retval(name, E.APP_INVALID_NS);
    const rule: SimSessionRule = {
      transportProto: req.transport_proto,
      isIp4: true,
      lcl: (lcl & maskOf(req.lcl.len)) >>> 0,
      lclLen: req.lcl.len,
      rmt: (rmt & maskOf(req.rmt.len)) >>> 0,
      rmtLen: req.rmt.len,
      lclPort: req.lcl_port,
      rmtPort: req.rmt_port,
      actionIndex: req.action_index,
      appnsIndex: req.appns_index,
      scope,
      tag: req.tag.slice(0, MAX_TAG_LENGTH),
    };
    const idx = ruleIndex(s.rules);
    const key = matchKey(rule);
    const existing = idx.get(key);
    if (!req.is_add) {
      if (!existing) return retval(name, E.NO_SUCH_ENTRY);
      s.rules.splice(s.rules.indexOf(existing), 1);
      idx.delete(key);
    } else if (existing) {
      s.rules[s.rules.indexOf(existing)] = rule;
      idx.set(key, rule);
    } else {
      s.rules.push(rule);
      idx.set(key, rule);
    }
    return retval(name);
  },
};

/** Dump handlers of the session layer. */
export const sessionDumpHandlers: DumpHandlers = {
  session_rules_dump(ctx) {
    const out: SessionRulesDetails[] = [];
    for (const r of ctx.state.session.rules) {
      if (r.scope & 1) out.push(details(r, SessionRuleScope.SESSION_RULE_SCOPE_API_GLOBAL));
      if (r.scope & 2) out.push(details(r, SessionRuleScope.SESSION_RULE_SCOPE_API_LOCAL));
    }
    return out;
  },
};
