/**
 * @module Desired-state descriptor for `vpp/session/rule/...`: one VPP session rule (global
 * scope, or local to an app namespace). Ours by tag; a change re-creates the rule.
 */
import { BadInputError } from '../../../../core/errors.ts';
import { formatIp4, parseCidr } from '../../../net/ipv4.ts';
import type { VppChannel } from '../../channel.ts';
import { SESSION_RULE_ACTION_ALLOW, SESSION_RULE_ACTION_DROP, SessionRuleScope, TransportProto } from '../../messages/session.ts';
import { ip4Prefix, prefixToCidr, type Prefix } from '../../messages/vpp-types.ts';
import { vppKeys, type SessionRule } from '../../model.ts';
import type { Descriptor, DumpContext, DumpedValue } from '../descriptor.ts';
import { SESSION_RULE } from './descriptor-names.ts';
import { checkCidr, checkInt, checkKey, checkTag } from './field-checks.ts';
import type { SessionSightings } from './session-sightings.ts';

const prefixOf = (text: string): Prefix => {
  const c = parseCidr(text);
  return ip4Prefix(c.addr, c.len);
};

/** The session-rule descriptor over `ch`; its dump tells `seen` how many rules VPP holds. */
export function sessionRuleDescriptor(ch: VppChannel, seen?: SessionSightings): Descriptor<SessionRule, void> {
  const addDel = async (r: SessionRule, isAdd: boolean): Promise<void> => {
    await ch.request({
      _msgname: 'session_rule_add_del',
      transport_proto: r.proto === 'tcp' ? TransportProto.TRANSPORT_PROTO_API_TCP : TransportProto.TRANSPORT_PROTO_API_UDP,
      lcl: prefixOf(r.lclIp),
      rmt: prefixOf(r.rmtIp),
      lcl_port: r.lclPort,
      rmt_port: r.rmtPort,
      action_index: r.action === 'allow' ? SESSION_RULE_ACTION_ALLOW : SESSION_RULE_ACTION_DROP,
      is_add: isAdd,
      appns_index: r.appnsIndex,
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
      checkKey(key, vppKeys.sessionRule(r));
    },
    equivalent: (_key, d, a) =>
      d.proto === a.proto &&
      d.scope === a.scope &&
      d.appnsIndex === a.appnsIndex &&
      sameNet(d.lclIp, a.lclIp) &&
      sameNet(d.rmtIp, a.rmtIp) &&
      d.lclPort === a.lclPort &&
      d.rmtPort === a.rmtPort &&
      d.action === a.action &&
      d.tag === a.tag,
    // VPP refuses rules while the session layer is off.
    dependencies: () => [{ label: 'session-layer-exists', key: vppKeys.sessionLayer() }],
    create: (_key, r) => addDel(r, true),
    delete: (_key, r) => addDel(r, false),
    async dump(ctx) {
      const ours: DumpedValue<SessionRule, void>[] = [];
      const foreign: string[] = [];
      seen?.startRules();
      const details = await ch.dump({ _msgname: 'session_rules_dump' });
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
        const base = { proto, scope, appnsIndex: d.appns_index, lclPort: d.lcl_port, rmtPort: d.rmt_port, action, tag: d.tag } as const;
        const rule = pickClaimed(ctx, base, ipForms(lcl.addr, lcl.len), ipForms(rmt.addr, rmt.len));
        ours.push({ key: vppKeys.sessionRule(rule), value: rule, metadata: undefined });
      }
      seen?.sawRules(details.length);
      return { ours, foreign };
    },
  };
}

function sameNet(a: string, b: string): boolean {
  const x = parseCidr(a);
  const y = parseCidr(b);
  return x.addr === y.addr && x.len === y.len;
}

/** How a prefix may be written in a key: `a.b.c.d/len`, and for /32 also the bare address. */
function ipForms(addr: number, len: number): string[] {
  const ip = formatIp4(addr);
  return len === 32 ? [ip, `${ip}/32`] : [`${ip}/${len}`];
}

/** The dumped rule written the way our desired key writes it (else the first form). */
function pickClaimed(
  ctx: DumpContext,
  base: Omit<SessionRule, 'lclIp' | 'rmtIp'>,
  lclForms: readonly string[],
  rmtForms: readonly string[],
): SessionRule {
  const candidates = lclForms.flatMap((lclIp) => rmtForms.map((rmtIp): SessionRule => ({ ...base, lclIp, rmtIp })));
  return candidates.find((r) => ctx.claimed(vppKeys.sessionRule(r))) ?? (candidates[0] as SessionRule);
}
