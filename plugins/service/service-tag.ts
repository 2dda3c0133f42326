/**
 * @module Tags of the NAT44 values the service plugin exports: `svc:<ns>/<name>:<port>`, kept
 * within VPP's 64-byte tag field (63 characters and the terminating zero).
 */

/** Longest tag VPP stores (`string tag[64]` with its terminating zero). */
export const MAX_TAG_LENGTH = 63;

/** Prefix of every tag the service plugin writes. */
export const SERVICE_TAG_PREFIX = 'svc:';

/** FNV-1a over UTF-16 code units, as 8 hex digits: short, stable across runs and platforms. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** Fits a tag into {@linkcode MAX_TAG_LENGTH}: too long ones keep a prefix and a hash of the whole. */
export function fitTag(tag: string): string {
  if (tag.length <= MAX_TAG_LENGTH) return tag;
  const hash = fnv1a(tag);
  return `${tag.slice(0, MAX_TAG_LENGTH - hash.length - 1)}~${hash}`;
}

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
