/**
 * @module Simulator handlers of the NAT44-ED plugin as a whole (VPP 22.10, `nat44_ed.c`):
 * enabling and disabling it, forwarding mode, and `nat44_show_running_config`. VPP starts with
 * the plugin disabled; every NAT setting is refused until it is enabled (see `natDisabled`).
 */
import { VnetApiError as E } from '../../messages/api-errno.ts';
import { NAT44_DEFAULT_SESSIONS, Nat44ConfigFlags as CF, type Nat44ShowRunningConfigReply } from '../../messages/nat44-plugin.ts';
import type { SimNat44 } from '../sim-state.ts';
import { NAT_DEFAULT_TIMEOUTS } from '../tracer/options.ts';
import { retval } from './retval.ts';
import type { RequestHandlers, SimContext } from './sim-context.ts';

/**
 * What `fail_if_enabled` / `fail_if_disabled` return in `nat44_ed.c`: a bare 1, not a
 * `VNET_API_ERROR_*` (so the reply's retval is 1).
 */
export const NAT_PLUGIN_STATE_ERROR = 1;

/**
 * The retval of a NAT setting while the plugin is disabled (VNET_API_ERROR_UNSUPPORTED, as
 * `nat44_ed.c` answers every add/del of addresses, interface features and mappings), else
 * undefined.
 */
export function natDisabled(ctx: SimContext): number | undefined {
  return ctx.state.nat44.plugin ? undefined : E.UNSUPPORTED;
}

/** `nat_calc_bihash_buckets`: the power of two nearest to `n / 2.5`. */
export function natBuckets(n: number): number {
  const elts = Math.floor(n / 2.5);
  let lower = 1;
  while (lower * 2 < elts) lower *= 2;
  const upper = lower * 2;
  return upper - elts < elts - lower ? upper : lower;
}

/** Everything `nat44_plugin_disable` removes (mappings, pool, features, sessions, forwarding). */
function clearNat(nat: SimNat44): void {
  nat.staticMappings = [];
  nat.identityMappings = [];
  nat.addresses = [];
  nat.interfaces.clear();
  nat.outputInterfaces.clear();
  delete nat.outputPool;
  nat.sessions = [];
  nat.affinity.clear();
  nat.forwarding = false;
}

function runningConfig(ctx: SimContext): Nat44ShowRunningConfigReply {
  const nat = ctx.state.nat44;
  const p = nat.plugin;
  // A disabled plugin reports its zeroed configuration (forwarding can still be set meanwhile).
  const t = p ? (nat.timeouts ?? NAT_DEFAULT_TIMEOUTS) : { udp: 0, tcpEstablished: 0, tcpTransitory: 0, icmp: 0 };
  return {
    _msgname: 'nat44_show_running_config_reply',
    retval: 0,
    inside_vrf: p?.insideVrf ?? 0,
    outside_vrf: p?.outsideVrf ?? 0,
    users: 0,
    sessions: p?.sessions ?? 0,
    user_sessions: 0,
    user_buckets: 0,
    translation_buckets: p ? natBuckets(p.sessions) : 0,
    forwarding_enabled: nat.forwarding,
    ipfix_logging_enabled: false,
    timeouts: { udp: t.udp, tcp_established: t.tcpEstablished, tcp_transitory: t.tcpTransitory, icmp: t.icmp },
    log_level: 0,
    flags: CF.NAT44_IS_ENDPOINT_DEPENDENT,
  };
}

/** Request handlers of the plugin, forwarding and the running config. */
export const nat44PluginRequestHandlers: RequestHandlers = {
  nat44_ed_plugin_enable_disable(ctx, req) {
    const name = 'nat44_ed_plugin_enable_disable_reply';
    const nat = ctx.state.nat44;
    if (!req.enable) {
      if (!nat.plugin) return retval(name, NAT_PLUGIN_STATE_ERROR);
      clearNat(nat);
      delete nat.plugin;
      return retval(name);
    }
    // Endpoint-dependent NAT has no static-mapping-only or connection-tracking mode.
    if ((req.flags & (CF.NAT44_IS_STATIC_MAPPING_ONLY | CF.NAT44_IS_CONNECTION_TRACKING)) !== 0) return retval(name, E.UNSUPPORTED);
    if (nat.plugin) return retval(name, NAT_PLUGIN_STATE_ERROR);
    nat.plugin = { sessions: req.sessions === 0 ? NAT44_DEFAULT_SESSIONS : req.sessions, insideVrf: req.inside_vrf, outsideVrf: req.outside_vrf };
    nat.forwarding = false;
    return retval(name);
  },

  nat44_forwarding_enable_disable(ctx, req) {
    // VPP sets the flag whether or not the plugin is enabled (enabling it later resets it).
    ctx.state.nat44.forwarding = req.enable;
    return retval('nat44_forwarding_enable_disable_reply');
  },

  nat44_show_running_config: (ctx) => runningConfig(ctx),
};
