/**
 * @module Orientation of a renderer cache (spec §0, §4.2): the one vswitch direction all of
 * its tables are evaluated on.
 * - `egress` (ACL renderer): a local table filters traffic leaving the vswitch towards its
 *   pods; its own rules are the pods' ingress rules (peer = `src`); the global table holds
 *   every local pod's egress rules and filters traffic leaving the node.
 * - `ingress` (VPPTCP renderer): a local table filters connections its pod opens; its own
 *   rules are the pod's egress rules (peer = `dst`); the global table holds every local pod's
 *   ingress rules and filters traffic entering the node.
 */
import type { PolicyDirection } from './checked-policy.ts';
import type { PeerField } from './contiv-rule.ts';

/** Orientation of a renderer cache. */
export type Orientation = 'egress' | 'ingress';

/** Pod-view direction whose rules form the local tables ("own" rules). */
export function ownDirection(o: Orientation): PolicyDirection {
  return o === 'egress' ? 'ingress' : 'egress';
}

/** Pod-view direction combined into other pods' tables and the global table ("opposite" rules). */
export function oppositeDirection(o: Orientation): PolicyDirection {
  return o === 'egress' ? 'egress' : 'ingress';
}

/** Field naming the peer in local-table rules (and the pod itself in global-table rules). */
export function localPeerField(o: Orientation): PeerField {
  return o === 'egress' ? 'src' : 'dst';
}

/** The other field. */
export function otherField(f: PeerField): PeerField {
  return f === 'src' ? 'dst' : 'src';
}
