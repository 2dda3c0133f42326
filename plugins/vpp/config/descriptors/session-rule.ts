/**
 * @module Desired-state descriptor for `vpp/session/rule/...`: one VPP session rule (global
 * scope, or local to an app namespace). Ours by tag; a change re-creates the rule.
 * A local rule names its namespace by id (`appNamespace`) and depends on it: VPP numbers
 * namespaces itself, so the index is resolved when the rule is created (the namespace's
 * metadata, else what the dump learnt, else read by re-adding the namespace) and kept as the
 * rule's metadata. The dump maps a local rule back to its namespace id by its tag: the desired
 * rule with that tag and the same match names the namespace, and VPP holds our rules of
 * namespace X in X's index (which the dump hands to the app-namespace dump). A rule no desired
 * rule explains is keyed by its index (and removed as ours, by that index).
 */
import { BadInputError } from '../../../../core/errors.ts';
import { formatIp4, parseCidr, type Cidr } from '../../../net/ipv4.ts';
import type { VppChannel } from '../../channel.ts';
import { SESSION_RULE_ACTION_ALLOW, SESSION_RULE_ACTION_DROP, SessionRuleScope, TransportProto } from '../../messages/session.ts';
import { ip4Prefix, prefixToCidr, type Prefix } from '../../messages/vpp-types.ts';
import { vppKeys, type AppNamespace, type SessionRule } from '../../model.ts';
import type { DescriptorContext, Descriptor, DumpContext, DumpedValue } from '../descriptor.ts';
import { addAppNamespace, type AppNamespaceMeta } from './app-namespace.ts';
import { APP_NAMESPACE, SESSION_RULE } from './descriptor-names.ts';
import { parseCidrMemo, sameCidr } from './cidr-memo.ts';
import { checkCidr, checkInt, checkKey, checkTag } from './field-checks.ts';
import { MissingMetadataError } from './lookups.ts';
import { SessionSightings } from './session-sightings.ts';

/** Metadata of a session rule: the namespace index VPP holds it under. */
export interface SessionRuleMeta {
  readonly appnsIndex: number;
}

const prefixOf = (text: string): Prefix => {
  const c = parseCidr(text);
  return ip4Prefix(c.addr, c.len);
};

