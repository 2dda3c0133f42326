/**
 * @module NAT44 post-routing (the output feature, `nat44-in2out-output`) on the TX interface:
 * packets that a session already translated pass; an in2out session translates; identity-mapped
 * sources (e.g. the node's VXLAN endpoint, UDP 4789) are not translated; a static mapping by local
 * translates statically; anything else is source-NATed dynamically to a pool address and port.
 */
import { formatIp4 } from '../../../net/ipv4.ts';
import { findIdentityMapping, findMappingByLocal, natMappingName } from './nat44-mappings.ts';
import type { NatContext, NatResult } from './nat44-out2in.ts';
import { addNatSession, allocateNatPort, findIn2OutSession, findTranslatedReplySession, natKey, withNatKey } from './nat44-sessions.ts';
import { formatEndpoint, hasPorts, isIcmpError, type FlowTuple, type Packet } from './packet.ts';

/** Dynamic source NAT of `p` (key `k`) to the first pool address and the lowest free port. */
export function snatDynamic(ctx: NatContext, p: Packet, k: FlowTuple): NatResult {
  const pool = ctx.state.nat44.addresses.find((a) => !a.twiceNat);
  if (!pool) return { packet: p, verdict: 'drop', detail: 'NAT44: no address in the pool for dynamic translation' };
  const outPort = hasPorts(k.proto) ? allocateNatPort(ctx.state, pool.ip, k.proto, ctx.now) : k.srcPort;
  if (outPort === undefined) return { packet: p, verdict: 'drop', detail: `NAT44: out of ports on ${formatIp4(pool.ip)}` };
  const s = addNatSession(ctx.state, {
    protocol: k.proto, inIp: k.src, inPort: k.srcPort, outIp: pool.ip, outPort,
    extIp: k.dst, extPort: k.dstPort, isStatic: false, twiceNat: false,
  }, ctx.now);
  return {
    packet: withNatKey(p, { ...k, src: pool.ip, srcPort: outPort }), verdict: 'translate',
    detail: `dynamic SNAT (session ${s.id}): source ${formatEndpoint(k.src, k.srcPort, k.proto)} → ${formatEndpoint(pool.ip, outPort, k.proto)}`,
  };
}

/** Runs the output feature on `p` leaving an interface that has it (outside). */
export function natOutput(ctx: NatContext, p: Packet): NatResult {
  const k = natKey(p);
  const done = findTranslatedReplySession(ctx.state, k, ctx.now);
  if (done) {
    done.lastHeard = ctx.now;
    return { packet: p, verdict: 'pass', detail: `already translated by session ${done.id}` };
  }
  const s = findIn2OutSession(ctx.state, k, ctx.now);
  if (s) {
    s.lastHeard = ctx.now;
    return {
      packet: withNatKey(p, { ...k, src: s.outIp, srcPort: s.outPort, dst: s.extIp, dstPort: s.extPort }), verdict: 'translate',
      detail: `session ${s.id}: source ${formatEndpoint(k.src, k.srcPort, k.proto)} → ${formatEndpoint(s.outIp, s.outPort, k.proto)}`,
    };
  }
  if (isIcmpError(p)) return { packet: p, verdict: 'pass', detail: 'ICMP error without a session: not translated' };
  const identity = findIdentityMapping(ctx.state, k.src, k.proto, k.srcPort);
  if (identity) {
    return { packet: p, verdict: 'pass', table: identity.tag || undefined, detail: `identity mapping ${identity.tag || formatEndpoint(k.src, k.srcPort, k.proto)}: not translated` };
  }
  const byLocal = findMappingByLocal(ctx.state, k);
  if (byLocal) {
    const { mapping } = byLocal;
    const outPort = mapping.addrOnly ? k.srcPort : mapping.externalPort;
    addNatSession(ctx.state, {
      protocol: k.proto, inIp: k.src, inPort: k.srcPort, outIp: mapping.externalIp, outPort,
      extIp: k.dst, extPort: k.dstPort, isStatic: true, twiceNat: false,
    }, ctx.now);
    const table = natMappingName(mapping);
    return {
      packet: withNatKey(p, { ...k, src: mapping.externalIp, srcPort: outPort }), verdict: 'translate', table,
      detail: `mapping ${table}: source → ${formatEndpoint(mapping.externalIp, outPort, k.proto)}`,
    };
  }
  return snatDynamic(ctx, p, k);
}
