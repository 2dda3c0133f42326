/** @module ipBlock arithmetic: a CIDR minus its `except` CIDRs as a list of disjoint prefixes. */
import type { Cidr } from '../net/ipv4.ts';
import { cidrCovers, cidrOverlaps, compareCidr } from '../net/ipv4.ts';

/**
 * `base` minus `except`: [] when `except` covers `base`, [base] when they are disjoint,
 * else the sibling subtrees along the path from `base` down to `except`.
 */
export function subtractCidr(base: Cidr, except: Cidr): Cidr[] {
  if (!cidrOverlaps(base, except)) return [base];
  if (cidrCovers(except, base)) return [];
  const out: Cidr[] = [];
  for (let len = base.len + 1; len <= except.len; len++) {
    const bit = 2 ** (32 - len);
    const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
    const onPath = (except.addr & mask) >>> 0;
    out.push({ addr: (onPath ^ bit) >>> 0, len });
  }
  return out;
}

/**
 * `base` minus every prefix of `excepts`, as disjoint prefixes sorted by address. At most
 * 32 prefixes per except, so the result stays linear in the input.
 * @example subtractCidrs(parseCidr('10.0.0.0/8'), [parseCidr('10.0.0.0/9')]) // → [10.128.0.0/9]
 */
export function subtractCidrs(base: Cidr, excepts: readonly Cidr[]): Cidr[] {
  let parts: Cidr[] = [base];
  for (const e of excepts) parts = parts.flatMap((p) => subtractCidr(p, e));
  return parts.sort(compareCidr);
}
