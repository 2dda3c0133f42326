/**
 * @module The state of one walk (a packet's way through the world) and the hand-over points
 * between graph stages: where the packet goes next, or how its walk ended.
 */
import type { Ip4 } from '../../../net/ipv4.ts';
import type { UnderlayNode, UnderlaySegment } from '../underlay.ts';
import type { Packet } from './packet.ts';
import type { Origin, TraceEnd, TraceLog } from './trace.ts';
import type { SimWorld } from './world.ts';

/** One walk. */
export interface Walk {
  readonly world: SimWorld;
  readonly log: TraceLog;
  /** Simulated time of the walk (ms). */
  readonly now: number;
  /** The packet opens a connection (session rules are consulted only then). */
  readonly opening: boolean;
}

/** Where the packet goes next. */
export type Next =
  | { readonly at: 'end'; readonly end: TraceEnd }
  /** Arrives at a VPP interface (from a wire, a tap's host side, or VXLAN decapsulation). */
  | { readonly at: 'rx'; readonly node: UnderlayNode; readonly swIfIndex: number; readonly packet: Packet }
  /** Sent by VPP itself on `node` (host stack, ICMP, VXLAN encapsulation): enters ip4-lookup in `vrf`. */
  | { readonly at: 'vpp-send'; readonly node: UnderlayNode; readonly vrf: number; readonly packet: Packet }
  /** Put on an underlay segment towards the owner of `nextHop`. */
  | { readonly at: 'segment'; readonly segment: UnderlaySegment; readonly nextHop: Ip4; readonly packet: Packet }
  /** Leaves a tap towards its host side (a pod, or the node's host network). */
  | { readonly at: 'tap-host'; readonly node: UnderlayNode; readonly swIfIndex: number; readonly packet: Packet }
  /** Reaches the gateway router (from a segment, or from an outside host). */
  | { readonly at: 'gateway'; readonly packet: Packet; readonly enterAt?: string };

/** Ends a walk with a drop at `node`. */
export function dropped(node: string, reason: string): Next {
  return { at: 'end', end: { kind: 'dropped', node, reason } };
}

/** Ends a walk with a refusal sent back from `by`. */
export function refused(node: string, reason: string, reply: Packet, by: Origin): Next {
  return { at: 'end', end: { kind: 'refused', node, reason, reply, by } };
}