/** The session-rule descriptor over `ch`; its dump tells `seen` how many rules VPP holds. */
export function sessionRuleDescriptor(ch: VppChannel, seen: SessionSightings = new SessionSightings()): Descriptor<SessionRule, SessionRuleMeta> {
  /** VPP's index of the rule's namespace. @throws {MissingMetadataError} when the namespace is not configured */
  const resolveIndex = async (r: SessionRule, ctx: DescriptorContext): Promise<number> => {
    if (r.appNamespace === undefined) return r.appnsIndex;
    const key = vppKeys.appNamespace(r.appNamespace);
    const known = (ctx.metadata(key) as AppNamespaceMeta | undefined)?.appnsIndex ?? seen.namespaceIndex(r.appNamespace);
    if (known !== undefined) return known;
    // Inferred by a restarted agent with no rule of ours in it: an add of the same id and values
    // changes nothing in VPP and answers with the index (VPP 22.10 cannot list namespaces).
    const ns = ctx.values(APP_NAMESPACE).find((v) => v.key === key)?.value as AppNamespace | undefined;
    if (!ns) throw new MissingMetadataError(key, 'appnsIndex');
    const index = await addAppNamespace(ch, ns, ctx);
    seen.sawNamespace(r.appNamespace, index);
    return index;
  };
  const addDel = async (r: SessionRule, appnsIndex: number, isAdd: boolean): Promise<void> => {
    await ch.request({
      _msgname: 'session_rule_add_del',
      transport_proto: r.proto === 'tcp' ? TransportProto.TRANSPORT_PROTO_API_TCP : TransportProto.TRANSPORT_PROTO_API_UDP,
      lcl: prefixOf(r.lclIp),
      rmt: prefixOf(r.rmtIp),
      lcl_port: r.lclPort,
      rmt_port: r.rmtPort,
      action_index: r.action === 'allow' ? SESSION_RULE_ACTION_ALLOW : SESSION_RULE_ACTION_DROP,
      is_add: isAdd,
      appns_index: appnsIndex,
      scope: r.scope === 'global' ? SessionRuleScope.SESSION_RULE_SCOPE_API_GLOBAL : SessionRuleScope.SESSION_RULE_SCOPE_API_LOCAL,
      tag: r.tag,
    });
  };
  return {
    name: SESSION_RULE,
    keyPrefix: 'vpp/session/rule/',
    validate(key, r) {
      if (r.proto !== 'tcp' && r.proto !== 'udp') throw new BadInputError(key, 'proto', `"${String(r.proto)}" is not tcp or udp`);
      if (r.scope !== 'global' && r.scope !== 'local') throw new BadInputError(key, 'scope', `"${String(r.scope)}" is not global or local`);
      if (r.action !== 'allow' && r.action !== 'deny') throw new BadInputError(key, 'action', `"${String(r.action)}" is not allow or deny`);
      checkCidr(key, 'lclIp', r.lclIp);
      checkCidr(key, 'rmtIp', r.rmtIp);
      checkInt(key, 'lclPort', r.lclPort, 0, 65535);
      checkInt(key, 'rmtPort', r.rmtPort, 0, 65535);
      checkInt(key, 'appnsIndex', r.appnsIndex, 0, 0xffffffff);
      checkTag(key, 'tag', r.tag);
      if (r.appNamespace !== undefined) {
        if (r.scope !== 'local') throw new BadInputError(key, 'appNamespace', 'only a local rule lives in an app namespace');
        checkTag(key, 'appNamespace', r.appNamespace);
        // The key carries the id where others carry an index.
        if (/^\d+$/.test(r.appNamespace)) throw new BadInputError(key, 'appNamespace', `"${r.appNamespace}" would read as an index`);
      }
      checkKey(key, vppKeys.sessionRule(r));
    },
    equivalent: (_key, d, a) =>
      d.proto === a.proto &&
      d.scope === a.scope &&
      (d.appNamespace !== undefined || a.appNamespace !== undefined ? d.appNamespace === a.appNamespace : d.appnsIndex === a.appnsIndex) &&
      sameCidr(d.lclIp, parseCidrMemo(a.lclIp)) &&
      sameCidr(d.rmtIp, parseCidrMemo(a.rmtIp)) &&
      d.lclPort === a.lclPort &&
      d.rmtPort === a.rmtPort &&
      d.action === a.action &&
      d.tag === a.tag,
    // VPP refuses rules while the session layer is off, and local ones outside a namespace.
    dependencies: (_key, r) => [
      { label: 'session-layer-exists', key: vppKeys.sessionLayer() },
      ...(r.appNamespace !== undefined ? [{ label: 'app-namespace-exists', key: vppKeys.appNamespace(r.appNamespace) }] : []),
    ],
    async create(_key, r, ctx) {
      const appnsIndex = await resolveIndex(r, ctx);
      await addDel(r, appnsIndex, true);
      return { appnsIndex };
    },
    async delete(_key, r, meta, ctx) {
      await addDel(r, meta?.appnsIndex ?? (await resolveIndex(r, ctx)), false);
    },
    async dump(ctx) {
      const ours: DumpedValue<SessionRule, SessionRuleMeta>[] = [];
      const foreign: string[] = [];
      seen.startRules();
      const byTag = desiredLocalByTag(ctx);
      const details = await ch.dump({ _msgname: 'session_rules_dump' });
      const parsed: { base: Omit<SessionRule, 'lclIp' | 'rmtIp'>; lcl: Cidr; rmt: Cidr }[] = [];
      // Namespace ids by index: our rules of namespace X (by their tag) sit in X's index.
      const idOf = previousNamespaceIds(ctx);
      for (const d of details) {
        const lcl = prefixToCidr(d.lcl);
        const rmt = prefixToCidr(d.rmt);
        const scope = d.scope === SessionRuleScope.SESSION_RULE_SCOPE_API_LOCAL ? 'local' : d.scope === SessionRuleScope.SESSION_RULE_SCOPE_API_GLOBAL ? 'global' : undefined;
        const proto = d.transport_proto === TransportProto.TRANSPORT_PROTO_API_TCP ? 'tcp' : d.transport_proto === TransportProto.TRANSPORT_PROTO_API_UDP ? 'udp' : undefined;
        const action = d.action_index === SESSION_RULE_ACTION_ALLOW ? 'allow' : d.action_index === SESSION_RULE_ACTION_DROP ? 'deny' : undefined;
        if (d.tag === '' || !lcl || !rmt || !scope || !proto || !action) {
          foreign.push(`session rule ${d.tag === '' ? '(no tag)' : d.tag} appns ${d.appns_index}`);
          continue;
        }
        const want = scope === 'local' ? byTag.get(d.tag) : undefined;
        if (want?.appNamespace !== undefined && want.proto === proto && want.lclPort === d.lcl_port && want.rmtPort === d.rmt_port &&
          sameCidr(want.lclIp, lcl) && sameCidr(want.rmtIp, rmt) && seen.sawNamespace(want.appNamespace, d.appns_index)) {
          idOf.set(d.appns_index, want.appNamespace);
        }
        parsed.push({ base: { proto, scope, appnsIndex: d.appns_index, lclPort: d.lcl_port, rmtPort: d.rmt_port, action, tag: d.tag }, lcl, rmt });
      }
      for (const { base, lcl, rmt } of parsed) {
        // A local rule of a known namespace is keyed by its id (also one no longer desired).
        const ns = base.scope === 'local' ? idOf.get(base.appnsIndex) : undefined;
        const bases = ns !== undefined ? [{ ...base, appNamespace: ns }, base] : [base];
        const rule = pickClaimed(ctx, bases, ipForms(lcl.addr, lcl.len), ipForms(rmt.addr, rmt.len));
        ours.push({ key: vppKeys.sessionRule(rule), value: rule, metadata: { appnsIndex: base.appnsIndex } });
      }
      seen.sawRules(details.length);
      return { ours, foreign };
    },
  };
}

