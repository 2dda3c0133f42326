/**
 * @module What a trace is: the steps a packet took through the simulated graph nodes of every
 * VPP (and the underlay), and how it ended — delivered to an endpoint, dropped with a reason, or
 * refused (the data plane answered with a TCP reset or an ICMP error).
 */
import type { Ip4 } from '../../../net/ipv4.ts';
import { formatPacket, type Packet } from './packet.ts';

/** The graph nodes a step can name. */
export type StepKind =
  | 'session-rules-local'
  | 'rx'
  | 'l2-input'
  | 'l2-fwd'
  | 'acl-input'
  | 'nat44-out2in'
  | 'nat44-in2out'
  | 'ip4-lookup'
  | 'acl-output'
  | 'nat44-in2out-output'
  | 'ip4-arp'
  | 'ip4-local'
  | 'ip4-icmp-error'
  | 'vxlan-encap'
  | 'vxlan-decap'
  | 'tx'
  | 'underlay'
  | 'gateway'
  | 'session-rules-global'
  | 'endpoint';

/** What a step decided. */
export type StepVerdict = 'permit' | 'deny' | 'translate' | 'pass' | 'forward' | 'drop' | 'refuse' | 'deliver';

/** One step of a trace. */
export interface TraceStep {
  /** Node name of the simulated VPP, or `underlay` / `gateway` / `outside` / `host:<node>`. */
  readonly node: string;
  readonly step: StepKind;
  /** What happened, for people. */
  readonly detail: string;
  /** The interface the step ran on. */
  readonly interface?: string;
  /** The ACL tag, NAT mapping, route or session-rule tag that decided. */
  readonly table?: string;
  /** Index of the rule inside `table` that decided. */
  readonly rule?: number;
  readonly verdict?: StepVerdict;
  /** The packet as the step saw it (before its own rewrite). */
  readonly packet: string;
}

/** Somebody that sends and receives packets. */
export type Endpoint =
  /** A pod behind a tap (or an app namespace of the VPP host stack) on `node`. */
  | { readonly kind: 'pod'; readonly node: string; readonly ip: Ip4; readonly interface: string }
  /** The Linux host network of `node` (host interconnect; host-network pods). */
  | { readonly kind: 'host'; readonly node: string; readonly ip: Ip4 }
  /** A host beyond the gateway. */
  | { readonly kind: 'outside'; readonly ip: Ip4 }
  /** VPP itself (an address of one of its interfaces). */
  | { readonly kind: 'vpp'; readonly node: string; readonly ip: Ip4 };

/** How a trace ended. */
export type TraceEnd =
  | { readonly kind: 'delivered'; readonly endpoint: Endpoint; readonly packet: Packet }
  | { readonly kind: 'dropped'; readonly node: string; readonly reason: string }
  /** The data plane answered with a refusal (`reply` is the RST / ICMP error, sent from `by`). */
  | { readonly kind: 'refused'; readonly node: string; readonly reason: string; readonly reply: Packet; readonly by: Origin };

/** A trace: every step and the end. */
export interface Trace {
  readonly steps: readonly TraceStep[];
  readonly end: TraceEnd;
}

/** Where a packet starts its walk. */
export type Origin =
  | { readonly kind: 'endpoint'; readonly endpoint: Endpoint; readonly enterAt?: string }
  /** Sent by VPP itself on `node` (ICMP errors, resets, echo replies), looked up in `vrf`. */
  | { readonly kind: 'vpp'; readonly node: string; readonly vrf: number };

/** Collects the steps of one walk. */
export class TraceLog {
  readonly steps: TraceStep[] = [];
  /** Appends a step; `packet` is summarised as it is now. */
  add(node: string, step: StepKind, packet: Packet, detail: string, extra: Partial<Omit<TraceStep, 'node' | 'step' | 'detail' | 'packet'>> = {}): void {
    this.steps.push({ node, step, detail, ...extra, packet: formatPacket(packet) });
  }
}

/** Short text naming an endpoint (`pod 10.1.1.2 on node1`). */
export function describeEndpoint(e: Endpoint, format: (ip: Ip4) => string): string {
  switch (e.kind) {
    case 'pod': return `pod ${format(e.ip)} on ${e.node} (${e.interface})`;
    case 'host': return `host network ${format(e.ip)} of ${e.node}`;
    case 'outside': return `outside host ${format(e.ip)}`;
    case 'vpp': return `VPP ${format(e.ip)} on ${e.node}`;
  }
}
