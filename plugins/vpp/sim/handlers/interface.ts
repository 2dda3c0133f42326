/**
 * @module Simulator handlers of `interface.api`: dump, admin state, addresses (with VPP's
 * overlap check inside one FIB), MAC, VRF binding, unnumbered, tags, loopbacks.
 */
import { cidrContains, maskOf, type Ip4 } from '../../../net/ipv4.ts';
import { VnetApiError as E } from '../../messages/api-errno.ts';
import type { SwInterfaceDetails } from '../../messages/interface.ts';
import { IfStatusFlags, U32_MAX, addressToIp4, type MacAddress } from '../../messages/vpp-types.ts';
import type { SimInterface, SimInterfaceType, SimState } from '../sim-state.ts';
import { lowestFree } from './index-pool.ts';
import { retval } from './retval.ts';
import type { DumpHandlers, RequestHandlers } from './sim-context.ts';
import { MAX_TAG_LENGTH } from '../../vpp-tag.ts';

const DEV_TYPE: Readonly<Record<SimInterfaceType, string>> = {
  ethernet: 'dpdk',
  loopback: 'Loopback',
  tap: 'virtio',
  af_packet: 'af_packet',
  vxlan: 'VXLAN',
  local: 'local',
};

/** The MAC as `mac_address`. */
export function macTuple(mac: Uint8Array): MacAddress {
  return [mac[0] ?? 0, mac[1] ?? 0, mac[2] ?? 0, mac[3] ?? 0, mac[4] ?? 0, mac[5] ?? 0];
}

/** Whether every byte of `mac` is 0 (VPP reads that as "not given"). */
export function isZeroMac(mac: MacAddress): boolean {
  return mac.every((b) => b === 0);
}

/** `sw_interface_details` of one interface. */
export function interfaceDetails(i: SimInterface): SwInterfaceDetails {
  const up = i.adminUp ? IfStatusFlags.IF_STATUS_API_FLAG_ADMIN_UP | IfStatusFlags.IF_STATUS_API_FLAG_LINK_UP : 0;
  const mtu = i.type === 'ethernet' || i.type === 'af_packet' || i.type === 'tap' ? 1500 : 9000;
  return {
    _msgname: 'sw_interface_details',
    sw_if_index: i.swIfIndex,
    sup_sw_if_index: i.swIfIndex,
    l2_address: macTuple(i.mac),
    flags: up,
    type: 0,
    link_duplex: i.type === 'ethernet' ? 2 : 0,
    link_speed: i.type === 'ethernet' ? 10_000_000 : 0,
    link_mtu: mtu,
    mtu: [mtu, 0, 0, 0],
    sub_id: 0,
    sub_number_of_tags: 0,
    sub_outer_vlan_id: 0,
    sub_inner_vlan_id: 0,
    sub_if_flags: 0,
    vtr_op: 0,
    vtr_push_dot1q: 0,
    vtr_tag1: 0,
    vtr_tag2: 0,
    interface_name: i.name,
    interface_dev_type: DEV_TYPE[i.type],
    tag: i.tag,
  };
}

/** The interface holding an address that overlaps `ip/len` in FIB `vrf` (VPP's add check), if any. */
function overlapping(state: SimState, swIfIndex: number, vrf: number, ip: Ip4, len: number): SimInterface | undefined {
  for (const other of state.interfaces.values()) {
    if (other.vrf !== vrf) continue;
    for (const a of other.addresses) {
      const overlap =
        cidrContains({ addr: (a.ip & maskOf(a.len)) >>> 0, len: a.len }, ip) ||
        cidrContains({ addr: (ip & maskOf(len)) >>> 0, len }, a.ip);
      if (!overlap) continue;
      // One interface may hold several addresses of one subnet.
      if (other.swIfIndex === swIfIndex && a.len === len && a.ip !== ip) continue;
      return other;
    }
  }
  return undefined;
}