/** Ids of the wanted namespaces whose index this process knows, by index. */
function previousNamespaceIds(ctx: DumpContext): Map<number, string> {
  const out = new Map<number, string>();
  for (const key of ctx.desiredKeys('vpp/session/appns/')) {
    const prev = ctx.previous(key);
    const index = (prev?.metadata as AppNamespaceMeta | undefined)?.appnsIndex;
    if (prev && index !== undefined) out.set(index, (prev.value as AppNamespace).namespaceId);
  }
  return out;
}

/** Desired local rules naming their namespace, by tag (tags are unique per rule). */
function desiredLocalByTag(ctx: DumpContext): Map<string, SessionRule> {
  const out = new Map<string, SessionRule>();
  for (const key of ctx.desiredKeys('vpp/session/rule/local/')) {
    const r = ctx.correlate(key) as SessionRule | undefined;
    if (r?.appNamespace !== undefined) out.set(r.tag, r);
  }
  return out;
}

/** How a prefix may be written in a key: `a.b.c.d/len`, and for /32 also the bare address. */
function ipForms(addr: number, len: number): string[] {
  const ip = formatIp4(addr);
  return len === 32 ? [ip, `${ip}/32`] : [`${ip}/${len}`];
}

/** The dumped rule written the way our desired key writes it (else the first form). */
function pickClaimed(
  ctx: DumpContext,
  bases: readonly Omit<SessionRule, 'lclIp' | 'rmtIp'>[],
  lclForms: readonly string[],
  rmtForms: readonly string[],
): SessionRule {
  const candidates = bases.flatMap((base) => lclForms.flatMap((lclIp) => rmtForms.map((rmtIp): SessionRule => ({ ...base, lclIp, rmtIp }))));
  return candidates.find((r) => ctx.claimed(vppKeys.sessionRule(r))) ?? (candidates[0] as SessionRule);
}
