/**
 * @module Simulator handlers of the DHCP client (`dhcp_client_config`, `dhcp_client_dump`) and
 * what a bound lease does, as VPP's client: the address goes on the interface, a default route
 * via the router is installed, and clients that asked get a `dhcp_compl_event`.
 */
import { VnetApiError as E } from '../../messages/api-errno.ts';
import { DhcpClientState, type DhcpLease } from '../../messages/dhcp.ts';
import { ip4Address } from '../../messages/vpp-types.ts';
import type { Ip4 } from '../../../net/ipv4.ts';
import type { SimDhcpClient } from '../sim-state.ts';
import { findRoute } from './ip.ts';
import { macTuple } from './interface.ts';
import { retval } from './retval.ts';
import type { DumpHandlers, RequestHandlers, SimContext } from './sim-context.ts';

/** A lease the simulated DHCP server hands out. */
export interface SimLease {
  readonly ip: Ip4;
  readonly len: number;
  readonly router: Ip4;
}

function apiLease(ctx: SimContext, c: SimDhcpClient): DhcpLease {
  const i = ctx.iface(c.swIfIndex);
  return {
    sw_if_index: c.swIfIndex,
    state: c.lease ? DhcpClientState.DHCP_CLIENT_STATE_API_BOUND : DhcpClientState.DHCP_CLIENT_STATE_API_DISCOVER,
    is_ipv6: false,
    hostname: c.hostname,
    mask_width: c.lease?.len ?? 0,
    host_address: ip4Address(c.lease?.ip ?? 0),
    router_address: ip4Address(c.lease?.router ?? 0),
    host_mac: macTuple(i?.mac ?? new Uint8Array(6)),
    count: 0,
    domain_server: [],
  };
}

/** Removes what the client's current lease installed (address and default route). */
export function releaseLease(ctx: SimContext, c: SimDhcpClient): void {
  const lease = c.lease;
  if (!lease) return;
  const i = ctx.iface(c.swIfIndex);
  if (i) {
    i.addresses = i.addresses.filter((a) => !(a.ip === lease.ip && a.len === lease.len));
    const at = findRoute(ctx.state, i.vrf, 0, 0, 'dhcp');
    if (at >= 0) ctx.state.routes.splice(at, 1);
  }
  delete c.lease;
}

/**
 * Binds `lease` for the client of `swIfIndex`: replaces the previous lease's address and
 * route, and emits `dhcp_compl_event` when the client asked for events.
 * @returns false when no DHCP client runs on that interface
 */
export function bindLease(ctx: SimContext, swIfIndex: number, lease: SimLease): boolean {
  const c = ctx.state.dhcpClients.get(swIfIndex);
  const i = ctx.iface(swIfIndex);
  if (!c || !i) return false;
  releaseLease(ctx, c);
  i.addresses.push({ ip: lease.ip, len: lease.len });
  ctx.state.routes.push({ vrf: i.vrf, prefix: 0, len: 0, paths: [{ nextHop: lease.router, swIfIndex, weight: 1, preference: 0 }], source: 'dhcp' });
  c.lease = { ip: lease.ip, len: lease.len, router: lease.router };
  if (c.wantEvent) ctx.emit({ _msgname: 'dhcp_compl_event', pid: c.pid, lease: apiLease(ctx, c) });
  return true;
}

/** Request handlers of the DHCP client. */
export const dhcpRequestHandlers: RequestHandlers = {
  dhcp_client_config(ctx, req) {
    const name = 'dhcp_client_config_reply';
    const sw = req.client.sw_if_index;
    if (!ctx.iface(sw)) return retval(name, E.INVALID_SW_IF_INDEX);
    const existing = ctx.state.dhcpClients.get(sw);
    if (!req.is_add) {
      if (!existing) return retval(name, E.NO_SUCH_ENTRY);
      releaseLease(ctx, existing);
      ctx.state.dhcpClients.delete(sw);
      return retval(name);
    }
    if (existing) return retval(name, E.INVALID_VALUE);
    ctx.state.dhcpClients.set(sw, { swIfIndex: sw, hostname: req.client.hostname, wantEvent: req.client.want_dhcp_event, pid: req.client.pid });
    return retval(name);
  },
};

/** Dump handlers of the DHCP client. */
export const dhcpDumpHandlers: DumpHandlers = {
  dhcp_client_dump(ctx) {
    return [...ctx.state.dhcpClients.values()]
      .sort((a, b) => a.swIfIndex - b.swIfIndex)
      .map((c) => ({
        _msgname: 'dhcp_client_details' as const,
        client: { sw_if_index: c.swIfIndex, hostname: c.hostname, id: [], want_dhcp_event: c.wantEvent, set_broadcast_flag: false, dscp: 0, pid: c.pid },
        lease: apiLease(ctx, c),
      }));
  },
};
