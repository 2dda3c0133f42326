/**
 * @module What VPP holds of our interfaces: every interface with a tag is ours (the tag is its
 * name), the rest is foreign. Addresses a DHCP lease put on an interface are not ours and are
 * left out; the unnumbered source comes from `ip_unnumbered_dump` (by its tag, or its VPP name
 * when it is not ours); what VPP cannot report (a tap's gateway) is taken from the desired value.
 */
import { formatIp4 } from '../../../net/ipv4.ts';
import type { VppChannel } from '../../channel.ts';
import { IfStatusFlags, U32_MAX, addressToIp4, ip4FromBytes, macToText, prefixToText } from '../../messages/vpp-types.ts';
import { vppKeys, type InterfaceType, type VppInterface } from '../../model.ts';
import type { DumpContext, DumpResult, DumpedValue } from '../descriptor.ts';
import type { InterfaceMeta } from './lookups.ts';

/** Dumps interfaces, taps, af_packets, VXLAN tunnels, DHCP clients and the addresses of ours. */
export async function dumpInterfaces(ch: VppChannel, ctx: DumpContext): Promise<DumpResult<VppInterface, InterfaceMeta>> {
  const all = await ch.dump({ _msgname: 'sw_interface_dump', sw_if_index: U32_MAX, name_filter_valid: false, name_filter: '' });
  const taps = byIndex(await ch.dump({ _msgname: 'sw_interface_tap_v2_dump', sw_if_index: U32_MAX }));
  const afPackets = byIndex(await ch.dump({ _msgname: 'af_packet_dump' }));
  const vxlans = byIndex(await ch.dump({ _msgname: 'vxlan_tunnel_dump', sw_if_index: U32_MAX }));
  const dhcp = new Map((await ch.dump({ _msgname: 'dhcp_client_dump' })).map((d) => [d.client.sw_if_index, d]));
  const donors = new Map((await ch.dump({ _msgname: 'ip_unnumbered_dump', sw_if_index: U32_MAX })).map((u) => [u.sw_if_index, u.ip_sw_if_index]));
  // A donor is named by its tag (our name), or by VPP's name when it is not ours.
  const names = new Map(all.map((d) => [d.sw_if_index, d.tag === '' ? d.interface_name : d.tag]));
  const ours: DumpedValue<VppInterface, InterfaceMeta>[] = [];
  const foreign: string[] = [];
  for (const d of [...all].sort((a, b) => a.sw_if_index - b.sw_if_index)) {
    if (d.tag === '') {
      foreign.push(`interface ${d.interface_name} (sw_if_index ${d.sw_if_index})`);
      continue;
    }
    const key = vppKeys.interface(d.tag);
    const want = ctx.correlate(key) as VppInterface | undefined;
    const donor = donors.get(d.sw_if_index);
    const tap = taps.get(d.sw_if_index);
    const afp = afPackets.get(d.sw_if_index);
    const vx = vxlans.get(d.sw_if_index);
    const client = dhcp.get(d.sw_if_index);
    const lease = client?.lease;
    const leased = lease && lease.state === 2 ? `${formatIp4(addressToIp4(lease.host_address) ?? 0)}/${lease.mask_width}` : undefined;
    const addrs = (await ch.dump({ _msgname: 'ip_address_dump', sw_if_index: d.sw_if_index, is_ipv6: false }))
      .map((a) => prefixToText(a.prefix))
      .filter((a): a is string => a !== undefined && a !== leased)
      .sort();
    const vrf = (await ch.request({ _msgname: 'sw_interface_get_table', sw_if_index: d.sw_if_index, is_ipv6: false })).vrf_id;
    const type: InterfaceType = tap ? 'tap' : afp ? 'af_packet' : vx ? 'vxlan' : d.interface_dev_type === 'Loopback' ? 'loopback' : 'ethernet';
    const value: VppInterface = {
      name: d.tag,
      type,
      enabled: (d.flags & IfStatusFlags.IF_STATUS_API_FLAG_ADMIN_UP) !== 0,
      mac: macToText(d.l2_address),
      ipAddresses: addrs,
      vrf,
      ...(donor === undefined ? {} : { unnumberedFrom: names.get(donor) ?? `sw_if_index ${donor}` }),
      ...(tap
        ? {
            tap: {
              hostIfName: tap.host_if_name,
              ...(tap.host_namespace === '' ? {} : { netns: tap.host_namespace }),
              ...(tap.host_ip4_prefix.len === 0 ? {} : { hostIp: `${formatIp4(ip4FromBytes(tap.host_ip4_prefix.address))}/${tap.host_ip4_prefix.len}` }),
              hostMac: macToText(tap.host_mac_addr),
              ...(want?.tap?.hostGateway === undefined ? {} : { hostGateway: want.tap.hostGateway }),
              rxRingSize: tap.rx_ring_sz,
              txRingSize: tap.tx_ring_sz,
            },
          }
        : {}),
      ...(afp ? { afPacket: { hostIfName: afp.host_if_name } } : {}),
      ...(vx
        ? {
            vxlan: {
              srcAddress: formatIp4(addressToIp4(vx.src_address) ?? 0),
              dstAddress: formatIp4(addressToIp4(vx.dst_address) ?? 0),
              vni: vx.vni,
            },
          }
        : {}),
      ...(client ? { dhcpClient: { hostname: client.client.hostname } } : {}),
    };
    ours.push({ key, value, metadata: { swIfIndex: d.sw_if_index } });
  }
  return { ours, foreign };
}

function byIndex<T extends { readonly sw_if_index: number }>(items: readonly T[]): Map<number, T> {
  return new Map(items.map((i) => [i.sw_if_index, i]));
}
