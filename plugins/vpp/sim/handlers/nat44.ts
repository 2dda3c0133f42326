/**
 * @module Simulator handlers of NAT44-ED settings other than mappings: the address pool,
 * pre-routing (inside/outside) features and output interfaces (an interface holds one kind or
 * the other, never both; the output interfaces are read with a cursor get), and the user/session
 * dumps of sessions the tracer created. The plugin itself: `nat44-plugin.ts`; mappings:
 * `nat44-mappings.ts`. Every add/del is refused while the plugin is disabled.
 */
import { VnetApiError as E } from '../../messages/api-errno.ts';
import { NatConfigFlags as F, type Nat44EdOutputInterfaceDetails, type Nat44UserSessionDetails } from '../../messages/nat44.ts';
import { U32_MAX, ip4Bytes, ip4FromBytes } from '../../messages/vpp-types.ts';
import type { SimNat44, SimNatOutputPool, SimNatSession } from '../sim-state.ts';
import { natDisabled } from './nat44-plugin.ts';
import { retval } from './retval.ts';
import type { DumpHandlers, GetHandlers, RequestHandlers } from './sim-context.ts';

function sessionDetails(s: SimNatSession, nowMs: number): Nat44UserSessionDetails {
  return {
    _msgname: 'nat44_user_session_details',
    outside_ip_address: ip4Bytes(s.outIp),
    outside_port: s.outPort,
    inside_ip_address: ip4Bytes(s.inIp),
    inside_port: s.inPort,
    protocol: s.protocol,
    flags: (s.isStatic ? F.NAT_IS_STATIC : 0) | (s.twiceNat ? F.NAT_IS_TWICE_NAT : 0) | F.NAT_IS_EXT_HOST_VALID,
    last_heard: Math.floor(Math.min(s.lastHeard, nowMs) / 1000),
    total_bytes: 0,
    total_pkts: 0,
    ext_host_address: ip4Bytes(s.extIp),
    ext_host_port: s.extPort,
    ext_host_nat_address: ip4Bytes(s.extHostNatIp ?? 0),
    ext_host_nat_port: s.extHostNatPort ?? 0,
  };
}

/**
 * The output pool of `nat` (built in sw_if_index order when a state was assembled without one,
 * e.g. by a test's state builder).
 */
function outputPool(nat: SimNat44): SimNatOutputPool {
  nat.outputPool ??= { slots: [...nat.outputInterfaces.keys()].sort((a, b) => a - b), free: [] };
  return nat.outputPool;
}

/** Removes the output feature of `swIfIndex` (and frees its pool index); false when it had none. */
export function dropNatOutputInterface(nat: SimNat44, swIfIndex: number): boolean {
  if (!nat.outputInterfaces.has(swIfIndex)) return false;
  const pool = outputPool(nat);
  const at = pool.slots.indexOf(swIfIndex);
  if (at >= 0) {
    pool.slots[at] = undefined;
    pool.free.push(at);
  }
  nat.outputInterfaces.delete(swIfIndex);
  return true;
}

/** Request handlers of the NAT44 pool, interface features and output interfaces. */
export const nat44RequestHandlers: RequestHandlers = {
  nat44_add_del_address_range(ctx, req) {
    const name = 'nat44_add_del_address_range_reply';
    const first = ip4FromBytes(req.first_ip_address);
    const last = ip4FromBytes(req.last_ip_address);
    if (first > last) return retval(name, E.INVALID_VALUE);
    // Only adding checks the plugin; a delete finds nothing in a disabled plugin's empty pool.
    const disabled = natDisabled(ctx);
    if (req.is_add && disabled !== undefined) return retval(name, disabled);
    const twiceNat = (req.flags & F.NAT_IS_TWICE_NAT) !== 0;
    const pool = ctx.state.nat44.addresses;
    // As VPP: one address at a time, stopping at the first failure (earlier ones stay).
    for (let ip = first; ip <= last; ip++) {
      const at = pool.findIndex((a) => a.ip === ip && a.twiceNat === twiceNat);
      if (req.is_add) {
        if (at >= 0) return retval(name, E.VALUE_EXIST);
        pool.push({ ip, vrf: req.vrf_id, twiceNat });
      } else {
        if (at < 0) return retval(name, E.NO_SUCH_ENTRY);
        pool.splice(at, 1);
        // Dynamic sessions translated to a removed address die with it.
        ctx.state.nat44.sessions = ctx.state.nat44.sessions.filter((s) => s.isStatic || s.outIp !== ip);
      }
    }
    return retval(name);
  },

  nat44_interface_add_del_feature(ctx, req) {
    const name = 'nat44_interface_add_del_feature_reply';
    if (!ctx.iface(req.sw_if_index)) return retval(name, E.INVALID_SW_IF_INDEX);
    const disabled = natDisabled(ctx);
    if (disabled !== undefined) return retval(name, disabled);
    const nat = ctx.state.nat44;
    const inside = (req.flags & F.NAT_IS_INSIDE) !== 0;
    const cur = nat.interfaces.get(req.sw_if_index);
    if (req.is_add) {
      if (nat.outputInterfaces.has(req.sw_if_index)) return retval(name, E.VALUE_EXIST);
      const next = cur ?? { inside: false, outside: false };
      if (inside) next.inside = true;
      else next.outside = true;
      nat.interfaces.set(req.sw_if_index, next);
      return retval(name);
    }
    if (!cur) return retval(name, E.NO_SUCH_ENTRY);
    // VPP clears one direction of a both-ways interface, otherwise drops the interface.
    if (cur.inside && cur.outside) {
      if (inside) cur.inside = false;
      else cur.outside = false;
    } else {
      nat.interfaces.delete(req.sw_if_index);
    }
    return retval(name);
  },

  nat44_ed_add_del_output_interface(ctx, req) {
    const name = 'nat44_ed_add_del_output_interface_reply';
    if (!ctx.iface(req.sw_if_index)) return retval(name, E.INVALID_SW_IF_INDEX);
    const disabled = natDisabled(ctx);
    if (disabled !== undefined) return retval(name, disabled);
    const nat = ctx.state.nat44;
    if (!req.is_add) return retval(name, dropNatOutputInterface(nat, req.sw_if_index) ? 0 : E.NO_SUCH_ENTRY);
    if (nat.interfaces.has(req.sw_if_index) || nat.outputInterfaces.has(req.sw_if_index)) return retval(name, E.VALUE_EXIST);
    const pool = outputPool(nat);
    const at = pool.free.pop() ?? pool.slots.length;
    pool.slots[at] = req.sw_if_index;
    nat.outputInterfaces.set(req.sw_if_index, { inside: false });
    return retval(name);
  },
};

