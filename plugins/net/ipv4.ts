/**
 * @module IPv4 addresses and prefixes as numbers: parsing (strict dotted quads), formatting and
 * prefix arithmetic. Pure; shared by every networking plugin.
 */

/** An IPv4 address as an unsigned 32-bit integer. */
export type Ip4 = number;

/** An IPv4 prefix: network address (host bits zero) and length. */
export interface Cidr {
  readonly addr: Ip4;
  readonly len: number;
}

/** Thrown when an address or prefix does not parse. */
export class IpParseError extends Error {
  constructor(readonly input: string, readonly expected: string) {
    super(`"${input}" is not ${expected}`);
    this.name = 'IpParseError';
  }
}

/** Netmask of a prefix length as a uint32. */
export function maskOf(len: number): number {
  return len <= 0 ? 0 : len >= 32 ? 0xffffffff : (0xffffffff << (32 - len)) >>> 0;
}

/**
 * Scans `text[from, to)` as a strict dotted quad (ipaddr.js `isValidFourPartDecimal`: four
 * decimal parts 0-255 without leading zeros); returns the address or -1. A hand-written scanner:
 * the agent parses every pod IP and every ACL rule's prefixes, and regex-based parsing
 * dominated the reconciler's profile.
 */
function scanIp4(text: string, from: number, to: number): number {
  let addr = 0;
  let parts = 0;
  let i = from;
  for (;;) {
    if (i >= to) return -1;
    const first = text.charCodeAt(i);
    if (first < 48 || first > 57) return -1;
    let part = first - 48;
    i++;
    if (first !== 48) {
      while (i < to) {
        const c = text.charCodeAt(i);
        if (c < 48 || c > 57) break;
        part = part * 10 + (c - 48);
        if (part > 255) return -1;
        i++;
      }
    }
    addr = addr * 256 + part;
    parts++;
    if (parts === 4) return i === to ? addr : -1;
    if (i >= to || text.charCodeAt(i) !== 46) return -1;
    i++;
  }
}

/** Parses dotted-quad IPv4. @throws {IpParseError} */
export function parseIp4(text: string): Ip4 {
  const ip = scanIp4(text, 0, text.length);
  if (ip < 0) throw new IpParseError(text, 'an IPv4 address (a.b.c.d)');
  return ip;
}

/** Whether `text` is a dotted-quad IPv4 address. */
export function isIp4(text: string): boolean {
  return scanIp4(text, 0, text.length) >= 0;
}

/** Formats a uint32 as dotted quad. */
export function formatIp4(ip: Ip4): string {
  return `${ip >>> 24}.${(ip >>> 16) & 255}.${(ip >>> 8) & 255}.${ip & 255}`;
}

/**
 * Parses `a.b.c.d/len` (or a bare address as /32). Host bits are masked off, as
 * Kubernetes does for ipBlock CIDRs. @throws {IpParseError}
 */
export function parseCidr(text: string): Cidr {
  const slash = text.indexOf('/');
  let len = 32;
  if (slash >= 0) {
    // One or two decimal digits, at most 32.
    const n = text.length - slash - 1;
    const d0 = text.charCodeAt(slash + 1) - 48;
    const d1 = n === 2 ? text.charCodeAt(slash + 2) - 48 : 0;
    if (n < 1 || n > 2 || d0 < 0 || d0 > 9 || d1 < 0 || d1 > 9) throw new IpParseError(text, 'an IPv4 CIDR (a.b.c.d/0-32)');
    len = n === 2 ? d0 * 10 + d1 : d0;
    if (len > 32) throw new IpParseError(text, 'an IPv4 CIDR (a.b.c.d/0-32)');
  }
  const ip = scanIp4(text, 0, slash < 0 ? text.length : slash);
  if (ip < 0) throw new IpParseError(text, 'an IPv4 CIDR (a.b.c.d/0-32)');
  return { addr: (ip & maskOf(len)) >>> 0, len };
}

/** Parses an address with its prefix (`192.168.16.1/24`) keeping the host bits. @throws {IpParseError} */
export function parseIfAddress(text: string): { readonly ip: Ip4; readonly len: number } {
  const c = parseCidr(text);
  const ip = parseIp4(text.includes('/') ? text.slice(0, text.indexOf('/')) : text);
  return { ip, len: c.len };
}

/** Formats a prefix as `a.b.c.d/len`. */
export function formatCidr(c: Cidr): string {
  return `${formatIp4(c.addr)}/${c.len}`;
}

/** Whether `c` contains address `ip`. */
export function cidrContains(c: Cidr, ip: Ip4): boolean {
  return ((ip & maskOf(c.len)) >>> 0) === c.addr;
}

/** Whether `outer` contains all of `inner`. */
export function cidrCovers(outer: Cidr, inner: Cidr): boolean {
  return outer.len <= inner.len && cidrContains(outer, inner.addr);
}

/** Whether two prefixes share any address. */
export function cidrOverlaps(a: Cidr, b: Cidr): boolean {
  return cidrCovers(a, b) || cidrCovers(b, a);
}

/** The prefix `0.0.0.0/0`. */
export const ANY_CIDR: Cidr = { addr: 0, len: 0 };

/** The host prefix (/32) of an address. */
export function hostCidr(ip: Ip4): Cidr {
  return { addr: ip >>> 0, len: 32 };
}

/** Last address of a prefix (broadcast for len < 31). */
export function lastAddress(c: Cidr): Ip4 {
  return (c.addr | (~maskOf(c.len) >>> 0)) >>> 0;
}

/** Number of addresses in a prefix. */
export function cidrSize(c: Cidr): number {
  return 2 ** (32 - c.len);
}

/** Compares prefixes by address then length (for deterministic sorting). */
export function compareCidr(a: Cidr, b: Cidr): number {
  return a.addr - b.addr || a.len - b.len;
}
