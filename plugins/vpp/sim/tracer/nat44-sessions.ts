/**
 * @module NAT44 (endpoint-dependent) session table of one simulated VPP: lookups by the out2in
 * and in2out keys, creation, idle expiry on the simulated clock, and outside-port allocation.
 * A session holds the inside endpoint, the outside (translated) endpoint, the remote endpoint and,
 * with twice-NAT, the address the inside host sees for the remote.
 */
import type { Ip4 } from '../../../net/ipv4.ts';
import type { SimNatSession, SimState } from '../sim-state.ts';
import { ListIndex } from './list-index.ts';
import { natTimeoutMs } from './options.ts';
import { isIcmpError, reverseTuple, type FlowTuple, type Packet } from './packet.ts';

/** First port handed out by dynamic translation (VPP keeps 0-1023 out of the dynamic range). */
export const FIRST_DYNAMIC_PORT = 1024;

function inKey(s: SimNatSession): string {
  return s.twiceNat
    ? `i|${s.protocol}|${s.inIp}|${s.inPort}|${s.extHostNatIp}|${s.extHostNatPort}`
    : `i|${s.protocol}|${s.inIp}|${s.inPort}|${s.extIp}|${s.extPort}`;
}

/** Sessions by out2in key (`o|`), in2out key (`i|`) and outside ports in use (`p|`). */
const index = new ListIndex<SimNatSession>((s) => {
  const keys = [`o|${s.protocol}|${s.outIp}|${s.outPort}|${s.extIp}|${s.extPort}`, inKey(s), `p|${s.protocol}|${s.outIp}|${s.outPort}`];
  if (s.extHostNatIp !== undefined) keys.push(`p|${s.protocol}|${s.extHostNatIp}|${s.extHostNatPort}`);
  return keys;
});

function expired(state: SimState, s: SimNatSession, now: number): boolean {
  return now - s.lastHeard > natTimeoutMs(state, s.protocol);
}

function findSession(state: SimState, key: string, now: number): SimNatSession | undefined {
  const list = state.nat44.sessions;
  for (;;) {
    const s = index.get(list, key);
    if (!s || !expired(state, s, now)) return s;
    index.remove(list, s);
  }
}

/** A live session whose outside side is `t.dst` and remote is `t.src` (a packet from outside). */
export function findOut2InSession(state: SimState, t: FlowTuple, now: number): SimNatSession | undefined {
  return findSession(state, `o|${t.proto}|${t.dst}|${t.dstPort}|${t.src}|${t.srcPort}`, now);
}

/** A live session whose inside side is `t.src` and remote (as the inside host sees it) is `t.dst`. */
export function findIn2OutSession(state: SimState, t: FlowTuple, now: number): SimNatSession | undefined {
  return findSession(state, `i|${t.proto}|${t.src}|${t.srcPort}|${t.dst}|${t.dstPort}`, now);
}

/** A live session `t` already is the translated reply of (outside endpoint → remote). */
export function findTranslatedReplySession(state: SimState, t: FlowTuple, now: number): SimNatSession | undefined {
  return findSession(state, `o|${t.proto}|${t.src}|${t.srcPort}|${t.dst}|${t.dstPort}`, now);
}

const nextIds = new WeakMap<SimState, number>();

/** Fields of a new session (its id and timestamp are filled in). */
export type NewNatSession = Omit<SimNatSession, 'id' | 'lastHeard'>;

/** Adds a session created at `now`. */
export function addNatSession(state: SimState, f: NewNatSession, now: number): SimNatSession {
  let id = nextIds.get(state);
  if (id === undefined) id = state.nat44.sessions.reduce((max, s) => Math.max(max, s.id + 1), 1);
  nextIds.set(state, id + 1);
  // Built field by field: objects made by spreading are slow to read on Node 20's V8.
  const session: SimNatSession = {
    id, protocol: f.protocol, inIp: f.inIp, inPort: f.inPort, outIp: f.outIp, outPort: f.outPort, extIp: f.extIp, extPort: f.extPort,
    extHostNatIp: f.extHostNatIp, extHostNatPort: f.extHostNatPort, isStatic: f.isStatic, twiceNat: f.twiceNat, lastHeard: now,
  };
  index.add(state.nat44.sessions, session);
  return session;
}

const cursors = new WeakMap<SimState, Map<string, number>>();

/**
 * A free outside port on `ip` for `proto`: not held by a live session (as outside endpoint or
 * twice-NAT endpoint), nor by a static or identity mapping. Deterministic: ports are handed out
 * in increasing order from 1024, wrapping around.
 */
export function allocateNatPort(state: SimState, ip: Ip4, proto: number, now: number): number | undefined {
  const reserved = new Set<number>();
  for (const m of state.nat44.staticMappings) if (m.externalIp === ip && m.protocol === proto) reserved.add(m.externalPort);
  for (const m of state.nat44.identityMappings) if (m.ip === ip && m.protocol === proto) reserved.add(m.port);
  let byIp = cursors.get(state);
  if (!byIp) { byIp = new Map(); cursors.set(state, byIp); }
  const cursorKey = `${ip}|${proto}`;
  const span = 65536 - FIRST_DYNAMIC_PORT;
  const start = byIp.get(cursorKey) ?? FIRST_DYNAMIC_PORT;
  for (let i = 0; i < span; i++) {
    const port = FIRST_DYNAMIC_PORT + ((start - FIRST_DYNAMIC_PORT + i) % span);
    if (reserved.has(port) || findSession(state, `p|${proto}|${ip}|${port}`, now)) continue;
    byIp.set(cursorKey, port + 1 > 65535 ? FIRST_DYNAMIC_PORT : port + 1);
    return port;
  }
  return undefined;
}

/** The tuple NAT keys on: the packet's own, or for an ICMP error the reverse of the quoted header. */
export function natKey(p: Packet): FlowTuple {
  return isIcmpError(p) ? reverseTuple(p.quoted) : p;
}

/**
 * Rewrites `p` so that its NAT key becomes `to`. For an ICMP error the quoted header is rewritten,
 * the error is re-addressed to the flow's sender, and its source follows when it came from the
 * flow's peer itself.
 */
export function withNatKey(p: Packet, to: FlowTuple): Packet {
  if (!isIcmpError(p)) return { ...p, src: to.src, dst: to.dst, srcPort: to.srcPort, dstPort: to.dstPort };
  const from = reverseTuple(p.quoted);
  return { ...p, quoted: reverseTuple(to), dst: to.dst, src: p.src === from.src ? to.src : p.src };
}
