/**
 * @module NAT44 mapping lookups: static and load-balanced static mappings by their external
 * endpoint, identity mappings, pool addresses, and the choice of a local (backend) by weighted
 * random draw with client-IP affinity on the simulated clock.
 */
import { formatIp4, type Ip4 } from '../../../net/ipv4.ts';
import type { SimNatIdentityMapping, SimNatLocal, SimNatStaticMapping, SimState } from '../sim-state.ts';
import { formatEndpoint, hasPorts, protoName, type FlowTuple } from './packet.ts';
import type { Random } from './random.ts';

/** `sw_if_index` meaning "none". */
export const NO_INTERFACE = 0xffffffff;

/** Stable key of a mapping: `proto:externalIp:externalPort:vrf`. */
export function natMappingKey(m: SimNatStaticMapping): string {
  return `${m.protocol}:${formatIp4(m.externalIp)}:${m.externalPort}:${m.vrf}`;
}

/** Key of a client's affinity record in `SimNat44.affinity` (`${mappingKey}|${clientIp}`). */
export function natAffinityKey(m: SimNatStaticMapping, clientIp: Ip4): string {
  return `${natMappingKey(m)}|${formatIp4(clientIp)}`;
}

/** Display name of a mapping: its tag, else `static <proto> <ip:port>`. */
export function natMappingName(m: SimNatStaticMapping): string {
  if (m.tag !== '') return m.tag;
  const kind = m.lb ? 'lb-static' : 'static';
  return m.addrOnly ? `${kind} ${formatIp4(m.externalIp)}` : `${kind} ${protoName(m.protocol)} ${formatEndpoint(m.externalIp, m.externalPort, m.protocol)}`;
}

/** The static or load-balanced mapping whose external endpoint is `t.dst` (address-only: any port). */
export function findMappingByExternal(state: SimState, t: FlowTuple): SimNatStaticMapping | undefined {
  let addrOnly: SimNatStaticMapping | undefined;
  for (const m of state.nat44.staticMappings) {
    if (m.externalIp !== t.dst) continue;
    if (m.addrOnly) addrOnly ??= m;
    else if (m.protocol === t.proto && (!hasPorts(t.proto) || m.externalPort === t.dstPort)) return m;
  }
  return addrOnly;
}

/** The static mapping (not out2in-only) whose local is `t.src` — source NAT from the inside. */
export function findMappingByLocal(state: SimState, t: FlowTuple): { mapping: SimNatStaticMapping; local: SimNatLocal } | undefined {
  for (const m of state.nat44.staticMappings) {
    if (m.out2inOnly || m.lb) continue;
    if (!m.addrOnly && m.protocol !== t.proto) continue;
    const local = m.locals.find((l) => l.ip === t.src && (m.addrOnly || !hasPorts(t.proto) || l.port === t.srcPort));
    if (local) return { mapping: m, local };
  }
  return undefined;
}

/** Addresses an identity mapping stands for (its own, or those of its interface). */
function identityAddresses(state: SimState, m: SimNatIdentityMapping): Ip4[] {
  if (m.swIfIndex === NO_INTERFACE) return [m.ip];
  return (state.interfaces.get(m.swIfIndex)?.addresses ?? []).map((a) => a.ip);
}

/** The identity mapping covering `ip` (and `proto`/`port` unless address-only); protocol 0 = any. */
export function findIdentityMapping(state: SimState, ip: Ip4, proto: number, port: number): SimNatIdentityMapping | undefined {
  return state.nat44.identityMappings.find((m) =>
    identityAddresses(state, m).includes(ip) &&
    (m.addrOnly || ((m.protocol === 0 || m.protocol === proto) && (!hasPorts(proto) || m.port === port))));
}

/** Whether `ip` is an address of the NAT pool (not the twice-NAT pool). */
export function isPoolAddress(state: SimState, ip: Ip4): boolean {
  return state.nat44.addresses.some((a) => a.ip === ip && !a.twiceNat);
}

/** The local chosen for a new session, and how. */
export interface ChosenLocal {
  readonly local: SimNatLocal;
  readonly index: number;
  readonly how: string;
}

function drawLocal(locals: readonly SimNatLocal[], random: Random): number {
  const total = locals.reduce((sum, l) => sum + Math.max(0, l.probability), 0);
  if (total <= 0) return Math.min(locals.length - 1, Math.floor(random.next() * locals.length));
  let r = random.next() * total;
  for (let i = 0; i < locals.length; i++) {
    r -= Math.max(0, locals[i]!.probability);
    if (r < 0) return i;
  }
  return locals.length - 1;
}

/**
 * Chooses the local of `m` for a new session from `clientIp`: the only one; the one remembered
 * for this client while its affinity record lives (each use extends it by `affinity` seconds, as
 * kube-proxy's `recent` match does); otherwise a draw weighted by the locals' probabilities.
 */
export function chooseLocal(state: SimState, m: SimNatStaticMapping, clientIp: Ip4, now: number, random: Random): ChosenLocal | undefined {
  if (m.locals.length === 0) return undefined;
  if (m.locals.length === 1) return { local: m.locals[0]!, index: 0, how: 'single local' };
  const key = natAffinityKey(m, clientIp);
  if (m.affinity > 0) {
    const rec = state.nat44.affinity.get(key);
    if (rec && rec.expires > now) {
      const same = (l: SimNatLocal | undefined) => l !== undefined && (rec.ip === undefined || (l.ip === rec.ip && l.port === rec.port));
      const index = same(m.locals[rec.local]) ? rec.local : m.locals.findIndex((l) => same(l));
      if (index >= 0) {
        const local = m.locals[index]!;
        state.nat44.affinity.set(key, { local: index, expires: now + m.affinity * 1000, ip: local.ip, port: local.port });
        return { local, index, how: `client affinity (${m.affinity}s)` };
      }
    }
  }
  const index = drawLocal(m.locals, random);
  const local = m.locals[index]!;
  if (m.affinity > 0) state.nat44.affinity.set(key, { local: index, expires: now + m.affinity * 1000, ip: local.ip, port: local.port });
  const weights = m.locals.map((l) => l.probability).join(':');
  return { local, index, how: `weighted draw over ${m.locals.length} locals (${weights})` };
}
