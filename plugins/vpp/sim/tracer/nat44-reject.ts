/**
 * @module Reject entries of service frontends (`SimNat44.rejects`): a packet entering an
 * interface that NAT44 pre-routing did not translate and whose destination matches an entry is
 * refused (TCP reset / ICMP port unreachable) or dropped, as kube-proxy does for a Service
 * without usable endpoints. The most specific entry wins (protocol, then port, over wildcards).
 */
import type { SimNatReject, SimState } from '../sim-state.ts';
import { hasPorts, isIcmpError, type Packet } from './packet.ts';

/** The reject entry that applies to `p`, if any. */
export function findReject(state: SimState, p: Packet): SimNatReject | undefined {
  const rejects = state.nat44.rejects;
  if (!rejects || rejects.length === 0 || isIcmpError(p)) return undefined;
  let best: SimNatReject | undefined;
  let bestScore = -1;
  for (const r of rejects) {
    if (r.ip !== p.dst) continue;
    if (r.protocol !== 0 && r.protocol !== p.proto) continue;
    if (r.port !== 0 && (!hasPorts(p.proto) || r.port !== p.dstPort)) continue;
    const score = (r.protocol !== 0 ? 2 : 0) + (r.port !== 0 ? 1 : 0);
    if (score > bestScore) { best = r; bestScore = score; }
  }
  return best;
}
