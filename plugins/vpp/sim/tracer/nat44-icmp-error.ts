/**
 * @module NAT44 for the ICMP errors VPP itself sends about a packet NAT translated on the same
 * node (the packet then hit an unreachable route, e.g. a service frontend's sink): the error is
 * translated back through that packet's session, so it quotes what the client sent and reaches
 * it as a refusal of its connection. VPP 22.10 sends `ip4-icmp-error` output straight to
 * `ip4-lookup`; only an interface with the output feature (`nat44-ed-in2out-output`) would
 * translate it there — see docs/vpp-tracer.md, "Simplifications and deviations".
 */
import type { NatContext, NatResult } from './nat44-out2in.ts';
import { findIn2OutSession, natKey, withNatKey } from './nat44-sessions.ts';
import { formatEndpoint, isIcmpError, type Packet } from './packet.ts';

/** The translation of `p` (an ICMP error VPP sends) through the session of the flow it quotes; undefined when there is none. */
export function natOwnIcmpError(ctx: NatContext, p: Packet): NatResult | undefined {
  if (!isIcmpError(p)) return undefined;
  const k = natKey(p);
  const s = findIn2OutSession(ctx.state, k, ctx.now);
  if (!s) return undefined;
  s.lastHeard = ctx.now;
  const packet = withNatKey(p, { ...k, src: s.outIp, srcPort: s.outPort, dst: s.extIp, dstPort: s.extPort });
  const was = formatEndpoint(k.src, k.srcPort, k.proto);
  const now = formatEndpoint(s.outIp, s.outPort, k.proto);
  return { packet, verdict: 'translate', detail: `session ${s.id}: ICMP error about ${was} translated back to ${now}` };
}
