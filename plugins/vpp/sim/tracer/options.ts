/** @module Tunables of the tracer: session timeouts and the hop budget, with VPP's defaults. */
import type { SimState } from '../sim-state.ts';
import { IP_PROTO } from './packet.ts';

/** Options of the tracer. */
export interface TracerOptions {
  /**
   * Idle timeouts of ACL reflect sessions, in seconds (the ACL plugin's defaults).
   * @default { tcp: 86400, udp: 600, other: 600 }
   */
  readonly aclTimeouts?: { readonly tcp: number; readonly udp: number; readonly other: number };
  /** Most hand-overs (interfaces, segments, taps) one walk may take before it is dropped. @default 512 */
  readonly maxHops?: number;
}

/** VPP's NAT44 default timeouts in seconds (`nat_set_timeouts`). */
export const NAT_DEFAULT_TIMEOUTS = { udp: 300, tcpEstablished: 7440, tcpTransitory: 240, icmp: 60 } as const;

/** The ACL plugin's default idle timeouts in seconds. */
export const ACL_DEFAULT_TIMEOUTS = { tcp: 86400, udp: 600, other: 600 } as const;

/** Idle timeout of a NAT session of `proto` on `state`, in ms (TCP sessions count as established). */
export function natTimeoutMs(state: SimState, proto: number): number {
  const t = state.nat44.timeouts ?? NAT_DEFAULT_TIMEOUTS;
  const s = proto === IP_PROTO.TCP ? t.tcpEstablished : proto === IP_PROTO.ICMP ? t.icmp : t.udp;
  return s * 1000;
}

/** Idle timeout of an ACL session of `proto`, in ms. */
export function aclTimeoutMs(options: TracerOptions, proto: number): number {
  const t = options.aclTimeouts ?? ACL_DEFAULT_TIMEOUTS;
  const s = proto === IP_PROTO.TCP ? t.tcp : proto === IP_PROTO.UDP ? t.udp : t.other;
  return s * 1000;
}
