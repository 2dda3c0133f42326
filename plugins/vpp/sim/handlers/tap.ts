/**
 * @module Simulator handlers of `tapv2.api`: `tap_create_v2` (ring sizes as virtio sets them
 * up: 0 = 256, otherwise a power of two up to 32768), `tap_delete_v2`, `sw_interface_tap_v2_dump`.
 */
import { VnetApiError as E } from '../../messages/api-errno.ts';
import type { SwInterfaceTapV2Details } from '../../messages/tap.ts';
import { U32_MAX, ip4Bytes, ip4FromBytes } from '../../messages/vpp-types.ts';
import type { SimInterface } from '../sim-state.ts';
import { lowestFree } from './index-pool.ts';
import { macTuple } from './interface.ts';
import { retval } from './retval.ts';
import type { DumpHandlers, RequestHandlers } from './sim-context.ts';

/** Ring size VPP uses when a request says 0. */
const DEFAULT_RING_SIZE = 256;

/** A virtio ring size as VPP sets it up: 0 = the default; else a power of two up to 32768, or undefined (refused). */
function ringSize(requested: number): number | undefined {
  if (requested === 0) return DEFAULT_RING_SIZE;
  return requested <= 32768 && (requested & (requested - 1)) === 0 ? requested : undefined;
}

/** The tap instance id of an interface named `tap<id>`. */
function tapId(i: SimInterface): number {
  return Number(i.name.slice(3));
}

function tapDetails(i: SimInterface): SwInterfaceTapV2Details {
  const t = i.tap;
  return {
    _msgname: 'sw_interface_tap_v2_details',
    sw_if_index: i.swIfIndex,
    id: tapId(i),
    dev_name: i.name,
    tx_ring_sz: t?.txRingSize ?? DEFAULT_RING_SIZE,
    rx_ring_sz: t?.rxRingSize ?? DEFAULT_RING_SIZE,
    host_mtu_size: 1500,
    host_mac_addr: macTuple(t?.hostMac ?? new Uint8Array(6)),
    host_ip4_prefix: { address: ip4Bytes(t?.hostIp4?.ip ?? 0), len: t?.hostIp4?.len ?? 0 },
    host_ip6_prefix: { address: new Array<number>(16).fill(0), len: 0 },
    tap_flags: 0,
    host_namespace: t?.hostNamespace ?? '',
    host_if_name: t?.hostIfName ?? '',
    host_bridge: '',
  };
}

/** Request handlers of `tapv2.api`. */
export const tapRequestHandlers: RequestHandlers = {
  tap_create_v2(ctx, req) {
    const fail = (rv: number) => ({ _msgname: 'tap_create_v2_reply' as const, retval: rv, sw_if_index: U32_MAX });
    const taps = [...ctx.state.interfaces.values()].filter((i) => i.type === 'tap');
    const used = taps.map(tapId);
    if (req.id !== U32_MAX && used.includes(req.id)) return fail(E.INVALID_INTERFACE);
    const id = req.id === U32_MAX ? lowestFree(used) : req.id;
    const hostIfName = req.host_if_name_set && req.host_if_name !== '' ? req.host_if_name : `tap${id}`;
    const hostNamespace = req.host_namespace_set ? req.host_namespace : '';
    // Linux refuses a second link of the same name in one namespace.
    if (taps.some((t) => t.tap?.hostIfName === hostIfName && t.tap.hostNamespace === hostNamespace)) return fail(E.NETLINK_ERROR);
    const rxRingSize = ringSize(req.rx_ring_sz);
    const txRingSize = ringSize(req.tx_ring_sz);
    // virtio_vring_init refuses other sizes; VPP answers INIT_FAILED.
    if (rxRingSize === undefined || txRingSize === undefined) return fail(E.INIT_FAILED);
    const mac = req.use_random_mac ? ctx.stableMac(`tap${id}`) : Uint8Array.from(req.mac_address);
    const hostMac = req.host_mac_addr_set ? Uint8Array.from(req.host_mac_addr) : ctx.stableMac(`tap${id}/host`);
    const i = ctx.createInterface({ name: `tap${id}`, type: 'tap', mac, tag: req.tag });
    i.tap = {
      hostIfName,
      hostNamespace,
      hostMac,
      rxRingSize,
      txRingSize,
      ...(req.host_ip4_prefix_set ? { hostIp4: { ip: ip4FromBytes(req.host_ip4_prefix.address), len: req.host_ip4_prefix.len } } : {}),
      ...(req.host_ip4_gw_set ? { hostIp4Gw: ip4FromBytes(req.host_ip4_gw) } : {}),
    };
    return { _msgname: 'tap_create_v2_reply', retval: 0, sw_if_index: i.swIfIndex };
  },

  tap_delete_v2(ctx, req) {
    const i = ctx.iface(req.sw_if_index);
    if (!i || i.type !== 'tap') return retval('tap_delete_v2_reply', E.INVALID_SW_IF_INDEX);
    ctx.deleteInterface(i.swIfIndex);
    return retval('tap_delete_v2_reply');
  },
};

/** Dump handlers of `tapv2.api`. */
export const tapDumpHandlers: DumpHandlers = {
  sw_interface_tap_v2_dump(ctx, req) {
    return [...ctx.state.interfaces.values()]
      .filter((i) => i.type === 'tap' && (req.sw_if_index === U32_MAX || i.swIfIndex === req.sw_if_index))
      .sort((a, b) => a.swIfIndex - b.swIfIndex)
      .map(tapDetails);
  },
};
