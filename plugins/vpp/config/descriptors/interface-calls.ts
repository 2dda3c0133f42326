/**
 * @module The VPP calls that create, configure and remove one interface, shared by the
 * interface descriptor's create, update and delete.
 */
import { parseIfAddress, parseIp4 } from '../../../net/ipv4.ts';
import type { VppChannel } from '../../channel.ts';
import { IfStatusFlags, U32_MAX, ZERO_MAC, ip4Address, ip4Bytes, ip4Prefix, macFromText } from '../../messages/vpp-types.ts';
import type { VppInterface } from '../../model.ts';
import { ContivError } from '../../../../core/errors.ts';

/** An ethernet interface (a NIC) the value names is not in VPP. */
export class InterfaceNotFoundError extends ContivError {
  readonly code = 'VPP_INTERFACE_NOT_FOUND';
  constructor(readonly interfaceName: string) {
    super(`VPP has no interface named ${interfaceName}`);
  }
}

/** Creates the interface itself (or finds a NIC) and returns its sw_if_index. */
export async function createInterface(ch: VppChannel, v: VppInterface): Promise<number> {
  const mac = v.mac ? macFromText(v.mac) : ZERO_MAC;
  switch (v.type) {
    case 'loopback':
      return (await ch.request({ _msgname: 'create_loopback', mac_address: mac })).sw_if_index;
    case 'af_packet':
      return (await ch.request({ _msgname: 'af_packet_create', hw_addr: mac, use_random_hw_addr: !v.mac, host_if_name: v.afPacket?.hostIfName ?? '' })).sw_if_index;
    case 'vxlan':
      return (await ch.request(vxlanMessage(v, true))).sw_if_index;
    case 'tap': {
      const t = v.tap;
      const hostIp = t?.hostIp ? parseIfAddress(t.hostIp) : undefined;
      const reply = await ch.request({
        _msgname: 'tap_create_v2',
        id: U32_MAX,
        use_random_mac: !v.mac,
        mac_address: mac,
        num_rx_queues: 1,
        tx_ring_sz: t?.txRingSize ?? 0,
        rx_ring_sz: t?.rxRingSize ?? 0,
        host_mtu_set: false,
        host_mtu_size: 0,
        host_mac_addr_set: t?.hostMac !== undefined,
        host_mac_addr: t?.hostMac ? macFromText(t.hostMac) : ZERO_MAC,
        host_ip4_prefix_set: hostIp !== undefined,
        host_ip4_prefix: { address: ip4Bytes(hostIp?.ip ?? 0), len: hostIp?.len ?? 0 },
        host_ip6_prefix_set: false,
        host_ip6_prefix: { address: new Array<number>(16).fill(0), len: 0 },
        host_ip4_gw_set: t?.hostGateway !== undefined,
        host_ip4_gw: ip4Bytes(t?.hostGateway ? parseIp4(t.hostGateway) : 0),
        host_ip6_gw_set: false,
        host_ip6_gw: new Array<number>(16).fill(0),
        tap_flags: 0,
        host_namespace_set: t?.netns !== undefined && t.netns !== '',
        host_namespace: t?.netns ?? '',
        host_if_name_set: true,
        host_if_name: t?.hostIfName ?? '',
        host_bridge_set: false,
        host_bridge: '',
        tag: v.name,
      });
      return reply.sw_if_index;
    }
    case 'ethernet': {
      const found = await ch.dump({ _msgname: 'sw_interface_dump', sw_if_index: U32_MAX, name_filter_valid: true, name_filter: v.name });
      const nic = found.find((d) => d.interface_name === v.name);
      if (!nic) throw new InterfaceNotFoundError(v.name);
      return nic.sw_if_index;
    }
  }
}

