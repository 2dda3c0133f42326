/** @module Simulator handlers of `ip_neighbor.api`: static neighbour (ARP) entries and their dump. */
import { VnetApiError as E } from '../../messages/api-errno.ts';
import { IpNeighborFlags } from '../../messages/ip-neighbor.ts';
import { AddressFamily, U32_MAX, addressToIp4, ip4Address } from '../../messages/vpp-types.ts';
import { macTuple } from './interface.ts';
import type { DumpHandlers, RequestHandlers } from './sim-context.ts';

/** Request handlers of `ip_neighbor.api`. */
export const ipNeighborRequestHandlers: RequestHandlers = {
  ip_neighbor_add_del(ctx, req) {
    const reply = (rv: number) => ({ _msgname: 'ip_neighbor_add_del_reply' as const, retval: rv, stats_index: 0 });
    const n = req.neighbor;
    if (!ctx.iface(n.sw_if_index)) return reply(E.INVALID_SW_IF_INDEX);
    const ip = addressToIp4(n.ip_address);
    if (ip === undefined) return reply(E.INVALID_ADDRESS_FAMILY);
    const list = ctx.state.neighbours;
    const at = list.findIndex((x) => x.swIfIndex === n.sw_if_index && x.ip === ip);
    if (!req.is_add) {
      if (at < 0) return reply(E.NO_SUCH_ENTRY);
      list.splice(at, 1);
      return reply(0);
    }
    const isStatic = (n.flags & IpNeighborFlags.IP_API_NEIGHBOR_FLAG_STATIC) !== 0;
    const existing = at < 0 ? undefined : list[at];
    if (existing) {
      existing.mac = Uint8Array.from(n.mac_address);
      existing.isStatic = isStatic;
    } else {
      list.push({ swIfIndex: n.sw_if_index, ip, mac: Uint8Array.from(n.mac_address), isStatic });
    }
    return reply(0);
  },
};

/** Dump handlers of `ip_neighbor.api`. */
export const ipNeighborDumpHandlers: DumpHandlers = {
  ip_neighbor_dump(ctx, req) {
    if (req.af !== AddressFamily.ADDRESS_IP4) return [];
    return ctx.state.neighbours
      .filter((n) => req.sw_if_index === U32_MAX || n.swIfIndex === req.sw_if_index)
      .sort((a, b) => a.swIfIndex - b.swIfIndex || a.ip - b.ip)
      .map((n) => ({
        _msgname: 'ip_neighbor_details' as const,
        age: 0,
        neighbor: {
          sw_if_index: n.swIfIndex,
          flags: n.isStatic ? IpNeighborFlags.IP_API_NEIGHBOR_FLAG_STATIC : IpNeighborFlags.IP_API_NEIGHBOR_FLAG_NONE,
          mac_address: macTuple(n.mac),
          ip_address: ip4Address(n.ip),
        },
      }));
  },
};
