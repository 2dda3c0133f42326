/**
 * @module Desired-state descriptor for `vpp/acl/<name>`: one ACL of the ACL plugin, tagged
 * with its name. Each interface it is applied on is a derived binding
 * (`vpp/acl-interface/...`), so the ACL exists before its interfaces do.
 */
import type { VppChannel } from '../../channel.ts';
import { U32_MAX } from '../../messages/vpp-types.ts';
import { vppKeys, type Acl } from '../../model.ts';
import type { Descriptor, DumpedValue, KeyValue } from '../descriptor.ts';
import type { AclBinding } from './acl-interface.ts';
import { equivalentRuleLists, ruleFromVpp, rulesToVpp, validateRules } from './acl-rules.ts';
import { ACL, derivedKeys } from './descriptor-names.ts';
import { checkKey, checkTag } from './field-checks.ts';
import type { AclMeta } from './lookups.ts';

/** The ACL descriptor over `ch`. */
export function aclDescriptor(ch: VppChannel): Descriptor<Acl, AclMeta> {
  const addReplace = async (aclIndex: number, acl: Acl): Promise<AclMeta> => {
    const r = rulesToVpp(acl.rules);
    const reply = await ch.request({ _msgname: 'acl_add_replace', acl_index: aclIndex, tag: acl.name, count: r.length, r });
    return { aclIndex: reply.acl_index };
  };
  return {
    name: ACL,
    keyPrefix: 'vpp/acl/',
    validate(key, acl) {
      checkTag(key, 'name', acl.name);
      checkKey(key, vppKeys.acl(acl.name));
      validateRules(key, acl.rules);
      [...acl.ingress, ...acl.egress].forEach((i, n) => checkTag(key, `interfaces[${n}]`, i));
    },
    // Where the ACL is applied is compared by the derived bindings, not here.
    equivalent: (_key, desired, applied) => equivalentRuleLists(desired.rules, applied.rules),
    derived: (_key, acl) => aclBindings(acl),
    create: (_key, acl) => addReplace(U32_MAX, acl),
    update: (_key, acl, _applied, meta) => addReplace(meta.aclIndex, acl),
    async delete(_key, _acl, meta) {
      await ch.request({ _msgname: 'acl_del', acl_index: meta.aclIndex });
    },
    async dump() {
      const ours: DumpedValue<Acl, AclMeta>[] = [];
      const foreign: string[] = [];
      for (const d of await ch.dump({ _msgname: 'acl_dump', acl_index: U32_MAX })) {
        if (d.tag === '') foreign.push(`acl ${d.acl_index}`);
        else ours.push({ key: vppKeys.acl(d.tag), value: { name: d.tag, rules: d.r.map(ruleFromVpp), ingress: [], egress: [] }, metadata: { aclIndex: d.acl_index } });
      }
      return { ours, foreign };
    },
  };
}

/** One binding per interface and direction the ACL lists. */
export function aclBindings(acl: Acl): KeyValue<AclBinding>[] {
  const out = new Map<string, AclBinding>();
  for (const [direction, names] of [
    ['ingress', acl.ingress],
    ['egress', acl.egress],
  ] as const) {
    for (const iface of names) out.set(derivedKeys.aclInterface(iface, direction, acl.name), { acl: acl.name, interface: iface, direction });
  }
  return [...out].map(([key, value]) => ({ key, value }));
}
