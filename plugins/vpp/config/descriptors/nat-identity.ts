/**
 * @module Desired-state descriptor for `vpp/nat/identity/<proto>/<ip>/<port>`: a NAT44
 * identity mapping (protocol 0: the whole address). Ours by tag.
 */
import { BadInputError } from '../../../../core/errors.ts';
import { formatIp4, parseIp4 } from '../../../net/ipv4.ts';
import type { VppChannel } from '../../channel.ts';
import { NatConfigFlags } from '../../messages/nat44.ts';
import { U32_MAX, ip4Bytes, ip4FromBytes } from '../../messages/vpp-types.ts';
import { vppKeys, type NatIdentityMapping } from '../../model.ts';
import type { Descriptor, DumpedValue } from '../descriptor.ts';
import { NAT_IDENTITY } from './descriptor-names.ts';
import { NAT44_ENABLED } from './nat-global.ts';
import { checkInt, checkIp, checkKey, checkTag } from './field-checks.ts';

/** The identity-mapping descriptor over `ch`. */
export function natIdentityDescriptor(ch: VppChannel): Descriptor<NatIdentityMapping, void> {
  const addDel = async (m: NatIdentityMapping, isAdd: boolean): Promise<void> => {
    await ch.request({
      _msgname: 'nat44_add_del_identity_mapping',
      is_add: isAdd,
      flags: m.protocol === 0 ? NatConfigFlags.NAT_IS_ADDR_ONLY : NatConfigFlags.NAT_IS_NONE,
      ip_address: ip4Bytes(parseIp4(m.ip)),
      protocol: m.protocol,
      port: m.port,
      sw_if_index: U32_MAX,
      vrf_id: m.vrf,
      tag: m.tag,
    });
  };
  return {
    name: NAT_IDENTITY,
    keyPrefix: 'vpp/nat/identity/',
    validate(key, m) {
      checkIp(key, 'ip', m.ip);
      if (![0, 6, 17, 132].includes(m.protocol)) throw new BadInputError(key, 'protocol', `${m.protocol} is not 0, 6, 17 or 132`);
      checkInt(key, 'port', m.port, 0, 65535);
      if (m.protocol === 0 && m.port !== 0) throw new BadInputError(key, 'port', 'must be 0 for an address-only mapping (protocol 0)');
      checkTag(key, 'tag', m.tag);
      checkKey(key, vppKeys.natIdentity(m.protocol, m.ip, m.port));
    },
    dependencies: () => [NAT44_ENABLED],
    create: (_key, m) => addDel(m, true),
    delete: (_key, m) => addDel(m, false),
    async dump() {
      const ours: DumpedValue<NatIdentityMapping, void>[] = [];
      const foreign: string[] = [];
      for (const d of await ch.dump({ _msgname: 'nat44_identity_mapping_dump' })) {
        const ip = formatIp4(ip4FromBytes(d.ip_address));
        const addrOnly = (d.flags & NatConfigFlags.NAT_IS_ADDR_ONLY) !== 0;
        const protocol = (addrOnly ? 0 : d.protocol) as NatIdentityMapping['protocol'];
        if (d.tag === '') {
          foreign.push(`nat44 identity mapping ${protocol}/${ip}:${d.port}`);
          continue;
        }
        const port = addrOnly ? 0 : d.port;
        ours.push({ key: vppKeys.natIdentity(protocol, ip, port), value: { ip, protocol, port, vrf: d.vrf_id, tag: d.tag }, metadata: undefined });
      }
      return { ours, foreign };
    },
  };
}
