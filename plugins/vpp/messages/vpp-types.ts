/**
 * @module VPP's shared API types (`ip_types.api`, `interface_types.api`,
 * `ethernet_types.api`) as plain data, plus conversions to and from our IPv4 numbers.
 *
 * Addresses keep VPP's shape (`address { af, un }`, `prefix { address, len }`) so a socket
 * codec driven by `.api.json` can map them field by field; byte arrays are number tuples so
 * messages stay JSON-serialisable (transaction history, `/vpp/state`).
 */
import { formatIp4, maskOf, parseIp4, type Cidr, type Ip4 } from '../../net/ipv4.ts';

/** `~0` as a u32: "any", "none" or "allocate one" depending on the field (VPP's convention). */
export const U32_MAX = 0xffffffff;

/** A reply that carries only `retval` (VPP's `autoreply define`). */
export interface RetvalReply<N extends string> {
  readonly _msgname: N;
  readonly retval: number;
}

/** `interface_index` (u32). */
export type InterfaceIndex = number;

/** `ip4_address` (u8[4]), network order. */
export type Ip4Address = readonly [number, number, number, number];

/** `ip6_address` (u8[16]). */
export type Ip6Address = readonly number[];

/** `mac_address` (u8[6]). */
export type MacAddress = readonly [number, number, number, number, number, number];

/** `enum address_family`. */
export const AddressFamily = { ADDRESS_IP4: 0, ADDRESS_IP6: 1 } as const;
/** Value of {@linkcode AddressFamily}. */
export type AddressFamily = (typeof AddressFamily)[keyof typeof AddressFamily];

/** `union address_union`: `ip4` when `af` is IPv4, `ip6` otherwise. */
export interface AddressUnion {
  readonly ip4?: Ip4Address;
  readonly ip6?: Ip6Address;
}

/** `typedef address`. */
export interface Address {
  readonly af: AddressFamily;
  readonly un: AddressUnion;
}

/** `typedef prefix` (also `address_with_prefix`, an alias VPP uses for interface addresses). */
export interface Prefix {
  readonly address: Address;
  readonly len: number;
}

/** `typedef ip4_prefix` (also `ip4_address_with_prefix`). */
export interface Ip4Prefix {
  readonly address: Ip4Address;
  readonly len: number;
}

/** `typedef ip6_prefix` (also `ip6_address_with_prefix`). */
export interface Ip6Prefix {
  readonly address: Ip6Address;
  readonly len: number;
}

/** `enum if_status_flags` (a bit set). */
export const IfStatusFlags = { IF_STATUS_API_FLAG_ADMIN_UP: 1, IF_STATUS_API_FLAG_LINK_UP: 2 } as const;

/** `enum if_type`. */
export const IfType = { IF_API_TYPE_HARDWARE: 0, IF_API_TYPE_SUB: 1, IF_API_TYPE_P2P: 2, IF_API_TYPE_PIPE: 3 } as const;
/** Value of {@linkcode IfType}. */
export type IfType = (typeof IfType)[keyof typeof IfType];

/** `enum link_duplex`. */
export const LinkDuplex = { LINK_DUPLEX_API_UNKNOWN: 0, LINK_DUPLEX_API_HALF: 1, LINK_DUPLEX_API_FULL: 2 } as const;
/** Value of {@linkcode LinkDuplex}. */
export type LinkDuplex = (typeof LinkDuplex)[keyof typeof LinkDuplex];

/** `enum ip_proto` (the members VPP names; any IANA number is valid on the wire). */
export const IpProto = {
  IP_API_PROTO_HOPOPT: 0,
  IP_API_PROTO_ICMP: 1,
  IP_API_PROTO_TCP: 6,
  IP_API_PROTO_UDP: 17,
  IP_API_PROTO_SCTP: 132,
} as const;

/** The IPv4 number as `ip4_address` bytes. */
export function ip4Bytes(ip: Ip4): Ip4Address {
  return [(ip >>> 24) & 255, (ip >>> 16) & 255, (ip >>> 8) & 255, ip & 255];
}

/** `ip4_address` bytes as our IPv4 number. */
export function ip4FromBytes(b: Ip4Address): Ip4 {
  return ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0;
}

/** An IPv4 `address` from a number or dotted quad. */
export function ip4Address(ip: Ip4 | string): Address {
  return { af: AddressFamily.ADDRESS_IP4, un: { ip4: ip4Bytes(typeof ip === 'string' ? parseIp4(ip) : ip) } };
}

/** The IPv4 number of an `address`, or undefined when it is IPv6 (or malformed). */
export function addressToIp4(a: Address): Ip4 | undefined {
  return a.af === AddressFamily.ADDRESS_IP4 && a.un.ip4 !== undefined ? ip4FromBytes(a.un.ip4) : undefined;
}

/** An IPv4 `prefix` from a CIDR (host bits are kept as given: interface addresses need them). */
export function ip4Prefix(addr: Ip4 | string, len: number): Prefix {
  return { address: ip4Address(addr), len };
}

/** An IPv4 `prefix` from `a.b.c.d/len` text (host bits kept). */
export function prefixFromText(text: string): Prefix {
  const slash = text.indexOf('/');
  return slash < 0 ? ip4Prefix(text, 32) : ip4Prefix(text.slice(0, slash), Number(text.slice(slash + 1)));
}

/** `a.b.c.d/len` of an IPv4 `prefix`; undefined for IPv6. */
export function prefixToText(p: Prefix): string | undefined {
  const ip = addressToIp4(p.address);
  return ip === undefined ? undefined : `${formatIp4(ip)}/${p.len}`;
}

/** The prefix as our CIDR with host bits masked off; undefined for IPv6. */
export function prefixToCidr(p: Prefix): Cidr | undefined {
  const ip = addressToIp4(p.address);
  return ip === undefined ? undefined : { addr: (ip & maskOf(p.len)) >>> 0, len: p.len };
}

/** `aa:bb:cc:dd:ee:ff` as `mac_address`. @throws {RangeError} when the text is not a MAC. */
export function macFromText(text: string): MacAddress {
  const parts = text.split(':');
  if (parts.length !== 6 || parts.some((p) => !/^[0-9a-fA-F]{2}$/.test(p))) throw new RangeError(`"${text}" is not a MAC address`);
  const b = parts.map((p) => parseInt(p, 16));
  return [b[0]!, b[1]!, b[2]!, b[3]!, b[4]!, b[5]!];
}

/** `mac_address` as `aa:bb:cc:dd:ee:ff`. */
export function macToText(mac: MacAddress | Uint8Array): string {
  return Array.from(mac, (b) => b.toString(16).padStart(2, '0')).join(':');
}

/** The all-zero MAC (VPP reads it as "not given"). */
export const ZERO_MAC: MacAddress = [0, 0, 0, 0, 0, 0];
