/**
 * @module Simulator handlers of `ip.api`: routes (add replaces the paths unless multipath; a
 * delete of a missing route is not an error, as in VPP), FIB tables, interface addresses and
 * unnumbered interfaces.
 */
import { maskOf } from '../../../net/ipv4.ts';
import { VnetApiError as E } from '../../messages/api-errno.ts';
import { FibPathNhProto, type FibPath, type IpRoute } from '../../messages/ip.ts';
import { U32_MAX, addressToIp4, ip4Bytes, ip4FromBytes, ip4Prefix } from '../../messages/vpp-types.ts';
import type { SimRoute, SimRoutePath, SimState } from '../sim-state.ts';
import { retval } from './retval.ts';
import type { DumpHandlers, RequestHandlers, SimContext } from './sim-context.ts';

function simPath(p: FibPath): SimRoutePath {
  const nextHop = p.nh.address.ip4 ? ip4FromBytes(p.nh.address.ip4) : 0;
  return { nextHop, swIfIndex: p.sw_if_index, weight: p.weight, preference: p.preference, ...(p.type !== 0 ? { type: p.type } : {}) };
}

function samePath(a: SimRoutePath, b: SimRoutePath): boolean {
  return a.nextHop === b.nextHop && a.swIfIndex === b.swIfIndex && (a.type ?? 0) === (b.type ?? 0);
}

function apiPath(p: SimRoutePath, vrf: number): FibPath {
  return {
    sw_if_index: p.swIfIndex,
    table_id: vrf,
    rpf_id: 0,
    weight: p.weight,
    preference: p.preference,
    type: p.type ?? 0,
    flags: 0,
    proto: FibPathNhProto.FIB_API_PATH_NH_PROTO_IP4,
    nh: { address: { ip4: ip4Bytes(p.nextHop) }, via_label: 0, obj_id: 0, classify_table_index: U32_MAX },
    n_labels: 0,
    label_stack: [],
  };
}

/** The `ip_route` of a simulated route. */
export function apiRoute(r: SimRoute): IpRoute {
  return { table_id: r.vrf, stats_index: 0, prefix: ip4Prefix(r.prefix, r.len), n_paths: r.paths.length, paths: r.paths.map((p) => apiPath(p, r.vrf)) };
}

/** Index of the route of one source with this destination in `state.routes`, or -1. */
export function findRoute(state: SimState, vrf: number, prefix: number, len: number, source: 'api' | 'dhcp'): number {
  return state.routes.findIndex((r) => r.vrf === vrf && r.prefix === prefix && r.len === len && (r.source ?? 'api') === source);
}

function tables(ctx: SimContext): Map<number, string> {
  return (ctx.state.ipTables ??= new Map([[0, 'ipv4-VRF:0']]));
}

/** Request handlers of `ip.api`. */
export const ipRequestHandlers: RequestHandlers = {
  ip_route_add_del(ctx, req) {
    const reply = (rv: number) => ({ _msgname: 'ip_route_add_del_reply' as const, retval: rv, stats_index: 0 });
    const dst = addressToIp4(req.route.prefix.address);
    const len = req.route.prefix.len;
    if (dst === undefined) return reply(E.INVALID_ADDRESS_FAMILY);
    if (len > 32) return reply(E.INVALID_PREFIX_LENGTH);
    if (!ctx.hasTable(req.route.table_id)) return reply(E.NO_SUCH_FIB);
    if (req.is_add && req.route.paths.length === 0) return reply(E.NO_PATHS_IN_ROUTE);
    for (const p of req.route.paths) if (p.sw_if_index !== U32_MAX && !ctx.iface(p.sw_if_index)) return reply(E.INVALID_SW_IF_INDEX);
    const prefix = (dst & maskOf(len)) >>> 0;
    const state = ctx.state;
    const at = findRoute(state, req.route.table_id, prefix, len, 'api');
    const paths = req.route.paths.map(simPath);
    if (req.is_add) {
      const existing = at < 0 ? undefined : state.routes[at];
      if (existing && req.is_multipath) existing.paths.push(...paths.filter((p) => !existing.paths.some((q) => samePath(p, q))));
      else if (existing) existing.paths = paths;
      else state.routes.push({ vrf: req.route.table_id, prefix, len, paths, source: 'api' });
      return reply(0);
    }
    const existing = at < 0 ? undefined : state.routes[at];
    if (!existing) return reply(0);
    if (req.is_multipath) existing.paths = existing.paths.filter((p) => !paths.some((q) => samePath(p, q)));
    if (!req.is_multipath || existing.paths.length === 0) state.routes.splice(at, 1);
    return reply(0);
  },

  ip_table_add_del(ctx, req) {
    const name = 'ip_table_add_del_reply';
    if (req.table.is_ip6) return retval(name); // IPv6 is not simulated; accepted and ignored.
    const t = tables(ctx);
    if (req.is_add) t.set(req.table.table_id, req.table.name || `ipv4-VRF:${req.table.table_id}`);
    else if (req.table.table_id !== 0 && t.delete(req.table.table_id)) {
      ctx.state.routes = ctx.state.routes.filter((r) => r.vrf !== req.table.table_id);
    }
    return retval(name);
  },
};

/** Dump handlers of `ip.api`. */
export const ipDumpHandlers: DumpHandlers = {
  ip_route_dump(ctx, req) {
    if (req.table.is_ip6 || !ctx.hasTable(req.table.table_id)) return [];
    return ctx.state.routes
      .filter((r) => r.vrf === req.table.table_id)
      .sort((a, b) => a.prefix - b.prefix || a.len - b.len || (a.source ?? 'api').localeCompare(b.source ?? 'api'))
      .map((r) => ({ _msgname: 'ip_route_details' as const, route: apiRoute(r) }));
  },

  ip_table_dump(ctx) {
    return [...tables(ctx)]
      .sort(([a], [b]) => a - b)
      .map(([id, name]) => ({ _msgname: 'ip_table_details' as const, table: { table_id: id, is_ip6: false, name } }));
  },

  ip_unnumbered_dump(ctx, req) {
    return [...ctx.state.interfaces.values()]
      .filter((i) => i.unnumberedOf !== undefined && (req.sw_if_index === U32_MAX || i.swIfIndex === req.sw_if_index))
      .sort((a, b) => a.swIfIndex - b.swIfIndex)
      .map((i) => ({ _msgname: 'ip_unnumbered_details' as const, sw_if_index: i.swIfIndex, ip_sw_if_index: i.unnumberedOf ?? U32_MAX }));
  },

  ip_address_dump(ctx, req) {
    const i = ctx.iface(req.sw_if_index);
    if (!i || req.is_ipv6) return [];
    return i.addresses.map((a) => ({ _msgname: 'ip_address_details' as const, sw_if_index: i.swIfIndex, prefix: ip4Prefix(a.ip, a.len) }));
  },
};

