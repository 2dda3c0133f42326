/**
 * @module Names and MAC addresses of a pod's VPP objects, derived from its CNI container ID by
 * hashing: deterministic, the same on every restart, no global counter that can overflow, and
 * short enough for VPP tags and Linux interface names.
 */
import { createHash } from 'node:crypto';

/** Names and MACs of one pod's VPP objects. */
export interface PodNames {
  /** VPP tap interface facing the pod (`tap-<12 hex>`). */
  readonly tap: string;
  /** VPP loopback of the pod's app namespace, TCP stack only (`loop-<12 hex>`). */
  readonly loopback: string;
  /** App namespace ID, TCP stack only (`appns-<12 hex>`). */
  readonly appNamespace: string;
  /** MAC of the VPP side of the tap (`02:fe:...`, locally administered unicast). */
  readonly vppMac: string;
  /** MAC of the pod side of the tap (`02:fd:...`); VPP's static neighbour entry for the pod uses it. */
  readonly podMac: string;
}

/** Length of the hash part of the names. */
const HASH_CHARS = 12;

/** The names of a pod's VPP objects for CNI container ID `containerId`. */
export function podNames(containerId: string): PodNames {
  const hex = createHash('sha256').update(containerId).digest('hex');
  const h = hex.slice(0, HASH_CHARS);
  const macTail = `${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}:${hex.slice(6, 8)}`;
  return {
    tap: `tap-${h}`,
    loopback: `loop-${h}`,
    appNamespace: `appns-${h}`,
    vppMac: `02:fe:${macTail}`,
    podMac: `02:fd:${macTail}`,
  };
}
