/** @module IP protocols as policy rules know them: TCP, UDP, SCTP, or any protocol. */
import type { Protocol } from '../ksr/model.ts';

/** A concrete transport protocol of a policy port (IP protocol number). */
export type ConcreteProto = 6 | 17 | 132;

/** A rule protocol: a concrete one, or 0 = every IP protocol (ICMP included). */
export type Proto = 0 | ConcreteProto;

/** Every IP protocol (a policy rule without ports). */
export const ANY_PROTO = 0;
/** TCP. */
export const TCP = 6;
/** UDP. */
export const UDP = 17;
/** SCTP. */
export const SCTP = 132;

/** The concrete protocols, in rule order. */
export const CONCRETE_PROTOS: readonly ConcreteProto[] = [TCP, UDP, SCTP];

/** The IP protocol number of a Kubernetes protocol name. */
export function protoOf(p: Protocol): ConcreteProto {
  return p === 'TCP' ? TCP : p === 'UDP' ? UDP : SCTP;
}

/**
 * Rank in the rule order (spec §3.5 extended): TCP, UDP, SCTP, then "any" last, so a
 * protocol-specific rule always precedes a rule it is a subset of.
 */
export function protoRank(p: Proto): number {
  return p === TCP ? 0 : p === UDP ? 1 : p === SCTP ? 2 : 3;
}

/** `TCP`, `UDP`, `SCTP` or `ANY`. */
export function formatProto(p: Proto): string {
  return p === TCP ? 'TCP' : p === UDP ? 'UDP' : p === SCTP ? 'SCTP' : 'ANY';
}
