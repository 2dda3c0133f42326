/**
 * @module NAT44 (endpoint-dependent) session table of one simulated VPP: lookups by the out2in
 * and in2out keys, creation, idle expiry on the simulated clock, and outside-port allocation.
 * A session holds the inside endpoint, the outside (translated) endpoint, the remote endpoint and,
 * with twice-NAT, the address the inside host sees for the remote.
 */
import type { Ip4 } from '../../../net/ipv4.ts';
import type { SimNatSession, SimState } from '../sim-state.ts';
import { natTimeoutMs } from './options.ts';
import { isIcmpError, reverseTuple, type FlowTuple, type Packet } from './packet.ts';

/** First port handed out by dynamic translation (VPP keeps 0-1023 out of the dynamic range). */
export const FIRST_DYNAMIC_PORT = 1024;

function expired(state: SimState, s: SimNatSession, now: number): boolean {
  return now - s.lastHeard > natTimeoutMs(state, s.protocol);
}

function findSession(state: SimState, now: number, match: (s: SimNatSession) => boolean): SimNatSession | undefined {
  const sessions = state.nat44.sessions;
  for (let i = 0; i < sessions.length; i++) {
    const s = sessions[i]!;
    if (!match(s)) continue;
    if (expired(state, s, now)) {
      sessions.splice(i, 1);
      return undefined;
    }
    return s;
  }
  return undefined;
}

/** A live session whose outside side is `t.dst` and remote is `t.src` (a packet from outside). */
export function findOut2InSession(state: SimState, t: FlowTuple, now: number): SimNatSession | undefined {
  return findSession(state, now, (s) =>
    s.protocol === t.proto && s.outIp === t.dst && s.outPort === t.dstPort && s.extIp === t.src && s.extPort === t.srcPort);
}

/** A live session whose inside side is `t.src` and remote (as the inside host sees it) is `t.dst`. */
export function findIn2OutSession(state: SimState, t: FlowTuple, now: number): SimNatSession | undefined {
  return findSession(state, now, (s) => {
    if (s.protocol !== t.proto || s.inIp !== t.src || s.inPort !== t.srcPort) return false;
    return s.twiceNat
      ? s.extHostNatIp === t.dst && s.extHostNatPort === t.dstPort
      : s.extIp === t.dst && s.extPort === t.dstPort;
  });
}

/** A live session `t` already is the translated reply of (outside endpoint → remote). */
export function findTranslatedReplySession(state: SimState, t: FlowTuple, now: number): SimNatSession | undefined {
  return findSession(state, now, (s) =>
    s.protocol === t.proto && s.outIp === t.src && s.outPort === t.srcPort && s.extIp === t.dst && s.extPort === t.dstPort);
}

const nextIds = new WeakMap<SimState, number>();

/** Fields of a new session (its id and timestamp are filled in). */
export type NewNatSession = Omit<SimNatSession, 'id' | 'lastHeard'>;

/** Adds a session created at `now`. */
export function addNatSession(state: SimState, fields: NewNatSession, now: number): SimNatSession {
  let id = nextIds.get(state);
  if (id === undefined) id = state.nat44.sessions.reduce((max, s) => Math.max(max, s.id + 1), 1);
  nextIds.set(state, id + 1);
  const session: SimNatSession = { ...fields, id, lastHeard: now };
  state.nat44.sessions.push(session);
  return session;
}

/**
 * A free outside port on `ip` for `proto`: not used by a live session (as outside endpoint or
 * twice-NAT endpoint), nor by a static or identity mapping. Deterministic: the lowest free port.
 */
export function allocateNatPort(state: SimState, ip: Ip4, proto: number, now: number): number | undefined {
  const used = new Set<number>();
  for (const s of state.nat44.sessions) {
    if (s.protocol !== proto || expired(state, s, now)) continue;
    if (s.outIp === ip) used.add(s.outPort);
    if (s.extHostNatIp === ip && s.extHostNatPort !== undefined) used.add(s.extHostNatPort);
  }
  for (const m of state.nat44.staticMappings) if (m.externalIp === ip && m.protocol === proto) used.add(m.externalPort);
  for (const m of state.nat44.identityMappings) if (m.ip === ip && m.protocol === proto) used.add(m.port);
  for (let port = FIRST_DYNAMIC_PORT; port <= 65535; port++) if (!used.has(port)) return port;
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