/** Dump handlers of the NAT44 pool, pre-routing features, users and sessions. */
export const nat44DumpHandlers: DumpHandlers = {
  nat44_address_dump(ctx) {
    const pool = ctx.state.nat44.addresses;
    // VPP keeps two vectors: the normal pool, then the twice-NAT pool.
    return [...pool.filter((a) => !a.twiceNat), ...pool.filter((a) => a.twiceNat)].map((a) => ({
      _msgname: 'nat44_address_details' as const,
      ip_address: ip4Bytes(a.ip),
      flags: a.twiceNat ? F.NAT_IS_TWICE_NAT : F.NAT_IS_NONE,
      vrf_id: a.vrf,
    }));
  },

  nat44_interface_dump(ctx) {
    return [...ctx.state.nat44.interfaces]
      .sort(([a], [b]) => a - b)
      .map(([sw, f]) => ({
        _msgname: 'nat44_interface_details' as const,
        flags: (f.inside ? F.NAT_IS_INSIDE : 0) | (f.outside ? F.NAT_IS_OUTSIDE : 0),
        sw_if_index: sw,
      }));
  },

  nat44_user_dump(ctx) {
    const users = new Map<number, { dynamic: number; static: number }>();
    for (const s of ctx.state.nat44.sessions) {
      const u = users.get(s.inIp) ?? { dynamic: 0, static: 0 };
      if (s.isStatic) u.static++;
      else u.dynamic++;
      users.set(s.inIp, u);
    }
    return [...users]
      .sort(([a], [b]) => a - b)
      .map(([ip, u]) => ({ _msgname: 'nat44_user_details' as const, vrf_id: 0, ip_address: ip4Bytes(ip), nsessions: u.dynamic, nstaticsessions: u.static }));
  },

  nat44_user_session_dump(ctx, req) {
    const ip = ip4FromBytes(req.ip_address);
    const now = ctx.clock.now();
    return ctx.state.nat44.sessions
      .filter((s) => s.inIp === ip)
      .sort((a, b) => a.id - b.id)
      .map((s) => sessionDetails(s, now));
  },
};

/**
 * Cursor gets of NAT44 (`REPLY_AND_DETAILS_MACRO`): details from pool index `cursor` on (a free
 * index skips to the next used one; none left → INVALID_VALUE), then the reply with cursor ~0,
 * or EAGAIN and the next index once `ctx.cursorBatch` details went out. An empty pool answers 0
 * (VPP leaves that reply's cursor unset; the simulator says ~0).
 */
export const nat44GetHandlers: GetHandlers = {
  nat44_ed_output_interface_get(ctx, req) {
    const name = 'nat44_ed_output_interface_get_reply';
    const slots = outputPool(ctx.state.nat44).slots;
    const used = (i: number): boolean => slots[i] !== undefined;
    if (!slots.some((_, i) => used(i))) return [{ _msgname: name, retval: 0, cursor: U32_MAX }];
    const next = (from: number): number => {
      for (let i = from; i < slots.length; i++) if (used(i)) return i;
      return U32_MAX;
    };
    let cursor = used(req.cursor) ? req.cursor : next(req.cursor);
    if (cursor === U32_MAX) return [{ _msgname: name, retval: E.INVALID_VALUE, cursor }];
    const details: Nat44EdOutputInterfaceDetails[] = [];
    while (cursor !== U32_MAX) {
      if (details.length >= Math.max(1, ctx.cursorBatch)) return [...details, { _msgname: name, retval: E.EAGAIN, cursor }];
      details.push({ _msgname: 'nat44_ed_output_interface_details', sw_if_index: slots[cursor] ?? U32_MAX });
      cursor = next(cursor + 1);
    }
    return [...details, { _msgname: name, retval: 0, cursor }];
  },
};
