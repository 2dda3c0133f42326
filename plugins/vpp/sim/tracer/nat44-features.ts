/**
 * @module Which NAT44 node runs on an interface. Pre-routing (after the input ACL): out2in on
 * outside interfaces and on interfaces with the output feature (VPP runs out2in on their input),
 * in2out on inside interfaces, classification on interfaces that are both. Post-routing (after the
 * output ACL): in2out-output on interfaces with the output feature.
 */
import { fibLookup } from './fib.ts';
import { classifyNat, natIn2Out } from './nat44-in2out.ts';
import { natOut2In, type NatContext, type NatResult } from './nat44-out2in.ts';
import { natOutput } from './nat44-output.ts';
import type { Packet } from './packet.ts';

/** A NAT node that ran, and its outcome. */
export interface NatStep {
  readonly step: 'nat44-out2in' | 'nat44-in2out' | 'nat44-in2out-output';
  readonly result: NatResult;
}

/** Runs the pre-routing NAT node of interface `swIfIndex` (FIB table `vrf`); undefined when it has none. */
export function natPreRouting(ctx: NatContext, swIfIndex: number, vrf: number, p: Packet, node: string): NatStep | undefined {
  const nat = ctx.state.nat44;
  const output = nat.outputInterfaces.get(swIfIndex);
  if (output && !output.inside) return { step: 'nat44-out2in', result: natOut2In(ctx, p, node) };
  const f = nat.interfaces.get(swIfIndex);
  if (!f || (!f.inside && !f.outside)) return undefined;
  const direction = f.inside && f.outside ? classifyNat(ctx, p) : f.outside ? 'out2in' : 'in2out';
  if (direction === 'out2in') return { step: 'nat44-out2in', result: natOut2In(ctx, p, node) };
  const routesToOutside = () => {
    const r = fibLookup(ctx.state, vrf, p.dst);
    return r.kind === 'forward' && (nat.interfaces.get(r.swIfIndex)?.outside === true || nat.outputInterfaces.get(r.swIfIndex)?.inside === false);
  };
  return { step: 'nat44-in2out', result: natIn2Out(ctx, p, node, routesToOutside) };
}

/** Runs the post-routing NAT node of TX interface `swIfIndex`; undefined when it has none. */
export function natPostRouting(ctx: NatContext, swIfIndex: number, p: Packet): NatStep | undefined {
  const output = ctx.state.nat44.outputInterfaces.get(swIfIndex);
  if (!output || output.inside) return undefined;
  return { step: 'nat44-in2out-output', result: natOutput(ctx, p) };
}