/** Request handlers of `interface.api`. */
export const interfaceRequestHandlers: RequestHandlers = {
  sw_interface_set_flags(ctx, req) {
    const i = ctx.iface(req.sw_if_index);
    if (!i) return retval('sw_interface_set_flags_reply', E.INVALID_SW_IF_INDEX);
    i.adminUp = (req.flags & IfStatusFlags.IF_STATUS_API_FLAG_ADMIN_UP) !== 0;
    return retval('sw_interface_set_flags_reply');
  },

  sw_interface_add_del_address(ctx, req) {
    const name = 'sw_interface_add_del_address_reply';
    const i = ctx.iface(req.sw_if_index);
    if (!i) return retval(name, E.INVALID_SW_IF_INDEX);
    if (!req.is_add && req.del_all) {
      i.addresses = [];
      return retval(name);
    }
    const ip = addressToIp4(req.prefix.address);
    if (ip === undefined) return retval(name, E.INVALID_ADDRESS_FAMILY);
    if (req.prefix.len > 32) return retval(name, E.ADDRESS_LENGTH_MISMATCH);
    const at = i.addresses.findIndex((a) => a.ip === ip && a.len === req.prefix.len);
    if (!req.is_add) {
      if (at < 0) return retval(name, E.ADDRESS_NOT_FOUND_FOR_INTERFACE);
      i.addresses.splice(at, 1);
      return retval(name);
    }
    if (overlapping(ctx.state, i.swIfIndex, i.vrf, ip, req.prefix.len)) return retval(name, E.ADDRESS_IN_USE);
    i.addresses.push({ ip, len: req.prefix.len });
    return retval(name);
  },

  sw_interface_set_mac_address(ctx, req) {
    const i = ctx.iface(req.sw_if_index);
    if (!i) return retval('sw_interface_set_mac_address_reply', E.INVALID_SW_IF_INDEX);
    if (i.type === 'vxlan' || i.type === 'local') return retval('sw_interface_set_mac_address_reply', E.UNSUPPORTED);
    i.mac = Uint8Array.from(req.mac_address);
    return retval('sw_interface_set_mac_address_reply');
  },

  sw_interface_set_table(ctx, req) {
    const name = 'sw_interface_set_table_reply';
    const i = ctx.iface(req.sw_if_index);
    if (!i) return retval(name, E.INVALID_SW_IF_INDEX);
    if (req.is_ipv6) return retval(name); // IPv6 tables are not simulated; accepted and ignored.
    if (!ctx.hasTable(req.vrf_id)) return retval(name, E.NO_SUCH_FIB);
    if (i.vrf !== req.vrf_id && i.addresses.length > 0) return retval(name, E.ADDRESS_FOUND_FOR_INTERFACE);
    i.vrf = req.vrf_id;
    return retval(name);
  },

  sw_interface_get_table(ctx, req) {
    const i = ctx.iface(req.sw_if_index);
    if (!i) return { _msgname: 'sw_interface_get_table_reply', retval: E.INVALID_SW_IF_INDEX, vrf_id: 0 };
    return { _msgname: 'sw_interface_get_table_reply', retval: 0, vrf_id: req.is_ipv6 ? 0 : i.vrf };
  },

  sw_interface_set_unnumbered(ctx, req) {
    const name = 'sw_interface_set_unnumbered_reply';
    const u = ctx.iface(req.unnumbered_sw_if_index);
    if (!u) return retval(name, E.INVALID_SW_IF_INDEX_2);
    // As VPP: the address owner is only checked (and used) when binding.
    if (req.is_add && !ctx.iface(req.sw_if_index)) return retval(name, E.INVALID_SW_IF_INDEX);
    if (req.is_add) u.unnumberedOf = req.sw_if_index;
    else delete u.unnumberedOf;
    return retval(name);
  },

  sw_interface_tag_add_del(ctx, req) {
    const name = 'sw_interface_tag_add_del_reply';
    const i = ctx.iface(req.sw_if_index);
    if (!i) return retval(name, E.INVALID_SW_IF_INDEX);
    if (req.is_add && req.tag === '') return retval(name, E.INVALID_VALUE);
    i.tag = req.is_add ? req.tag.slice(0, MAX_TAG_LENGTH) : '';
    return retval(name);
  },

  create_loopback(ctx, req) {
    const used = [...ctx.state.interfaces.values()].filter((i) => i.type === 'loopback').map((i) => Number(i.name.slice(4)));
    const instance = lowestFree(used);
    // VPP's default loopback MAC: de:ad:00:00:00:<instance>.
    const mac = isZeroMac(req.mac_address) ? Uint8Array.of(0xde, 0xad, 0, 0, (instance >>> 8) & 255, instance & 255) : Uint8Array.from(req.mac_address);
    const i = ctx.createInterface({ name: `loop${instance}`, type: 'loopback', mac });
    return { _msgname: 'create_loopback_reply', retval: 0, sw_if_index: i.swIfIndex };
  },

  delete_loopback(ctx, req) {
    const i = ctx.iface(req.sw_if_index);
    if (!i || i.type !== 'loopback') return retval('delete_loopback_reply', E.INVALID_SW_IF_INDEX);
    ctx.deleteInterface(i.swIfIndex);
    return retval('delete_loopback_reply');
  },
};

/** Dump handlers of `interface.api`. */
export const interfaceDumpHandlers: DumpHandlers = {
  sw_interface_dump(ctx, req) {
    const all = [...ctx.state.interfaces.values()].sort((a, b) => a.swIfIndex - b.swIfIndex);
    const picked = req.sw_if_index === U32_MAX ? all : all.filter((i) => i.swIfIndex === req.sw_if_index);
    const filtered = req.name_filter_valid ? picked.filter((i) => i.name.includes(req.name_filter)) : picked;
    return filtered.map(interfaceDetails);
  },
};
