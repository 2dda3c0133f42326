/**
 * @module IPv4 addresses and prefixes as numbers: parsing (via ipaddr.js), formatting and
 * prefix arithmetic. Pure; shared by every networking plugin.
 */
import ipaddr from 'ipaddr.js';

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

/** Parses dotted-quad IPv4. @throws {IpParseError} */
export function parseIp4(text: string): Ip4 {
  if (!ipaddr.IPv4.isValidFourPartDecimal(text)) throw new IpParseError(text, 'an IPv4 address (a.b.c.d)');
  const o = ipaddr.IPv4.parse(text).octets;
  return ((o[0]! << 24) | (o[1]! << 16) | (o[2]! << 8) | o[3]!) >>> 0;
}

/** Whether `text` is a dotted-quad IPv4 address. */
export function isIp4(text: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(text);
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
  const addrText = slash < 0 ? text : text.slice(0, slash);
  const lenText = slash < 0 ? '32' : text.slice(slash + 1);
  if (!/^\d{1,2}$/.test(lenText) || Number(lenText) > 32) throw new IpParseError(text, 'an IPv4 CIDR (a.b.c.d/0-32)');
  if (!isIp4(addrText)) throw new IpParseError(text, 'an IPv4 CIDR (a.b.c.d/0-32)');
  const len = Number(lenText);
  return { addr: (parseIp4(addrText) & maskOf(len)) >>> 0, len };
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
