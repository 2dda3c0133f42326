/**
 * @module Desired-state descriptor for `vpp/bd/<name>`: a bridge domain tagged with its name.
 * We pick the bd_id (the lowest free one); each member is a derived binding
 * (`vpp/bd-member/<bd>/<if>`). VPP cannot change a bridge domain's flags through
 * `bridge_domain_add_del`, so a changed bridge domain is re-created.
 */
import { BadInputError } from '../../../../core/errors.ts';
import type { VppChannel } from '../../channel.ts';
import { U32_MAX } from '../../messages/vpp-types.ts';
import { vppKeys, type BridgeDomain } from '../../model.ts';
import type { Descriptor, DumpedValue, KeyValue } from '../descriptor.ts';
import type { BdMember } from './bd-member.ts';
import { BRIDGE_DOMAIN, derivedKeys } from './descriptor-names.ts';
import { checkInt, checkKey, checkTag } from './field-checks.ts';
import type { BridgeDomainMeta } from './lookups.ts';

/** The bridge-domain descriptor over `ch`. */
export function bridgeDomainDescriptor(ch: VppChannel): Descriptor<BridgeDomain, BridgeDomainMeta> {
  const addDel = async (bdId: number, bd: BridgeDomain, isAdd: boolean): Promise<void> => {
    await ch.request({
      _msgname: 'bridge_domain_add_del',
      bd_id: bdId,
      flood: bd.flood,
      uu_flood: bd.unknownUnicastFlood,
      forward: bd.forward,
      learn: bd.learn,
      arp_term: bd.arpTermination,
      arp_ufwd: false,
      mac_age: bd.macAge,
      bd_tag: bd.name,
      is_add: isAdd,
    });
  };
  return {
    name: BRIDGE_DOMAIN,
    keyPrefix: 'vpp/bd/',
    validate(key, bd) {
      checkTag(key, 'name', bd.name);
      checkKey(key, vppKeys.bd(bd.name));
      checkInt(key, 'macAge', bd.macAge, 0, 255);
      bd.interfaces.forEach((m, i) => {
        checkTag(key, `interfaces[${i}].name`, m.name);
        checkInt(key, `interfaces[${i}].splitHorizonGroup`, m.splitHorizonGroup, 0, 255);
      });
      if (bd.interfaces.filter((m) => m.bvi).length > 1) throw new BadInputError(key, 'interfaces', 'a bridge domain has at most one BVI');
    },
    equivalent: (_key, d, a) =>
      d.flood === a.flood &&
      d.unknownUnicastFlood === a.unknownUnicastFlood &&
      d.forward === a.forward &&
      d.learn === a.learn &&
      d.arpTermination === a.arpTermination &&
      d.macAge === a.macAge,
    derived: (_key, bd): KeyValue<BdMember>[] =>
      bd.interfaces.map((m) => ({
        key: derivedKeys.bdMember(bd.name, m.name),
        value: { bd: bd.name, interface: m.name, bvi: m.bvi, splitHorizonGroup: m.splitHorizonGroup },
      })),
    async create(_key, bd) {
      const used = new Set((await ch.dump({ _msgname: 'bridge_domain_dump', bd_id: U32_MAX, sw_if_index: U32_MAX })).map((d) => d.bd_id));
      let bdId = 1;
      while (used.has(bdId)) bdId++;
      await addDel(bdId, bd, true);
      return { bdId };
    },
    delete: (_key, bd, meta) => addDel(meta.bdId, bd, false),
    async dump() {
      const ours: DumpedValue<BridgeDomain, BridgeDomainMeta>[] = [];
      const foreign: string[] = [];
      for (const d of await ch.dump({ _msgname: 'bridge_domain_dump', bd_id: U32_MAX, sw_if_index: U32_MAX })) {
        if (d.bd_id === 0) continue;
        if (d.bd_tag === '') {
          foreign.push(`bridge domain ${d.bd_id}`);
          continue;
        }
        const value: BridgeDomain = {
          name: d.bd_tag,
          flood: d.flood,
          unknownUnicastFlood: d.uu_flood,
          forward: d.forward,
          learn: d.learn,
          arpTermination: d.arp_term,
          macAge: d.mac_age,
          interfaces: [],
        };
        ours.push({ key: vppKeys.bd(d.bd_tag), value, metadata: { bdId: d.bd_id } });
      }
      return { ours, foreign };
    },
  };
}
