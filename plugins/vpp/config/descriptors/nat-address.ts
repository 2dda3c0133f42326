/**
 * @module Desired-state descriptor for `vpp/nat/address/<ip>`: one address of the NAT44 pool.
 * Pool addresses carry no tag: one is ours only when the reconciler claims its key.
 */
import { formatIp4, parseIp4 } from '../../../net/ipv4.ts';
import type { VppChannel } from '../../channel.ts';
import { NatConfigFlags } from '../../messages/nat44.ts';
import { ip4Bytes, ip4FromBytes } from '../../messages/vpp-types.ts';
import { vppKeys, type NatPoolAddress } from '../../model.ts';
import type { Descriptor, DumpedValue } from '../descriptor.ts';
import { NAT_ADDRESS } from './descriptor-names.ts';
import { NAT44_ENABLED } from './nat-global.ts';
import { checkInt, checkIp, checkKey } from './field-checks.ts';

/** The NAT44 pool-address descriptor over `ch`. */
export function natAddressDescriptor(ch: VppChannel): Descriptor<NatPoolAddress, void> {
  const addDel = async (a: NatPoolAddress, isAdd: boolean): Promise<void> => {
    const ip = ip4Bytes(parseIp4(a.address));
    await ch.request({
      _msgname: 'nat44_add_del_address_range',
      first_ip_address: ip,
      last_ip_address: ip,
      vrf_id: a.vrf,
      is_add: isAdd,
      flags: a.twiceNat ? NatConfigFlags.NAT_IS_TWICE_NAT : NatConfigFlags.NAT_IS_NONE,
    });
  };
  return {
    name: NAT_ADDRESS,
    keyPrefix: 'vpp/nat/address/',
    validate(key, a) {
      checkIp(key, 'address', a.address);
      checkInt(key, 'vrf', a.vrf, 0, 0xffffffff);
      checkKey(key, vppKeys.natAddress(a.address));
    },
    dependencies: () => [NAT44_ENABLED],
    create: (_key, a) => addDel(a, true),
    delete: (_key, a) => addDel(a, false),
    async dump(ctx) {
      const ours: DumpedValue<NatPoolAddress, void>[] = [];
      const foreign: string[] = [];
      for (const d of await ch.dump({ _msgname: 'nat44_address_dump' })) {
        const address = formatIp4(ip4FromBytes(d.ip_address));
        const key = vppKeys.natAddress(address);
        const value: NatPoolAddress = { address, vrf: d.vrf_id, twiceNat: (d.flags & NatConfigFlags.NAT_IS_TWICE_NAT) !== 0 };
        if (ctx.claimed(key)) ours.push({ key, value, metadata: undefined });
        else foreign.push(`nat44 pool address ${address}`);
      }
      return { ours, foreign };
    },
  };
}
