/**
 * @module `ip4-lookup`: the IPv4 FIB of one simulated VPP. Entries are the local (/32 receive)
 * and connected prefixes of the addresses of admin-up interfaces (unnumbered interfaces add none)
 * and the static routes of the VRF. Longest prefix wins; on equal prefixes the interface source
 * wins over static routes (as in VPP). Among a route's paths the lowest preference is used and an
 * equal-cost choice is made by flow hash and weight; next hops without an interface resolve
 * recursively. Special paths drop or answer with ICMP unreachable / prohibited.
 */
import { formatCidr, formatIp4, maskOf, type Ip4 } from '../../../net/ipv4.ts';
import type { SimRoute, SimRoutePath, SimState } from '../sim-state.ts';
import { NO_INTERFACE } from './nat44-mappings.ts';

/** VPP's `fib_path_type` values the tracer acts on. */
export const FIB_PATH_TYPE = { NORMAL: 0, LOCAL: 1, DROP: 2, ICMP_UNREACH: 5, ICMP_PROHIBIT: 6 } as const;

/** Result of a lookup. */
export type FibResult =
  /** The destination is an address of VPP itself (ip4-local). */
  | { readonly kind: 'local'; readonly swIfIndex: number; readonly entry: string }
  /** Send out of `swIfIndex` to `nextHop` (the destination itself when attached). */
  | { readonly kind: 'forward'; readonly swIfIndex: number; readonly nextHop: Ip4; readonly attached: boolean; readonly entry: string }
  | { readonly kind: 'special'; readonly action: 'drop' | 'unreachable' | 'prohibit'; readonly entry: string }
  | { readonly kind: 'miss'; readonly entry: string };

type Candidate =
  | { readonly prefix: Ip4; readonly len: number; readonly rank: number; readonly kind: 'local'; readonly swIfIndex: number }
  | { readonly prefix: Ip4; readonly len: number; readonly rank: number; readonly kind: 'connected'; readonly swIfIndex: number }
  | { readonly prefix: Ip4; readonly len: number; readonly rank: number; readonly kind: 'static'; readonly route: SimRoute };

const MAX_RECURSION = 8;

function ifName(state: SimState, swIfIndex: number): string {
  return state.interfaces.get(swIfIndex)?.name ?? `sw_if_index ${swIfIndex}`;
}

function better(a: Candidate | undefined, b: Candidate): boolean {
  return a === undefined || b.len > a.len || (b.len === a.len && b.rank < a.rank);
}

function bestEntry(state: SimState, vrf: number, dst: Ip4): Candidate | undefined {
  let best: Candidate | undefined;
  for (const itf of state.interfaces.values()) {
    if (!itf.adminUp || itf.vrf !== vrf || itf.unnumberedOf !== undefined) continue;
    for (const a of itf.addresses) {
      if (a.ip === dst) {
        const c: Candidate = { prefix: a.ip, len: 32, rank: 0, kind: 'local', swIfIndex: itf.swIfIndex };
        if (better(best, c)) best = c;
      } else if (a.len < 32) {
        const m = maskOf(a.len);
        if (((a.ip & m) >>> 0) === ((dst & m) >>> 0)) {
          const c: Candidate = { prefix: (a.ip & m) >>> 0, len: a.len, rank: 1, kind: 'connected', swIfIndex: itf.swIfIndex };
          if (better(best, c)) best = c;
        }
      }
    }
  }
  for (const route of state.routes) {
    if (route.vrf !== vrf) continue;
    const m = maskOf(route.len);
    if (((route.prefix & m) >>> 0) !== ((dst & m) >>> 0)) continue;
    const c: Candidate = { prefix: (route.prefix & m) >>> 0, len: route.len, rank: 2, kind: 'static', route };
    if (better(best, c)) best = c;
  }
  return best;
}

function usable(state: SimState, p: SimRoutePath): boolean {
  if ((p.type ?? 0) !== FIB_PATH_TYPE.NORMAL) return true;
  if (p.swIfIndex === NO_INTERFACE) return p.nextHop !== 0;
  return state.interfaces.get(p.swIfIndex)?.adminUp === true;
}

function choosePath(paths: readonly SimRoutePath[], hash: number): SimRoutePath {
  const best = Math.min(...paths.map((p) => p.preference));
  const tied = paths.filter((p) => p.preference === best);
  const total = tied.reduce((s, p) => s + Math.max(1, p.weight), 0);
  let r = hash % total;
  for (const p of tied) {
    r -= Math.max(1, p.weight);
    if (r < 0) return p;
  }
  return tied[tied.length - 1]!;
}

