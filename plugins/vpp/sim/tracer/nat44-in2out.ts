/**
 * @module NAT44 pre-routing on interfaces with the inside feature: classification of packets on
 * interfaces that are both inside and outside (as VPP's nat44-ed-classify does), and in2out —
 * reverse translation through an existing session (replies of backends), hairpinning towards an
 * external address, and, without forwarding mode, static or dynamic source NAT.
 */
import { formatIp4 } from '../../../net/ipv4.ts';
import { findIdentityMapping, findMappingByExternal, findMappingByLocal, isPoolAddress, natMappingName } from './nat44-mappings.ts';
import { dnatByMapping, natOut2In, type NatContext, type NatResult } from './nat44-out2in.ts';
import { snatDynamic } from './nat44-output.ts';
import { addNatSession, findIn2OutSession, findOut2InSession, natKey, withNatKey } from './nat44-sessions.ts';
import { formatEndpoint, isIcmpError, type Packet } from './packet.ts';

/** Which NAT direction a packet entering an interface takes. */
export type NatDirection = 'in2out' | 'out2in';

/**
 * Classifies a packet entering an interface that is both inside and outside: an existing session
 * decides by its direction; a pool address or a mapping's external endpoint means out2in;
 * anything else is in2out.
 */
export function classifyNat(ctx: NatContext, p: Packet): NatDirection {
  const k = natKey(p);
  if (findOut2InSession(ctx.state, k, ctx.now)) return 'out2in';
  if (findIn2OutSession(ctx.state, k, ctx.now)) return 'in2out';
  if (isPoolAddress(ctx.state, k.dst)) return 'out2in';
  if (findMappingByExternal(ctx.state, k)) return 'out2in';
  return 'in2out';
}

/**
 * Runs in2out on `p` entering an inside interface of `node`. `routesToOutside` tells whether the
 * FIB sends the destination out of an outside interface (only asked without forwarding mode).
 */
export function natIn2Out(ctx: NatContext, p: Packet, node: string, routesToOutside: () => boolean): NatResult {
  const k = natKey(p);
  const s = findIn2OutSession(ctx.state, k, ctx.now);
  if (s) {
    s.lastHeard = ctx.now;
    const translated = withNatKey(p, { ...k, src: s.outIp, srcPort: s.outPort, dst: s.extIp, dstPort: s.extPort });
    const dstText = s.twiceNat ? `, destination → ${formatEndpoint(s.extIp, s.extPort, k.proto)}` : '';
    return { packet: translated, verdict: 'translate', detail: `session ${s.id}: source ${formatEndpoint(k.src, k.srcPort, k.proto)} → ${formatEndpoint(s.outIp, s.outPort, k.proto)}${dstText}` };
  }
  if (isIcmpError(p)) return { packet: p, verdict: 'pass', detail: 'ICMP error without a session: not translated' };
  const identity = findIdentityMapping(ctx.state, k.src, k.proto, k.srcPort);
  if (identity) return { packet: p, verdict: 'pass', detail: `identity mapping ${identity.tag || formatIp4(k.src)}: not translated` };
  // Hairpinning: an inside host reaching an external endpoint is destination-NATed here
  // (VPP would also source-NAT it; replies return through VPP anyway because pods route via VPP).
  const m = findMappingByExternal(ctx.state, k);
  if (m) return dnatByMapping(ctx, p, k, m, node);
  if (isPoolAddress(ctx.state, k.dst)) return natOut2In(ctx, p, node);
  if (ctx.state.nat44.forwarding) return { packet: p, verdict: 'pass', detail: 'no session: forwarding mode, not translated' };
  const byLocal = findMappingByLocal(ctx.state, k);
  if (byLocal) {
    const { mapping, local } = byLocal;
    const outPort = mapping.addrOnly ? k.srcPort : mapping.externalPort;
    addNatSession(ctx.state, {
      protocol: k.proto, inIp: local.ip, inPort: k.srcPort, outIp: mapping.externalIp, outPort,
      extIp: k.dst, extPort: k.dstPort, isStatic: true, twiceNat: false,
    }, ctx.now);
    const table = natMappingName(mapping);
    return {
      packet: withNatKey(p, { ...k, src: mapping.externalIp, srcPort: outPort }), verdict: 'translate', table,
      detail: `mapping ${table}: source ${formatEndpoint(k.src, k.srcPort, k.proto)} → ${formatEndpoint(mapping.externalIp, outPort, k.proto)}`,
    };
  }
  if (!routesToOutside()) return { packet: p, verdict: 'pass', detail: 'destination not behind an outside interface: not translated' };
  return snatDynamic(ctx, p, k);
}
