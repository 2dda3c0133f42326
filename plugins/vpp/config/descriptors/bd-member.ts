/**
 * @module Desired-state descriptor for the derived `vpp/bd-member/<bd>/<if>`: an interface in
 * a bridge domain (as its BVI or a normal port). Waits for both the bridge domain and the
 * interface; a changed member is removed and added again.
 */
import type { VppChannel } from '../../channel.ts';
import { L2PortType } from '../../messages/l2.ts';
import { U32_MAX } from '../../messages/vpp-types.ts';
import { vppKeys } from '../../model.ts';
import type { Descriptor, DumpedValue } from '../descriptor.ts';
import { BD_MEMBER, BRIDGE_DOMAIN, INTERFACE, derivedKeys } from './descriptor-names.ts';
import { bridgeDomainId, bridgeDomainNames, interfaceIndex, interfaceNames } from './lookups.ts';

/** One interface in one bridge domain. */
export interface BdMember {
  readonly bd: string;
  readonly interface: string;
  readonly bvi: boolean;
  readonly splitHorizonGroup: number;
}

/** The bridge-domain member descriptor over `ch`. */
export function bdMemberDescriptor(ch: VppChannel): Descriptor<BdMember, void> {
  return {
    name: BD_MEMBER,
    keyPrefix: 'vpp/bd-member/',
    dumpAfter: [INTERFACE, BRIDGE_DOMAIN],
    dependencies: (_key, m) => [
      { label: 'bridge-domain-exists', key: vppKeys.bd(m.bd) },
      { label: 'interface-exists', key: vppKeys.interface(m.interface) },
    ],
    async create(_key, m, ctx) {
      await ch.request({
        _msgname: 'sw_interface_set_l2_bridge',
        rx_sw_if_index: interfaceIndex(ctx, m.interface),
        bd_id: bridgeDomainId(ctx, m.bd),
        port_type: m.bvi ? L2PortType.L2_API_PORT_TYPE_BVI : L2PortType.L2_API_PORT_TYPE_NORMAL,
        shg: m.splitHorizonGroup,
        enable: true,
      });
    },
    async delete(_key, m, _meta, ctx) {
      await ch.request({
        _msgname: 'sw_interface_set_l2_bridge',
        rx_sw_if_index: interfaceIndex(ctx, m.interface),
        bd_id: bridgeDomainId(ctx, m.bd),
        port_type: m.bvi ? L2PortType.L2_API_PORT_TYPE_BVI : L2PortType.L2_API_PORT_TYPE_NORMAL,
        shg: m.splitHorizonGroup,
        enable: false,
      });
    },
    async dump(ctx) {
      const bds = bridgeDomainNames(ctx);
      const ifs = interfaceNames(ctx);
      const ours: DumpedValue<BdMember, void>[] = [];
      const foreign: string[] = [];
      for (const d of await ch.dump({ _msgname: 'bridge_domain_dump', bd_id: U32_MAX, sw_if_index: U32_MAX })) {
        const bd = bds.get(d.bd_id);
        if (bd === undefined) continue; // members of foreign bridge domains belong to them
        for (const m of d.sw_if_details) {
          const iface = ifs.get(m.sw_if_index);
          if (iface === undefined) foreign.push(`interface ${m.sw_if_index} in bridge domain ${bd}`);
          else {
            const value = { bd, interface: iface, bvi: d.bvi_sw_if_index === m.sw_if_index, splitHorizonGroup: m.shg };
            ours.push({ key: derivedKeys.bdMember(bd, iface), value, metadata: undefined });
          }
        }
      }
      return { ours, foreign };
    },
  };
}