function describeRoute(state: SimState, route: SimRoute, p: SimRoutePath): string {
  const prefix = formatCidr({ addr: route.prefix, len: route.len });
  const type = p.type ?? 0;
  if (type === FIB_PATH_TYPE.DROP) return `route ${prefix} drop`;
  if (type === FIB_PATH_TYPE.ICMP_UNREACH) return `route ${prefix} unreachable`;
  if (type === FIB_PATH_TYPE.ICMP_PROHIBIT) return `route ${prefix} prohibit`;
  if (type === FIB_PATH_TYPE.LOCAL) return `route ${prefix} local`;
  const via = p.nextHop !== 0 ? ` via ${formatIp4(p.nextHop)}` : '';
  const out = p.swIfIndex !== NO_INTERFACE ? ` ${ifName(state, p.swIfIndex)}` : '';
  return `route ${prefix}${via}${out}${route.vrf !== 0 ? ` vrf ${route.vrf}` : ''}`;
}

function lookup(state: SimState, vrf: number, dst: Ip4, hash: number, depth: number): FibResult {
  const e = bestEntry(state, vrf, dst);
  if (!e) return { kind: 'miss', entry: `no route to ${formatIp4(dst)} in vrf ${vrf}` };
  if (e.kind === 'local') return { kind: 'local', swIfIndex: e.swIfIndex, entry: `local ${formatIp4(dst)}/32 (${ifName(state, e.swIfIndex)})` };
  if (e.kind === 'connected') {
    const entry = `connected ${formatCidr({ addr: e.prefix, len: e.len })} (${ifName(state, e.swIfIndex)})`;
    return { kind: 'forward', swIfIndex: e.swIfIndex, nextHop: dst, attached: true, entry };
  }
  const paths = e.route.paths.filter((p) => usable(state, p));
  if (paths.length === 0) return { kind: 'special', action: 'drop', entry: `route ${formatCidr({ addr: e.prefix, len: e.len })}: no usable path` };
  const path = choosePath(paths, hash);
  const entry = describeRoute(state, e.route, path);
  switch (path.type ?? 0) {
    case FIB_PATH_TYPE.LOCAL: return { kind: 'local', swIfIndex: path.swIfIndex, entry };
    case FIB_PATH_TYPE.DROP: return { kind: 'special', action: 'drop', entry };
    case FIB_PATH_TYPE.ICMP_UNREACH: return { kind: 'special', action: 'unreachable', entry };
    case FIB_PATH_TYPE.ICMP_PROHIBIT: return { kind: 'special', action: 'prohibit', entry };
  }
  if (path.swIfIndex !== NO_INTERFACE) {
    const attached = path.nextHop === 0;
    return { kind: 'forward', swIfIndex: path.swIfIndex, nextHop: attached ? dst : path.nextHop, attached, entry };
  }
  if (depth >= MAX_RECURSION) return { kind: 'special', action: 'drop', entry: `${entry}: recursion too deep` };
  const via = lookup(state, vrf, path.nextHop, hash, depth + 1);
  switch (via.kind) {
    case 'forward': return { kind: 'forward', swIfIndex: via.swIfIndex, nextHop: via.attached ? path.nextHop : via.nextHop, attached: false, entry: `${entry} (resolved by ${via.entry})` };
    case 'special': return { ...via, entry: `${entry} (resolved by ${via.entry})` };
    case 'local': return { kind: 'special', action: 'drop', entry: `${entry}: next hop is a local address` };
    case 'miss': return { kind: 'special', action: 'drop', entry: `${entry}: next hop ${formatIp4(path.nextHop)} unresolved` };
  }
}

/** Looks `dst` up in FIB table `vrf` of `state`; `hash` picks among equal-cost paths. */
export function fibLookup(state: SimState, vrf: number, dst: Ip4, hash = 0): FibResult {
  return lookup(state, vrf, dst, hash, 0);
}

/** The address VPP uses as the source of packets it sends out of `swIfIndex` (its own or its donor's). */
export function interfaceSourceAddress(state: SimState, swIfIndex: number): Ip4 | undefined {
  const itf = state.interfaces.get(swIfIndex);
  if (!itf) return undefined;
  const donor = itf.unnumberedOf !== undefined ? state.interfaces.get(itf.unnumberedOf) : itf;
  return donor?.addresses[0]?.ip;
}
