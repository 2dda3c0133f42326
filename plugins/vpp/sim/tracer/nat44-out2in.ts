/**
 * @module NAT44 out2in (destination NAT) for packets entering an outside interface: an existing
 * session translates; a static or load-balanced mapping on the destination creates a session to a
 * chosen local (with twice-NAT / self-twice-NAT of the source); an identity mapping passes; with
 * forwarding enabled an unmatched packet passes untranslated, otherwise it is dropped.
 */
import { formatIp4, type Ip4 } from '../../../net/ipv4.ts';
import type { SimNatStaticMapping, SimState } from '../sim-state.ts';
import { chooseLocal, findIdentityMapping, findMappingByExternal, natMappingName } from './nat44-mappings.ts';
import { addNatSession, allocateNatPort, findOut2InSession, natKey, withNatKey } from './nat44-sessions.ts';
import { formatEndpoint, hasPorts, isIcmpError, type FlowTuple, type Packet } from './packet.ts';
import type { Random } from './random.ts';

/** What the NAT nodes need besides the packet. */
export interface NatContext {
  readonly state: SimState;
  readonly now: number;
  readonly random: Random;
}

/** The outcome of a NAT node. */
export interface NatResult {
  readonly packet: Packet;
  readonly verdict: 'translate' | 'pass' | 'drop';
  readonly detail: string;
  /** Mapping that decided (tag or description). */
  readonly table?: string;
  /** Index of the chosen local inside the mapping. */
  readonly rule?: number;
}

function ep(ip: Ip4, port: number, proto: number): string {
  return formatEndpoint(ip, port, proto);
}

/** The source a twice-NAT session shows the local: a twice-NAT pool address, or (self-twice-NAT) the external address. */
function twiceNatSource(ctx: NatContext, m: SimNatStaticMapping, self: boolean, proto: number): { ip: Ip4; port: number } | undefined {
  const pool = ctx.state.nat44.addresses.find((a) => a.twiceNat && (a.vrf === m.vrf || a.vrf === 0xffffffff));
  const ip = pool?.ip ?? (self ? m.externalIp : undefined);
  if (ip === undefined) return undefined;
  const port = hasPorts(proto) ? allocateNatPort(ctx.state, ip, proto, ctx.now) : 0;
  return port === undefined ? undefined : { ip, port };
}

/**
 * Destination NAT of `k` (the packet's key) through mapping `m`: chooses the local, decides
 * twice-NAT, creates the session and returns the translated packet. Shared by out2in and by
 * in2out towards an external address (hairpinning).
 */
export function dnatByMapping(ctx: NatContext, p: Packet, k: FlowTuple, m: SimNatStaticMapping, node: string): NatResult {
  const table = natMappingName(m);
  const chosen = chooseLocal(ctx.state, m, k.src, ctx.now, ctx.random);
  if (!chosen) return { packet: p, verdict: 'drop', detail: `${node}: mapping ${table} has no locals`, table };
  const { local } = chosen;
  const inPort = m.addrOnly || !hasPorts(k.proto) ? k.dstPort : local.port;
  const self = m.selfTwiceNat && local.ip === k.src;
  let src = { ip: k.src, port: k.srcPort };
  if (m.twiceNat || self) {
    const twice = twiceNatSource(ctx, m, self, k.proto);
    if (!twice) return { packet: p, verdict: 'drop', detail: `mapping ${table}: twice-NAT needs an address in the twice-NAT pool`, table };
    src = { ip: twice.ip, port: hasPorts(k.proto) ? twice.port : k.srcPort };
  }
  const twice = src.ip !== k.src || src.port !== k.srcPort;
  addNatSession(ctx.state, {
    protocol: k.proto, inIp: local.ip, inPort, outIp: k.dst, outPort: k.dstPort, extIp: k.src, extPort: k.srcPort,
    ...(twice ? { extHostNatIp: src.ip, extHostNatPort: src.port } : {}), isStatic: true, twiceNat: twice,
  }, ctx.now);
  const translated = withNatKey(p, { ...k, src: src.ip, srcPort: src.port, dst: local.ip, dstPort: inPort });
  const srcText = twice ? `, source ${ep(k.src, k.srcPort, k.proto)} → ${ep(src.ip, src.port, k.proto)} (${self ? 'self-twice-NAT' : 'twice-NAT'})` : '';
  return {
    packet: translated, verdict: 'translate', table, rule: chosen.index,
    detail: `mapping ${table}: destination ${ep(k.dst, k.dstPort, k.proto)} → ${ep(local.ip, inPort, k.proto)} by ${chosen.how}${srcText}`,
  };
}

/** Runs out2in on `p` entering an outside interface of `node`. */
export function natOut2In(ctx: NatContext, p: Packet, node: string): NatResult {
  const k = natKey(p);
  const s = findOut2InSession(ctx.state, k, ctx.now);
  if (s) {
    s.lastHeard = ctx.now;
    const src = s.twiceNat && s.extHostNatIp !== undefined ? { ip: s.extHostNatIp, port: s.extHostNatPort ?? k.srcPort } : { ip: k.src, port: k.srcPort };
    const translated = withNatKey(p, { ...k, src: src.ip, srcPort: src.port, dst: s.inIp, dstPort: s.inPort });
    return { packet: translated, verdict: 'translate', detail: `session ${s.id}: destination ${ep(k.dst, k.dstPort, k.proto)} → ${ep(s.inIp, s.inPort, k.proto)}` };
  }
  const identity = findIdentityMapping(ctx.state, k.dst, k.proto, k.dstPort);
  if (identity) return { packet: p, verdict: 'pass', detail: `identity mapping ${identity.tag || formatIp4(k.dst)}: not translated`, table: identity.tag || undefined };
  const m = isIcmpError(p) ? undefined : findMappingByExternal(ctx.state, k);
  if (m) return dnatByMapping(ctx, p, k, m, node);
  if (ctx.state.nat44.forwarding) return { packet: p, verdict: 'pass', detail: 'no session or mapping: forwarding mode passes it untranslated' };
  return { packet: p, verdict: 'drop', detail: `NAT44 out2in: no session and no mapping for ${ep(k.dst, k.dstPort, k.proto)}` };
}
