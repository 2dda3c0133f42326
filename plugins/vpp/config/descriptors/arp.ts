/**
 * @module Desired-state descriptor for `vpp/arp/<interface>/<ip>`: a static neighbour entry.
 * Static entries on our interfaces are ours (removed when stale); learned entries are not
 * reported at all; static entries on foreign interfaces are foreign.
 */
import type { VppChannel } from '../../channel.ts';
import { IpNeighborFlags } from '../../messages/ip-neighbor.ts';
import { AddressFamily, U32_MAX, addressToIp4, ip4Address, macFromText, macToText } from '../../messages/vpp-types.ts';
import { formatIp4 } from '../../../net/ipv4.ts';
import { vppKeys, type Neighbour } from '../../model.ts';
import type { Descriptor, DescriptorContext, DumpedValue } from '../descriptor.ts';
import { ARP, INTERFACE } from './descriptor-names.ts';
import { checkIp, checkKey, checkMac, checkTag } from './field-checks.ts';
import { interfaceIndex, interfaceNames } from './lookups.ts';

/** The static-neighbour descriptor over `ch`. */
export function arpDescriptor(ch: VppChannel): Descriptor<Neighbour, void> {
  const addDel = async (n: Neighbour, isAdd: boolean, ctx: DescriptorContext): Promise<void> => {
    await ch.request({
      _msgname: 'ip_neighbor_add_del',
      is_add: isAdd,
      neighbor: { sw_if_index: interfaceIndex(ctx, n.interface), flags: IpNeighborFlags.IP_API_NEIGHBOR_FLAG_STATIC, mac_address: macFromText(n.mac), ip_address: ip4Address(n.ip) },
    });
  };
  return {
    name: ARP,
    keyPrefix: 'vpp/arp/',
    dumpAfter: [INTERFACE],
    validate(key, n) {
      checkTag(key, 'interface', n.interface);
      checkIp(key, 'ip', n.ip);
      checkMac(key, 'mac', n.mac);
      checkKey(key, vppKeys.arp(n.interface, n.ip));
    },
    equivalent: (_key, d, a) => d.interface === a.interface && d.ip === a.ip && d.mac.toLowerCase() === a.mac.toLowerCase(),
    dependencies: (_key, n) => [{ label: 'interface-exists', key: vppKeys.interface(n.interface) }],
    create: (_key, n, ctx) => addDel(n, true, ctx),
    // Adding an existing entry again replaces its MAC.
    update: (_key, n, _applied, _meta, ctx) => addDel(n, true, ctx),
    delete: (_key, n, _meta, ctx) => addDel(n, false, ctx),
    async dump(ctx) {
      const ifs = interfaceNames(ctx);
      const ours: DumpedValue<Neighbour, void>[] = [];
      const foreign: string[] = [];
      for (const d of await ch.dump({ _msgname: 'ip_neighbor_dump', sw_if_index: U32_MAX, af: AddressFamily.ADDRESS_IP4 })) {
        const n = d.neighbor;
        const ip = addressToIp4(n.ip_address);
        if ((n.flags & IpNeighborFlags.IP_API_NEIGHBOR_FLAG_STATIC) === 0 || ip === undefined) continue;
        const iface = ifs.get(n.sw_if_index);
        if (iface === undefined) {
          foreign.push(`neighbour ${formatIp4(ip)} on interface ${n.sw_if_index}`);
          continue;
        }
        const value: Neighbour = { interface: iface, ip: formatIp4(ip), mac: macToText(n.mac_address) };
        ours.push({ key: vppKeys.arp(iface, value.ip), value, metadata: undefined });
      }
      return { ours, foreign };
    },
  };
}
