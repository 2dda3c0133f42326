/** @module Simulator handlers of `af_packet.api`: create (`host-<name>`), delete, dump. */
import { VnetApiError as E } from '../../messages/api-errno.ts';
import { U32_MAX } from '../../messages/vpp-types.ts';
import { retval } from './retval.ts';
import type { DumpHandlers, RequestHandlers } from './sim-context.ts';

/** Request handlers of `af_packet.api`. */
export const afPacketRequestHandlers: RequestHandlers = {
  af_packet_create(ctx, req) {
    if (req.host_if_name === '') return { _msgname: 'af_packet_create_reply', retval: E.INVALID_INTERFACE, sw_if_index: U32_MAX };
    const existing = [...ctx.state.interfaces.values()].find((i) => i.afPacket?.hostIfName === req.host_if_name);
    // VPP answers a second create with the existing interface's index and an error.
    if (existing) return { _msgname: 'af_packet_create_reply', retval: E.IF_ALREADY_EXISTS, sw_if_index: existing.swIfIndex };
    const mac = req.use_random_hw_addr ? ctx.stableMac(`host-${req.host_if_name}`) : Uint8Array.from(req.hw_addr);
    const i = ctx.createInterface({ name: `host-${req.host_if_name}`, type: 'af_packet', mac });
    i.afPacket = { hostIfName: req.host_if_name };
    return { _msgname: 'af_packet_create_reply', retval: 0, sw_if_index: i.swIfIndex };
  },

  af_packet_delete(ctx, req) {
    const i = [...ctx.state.interfaces.values()].find((x) => x.afPacket?.hostIfName === req.host_if_name);
    if (!i) return retval('af_packet_delete_reply', E.SYSCALL_ERROR_1);
    ctx.deleteInterface(i.swIfIndex);
    return retval('af_packet_delete_reply');
  },
};

/** Dump handlers of `af_packet.api`. */
export const afPacketDumpHandlers: DumpHandlers = {
  af_packet_dump(ctx) {
    return [...ctx.state.interfaces.values()]
      .filter((i) => i.type === 'af_packet' && i.afPacket)
      .sort((a, b) => a.swIfIndex - b.swIfIndex)
      .map((i) => ({ _msgname: 'af_packet_details' as const, sw_if_index: i.swIfIndex, host_if_name: i.afPacket?.hostIfName ?? '' }));
  },
};
