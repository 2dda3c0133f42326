/**
 * @module Tags of the NAT44 values the service plugin exports: `svc:<ns>/<name>:<port>`, kept
 * within VPP's 64-byte tag field (63 characters and the terminating zero).
 */
import { fitTag } from '../vpp/vpp-tag.ts';

/** Prefix of every tag the service plugin writes. */
export const SERVICE_TAG_PREFIX = 'svc:';

/**
 * The tag of a service port's NAT44 values (mappings and rejects).
 * @example servicePortTag('default', 'web', 80) // → 'svc:default/web:80'
 */
export function servicePortTag(namespace: string, name: string, port: number): string {
  return fitTag(`${SERVICE_TAG_PREFIX}${namespace}/${name}:${port}`);
}

/** The tag of values that belong to a whole Service (the cluster IP's catch-all reject). */
export function serviceTag(namespace: string, name: string): string {
  return fitTag(`${SERVICE_TAG_PREFIX}${namespace}/${name}`);
}

/** Tag of the identity mapping that keeps the VXLAN port out of dynamic SNAT. */
export const VXLAN_IDENTITY_TAG = 'snat:vxlan';