/** Removes the interface (a NIC is only un-configured: it belongs to the host). */
export async function removeInterface(ch: VppChannel, v: VppInterface, swIfIndex: number): Promise<void> {
  switch (v.type) {
    case 'loopback':
      await ch.request({ _msgname: 'delete_loopback', sw_if_index: swIfIndex });
      return;
    case 'af_packet':
      await ch.request({ _msgname: 'af_packet_delete', host_if_name: v.afPacket?.hostIfName ?? '' });
      return;
    case 'vxlan':
      await ch.request(vxlanMessage(v, false));
      return;
    case 'tap':
      await ch.request({ _msgname: 'tap_delete_v2', sw_if_index: swIfIndex });
      return;
    case 'ethernet':
      if (v.dhcpClient) await setDhcpClient(ch, swIfIndex, v.dhcpClient.hostname, false);
      if (v.unnumberedFrom !== undefined) await ch.request({ _msgname: 'sw_interface_set_unnumbered', sw_if_index: swIfIndex, unnumbered_sw_if_index: swIfIndex, is_add: false });
      await ch.request({ _msgname: 'sw_interface_add_del_address', sw_if_index: swIfIndex, is_add: false, del_all: true, prefix: ip4Prefix(0, 0) });
      if ((v.vrf ?? 0) !== 0) await setTable(ch, swIfIndex, 0);
      await setAdminUp(ch, swIfIndex, false);
      await ch.request({ _msgname: 'sw_interface_tag_add_del', is_add: false, sw_if_index: swIfIndex, tag: '' });
      return;
  }
}

function vxlanMessage(v: VppInterface, isAdd: boolean) {
  return {
    _msgname: 'vxlan_add_del_tunnel',
    is_add: isAdd,
    instance: U32_MAX,
    src_address: ip4Address(v.vxlan?.srcAddress ?? '0.0.0.0'),
    dst_address: ip4Address(v.vxlan?.dstAddress ?? '0.0.0.0'),
    mcast_sw_if_index: U32_MAX,
    encap_vrf_id: 0,
    decap_next_index: U32_MAX,
    vni: v.vxlan?.vni ?? 0,
  } as const;
}

/** Sets the admin state. */
export async function setAdminUp(ch: VppChannel, swIfIndex: number, up: boolean): Promise<void> {
  await ch.request({ _msgname: 'sw_interface_set_flags', sw_if_index: swIfIndex, flags: up ? IfStatusFlags.IF_STATUS_API_FLAG_ADMIN_UP : 0 });
}

/** Adds or removes one address (`a.b.c.d/len`). */
export async function setAddress(ch: VppChannel, swIfIndex: number, addr: string, isAdd: boolean): Promise<void> {
  const a = parseIfAddress(addr);
  await ch.request({ _msgname: 'sw_interface_add_del_address', sw_if_index: swIfIndex, is_add: isAdd, del_all: false, prefix: ip4Prefix(a.ip, a.len) });
}

/** Binds the interface to FIB table `vrf`, creating the table first (VPP needs it to exist). */
export async function setTable(ch: VppChannel, swIfIndex: number, vrf: number): Promise<void> {
  if (vrf !== 0) await ensureTable(ch, vrf);
  await ch.request({ _msgname: 'sw_interface_set_table', sw_if_index: swIfIndex, is_ipv6: false, vrf_id: vrf });
}

/** Creates FIB table `vrf` (adding an existing table only takes another reference in VPP). */
export async function ensureTable(ch: VppChannel, vrf: number): Promise<void> {
  await ch.request({ _msgname: 'ip_table_add_del', is_add: true, table: { table_id: vrf, is_ip6: false, name: '' } });
}

/** Starts or stops VPP's DHCP client on the interface. */
export async function setDhcpClient(ch: VppChannel, swIfIndex: number, hostname: string, isAdd: boolean): Promise<void> {
  await ch.request({
    _msgname: 'dhcp_client_config',
    is_add: isAdd,
    client: { sw_if_index: swIfIndex, hostname, id: [], want_dhcp_event: true, set_broadcast_flag: true, dscp: 0, pid: DHCP_CLIENT_PID },
  });
}

/** The pid our DHCP clients register with (events are delivered to every client anyway). */
export const DHCP_CLIENT_PID = 1;
