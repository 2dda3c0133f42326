/**
 * @module NatClaim: one desired NAT44 value an owner (a Service, or the node's base config)
 * wants, with the slot it occupies, so that two owners wanting the same frontend are noticed.
 */
import type { Protocol } from '../ksr/model.ts';
import type { NatProtocol, VppValue } from '../vpp/model.ts';

/** A desired value and the slot it occupies. */
export interface NatClaim {
  /**
   * What the value occupies: `<proto>/<ip>/<port>` for a frontend (a mapping, a reject or an
   * identity mapping — VPP allows one of them per external endpoint), `0/<ip>/0` for a
   * whole-address reject, the key itself for anything else.
   */
  readonly slot: string;
  /** Its key in the VPP desired state (`vppKeys`). */
  readonly key: string;
  readonly value: VppValue;
}

/** VPP's (IP) protocol number of a Kubernetes protocol. */
export const NAT_PROTOCOL: Readonly<Record<Protocol, NatProtocol>> = { TCP: 6, UDP: 17, SCTP: 132 };

/** The slot of a frontend endpoint (protocol 0 / port 0 = the whole address). */
export function frontendSlot(protocol: number, ip: string, port: number): string {
  return `${protocol}/${ip}/${port}`;
}
