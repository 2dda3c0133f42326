/**
 * @module VPP tags: `string tag[64]` fields keep 63 characters and the terminating zero. Every
 * plugin that derives tags from names of unbounded length fits them here, so they stay distinct.
 */

/** Longest tag or name VPP stores (`string[64]` with its terminating zero). */
export const MAX_TAG_LENGTH = 63;

/** FNV-1a over UTF-16 code units, as 8 hex digits: short, stable across runs and platforms. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * Fits a tag into {@linkcode MAX_TAG_LENGTH}: too long ones keep a prefix and a hash of the whole.
 * @example fitTag('short') // → 'short'
 */
export function fitTag(tag: string): string {
  if (tag.length <= MAX_TAG_LENGTH) return tag;
  const hash = fnv1a(tag);
  return `${tag.slice(0, MAX_TAG_LENGTH - hash.length - 1)}~${hash}`;
}
