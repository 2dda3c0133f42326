/**
 * @module A simulated IPv4 packet: 5-tuple, TCP flags, ICMP type/code, TTL, the L2 destination
 * while it is switched, and the inner frame of a VXLAN packet. Packets are immutable values; a
 * graph node that rewrites one returns a new packet.
 */
import { formatIp4, type Ip4 } from '../../../net/ipv4.ts';

/** IP protocol numbers the tracer knows. */
export const IP_PROTO = { ICMP: 1, TCP: 6, UDP: 17, SCTP: 132 } as const;

/** TCP flag bits. */
export const TCP_FLAG = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10 } as const;

/** ICMP types and codes used by the tracer. */
export const ICMP = {
  ECHO_REPLY: 0,
  DEST_UNREACHABLE: 3,
  ECHO_REQUEST: 8,
  /** Codes of destination-unreachable. */
  CODE_HOST_UNREACHABLE: 1,
  CODE_PORT_UNREACHABLE: 3,
  CODE_ADMIN_PROHIBITED: 13,
} as const;

/** The addresses and ports of a flow (the header an ICMP error quotes). */
export interface FlowTuple {
  readonly src: Ip4;
  readonly dst: Ip4;
  readonly proto: number;
  readonly srcPort: number;
  readonly dstPort: number;
}

/** One packet. For ICMP echo, `srcPort` and `dstPort` both carry the echo identifier. */
export interface Packet extends FlowTuple {
  /** TCP flags (0 for other protocols). */
  readonly tcpFlags: number;
  /** ICMP type and code (ICMP only). */
  readonly icmpType?: number;
  readonly icmpCode?: number;
  /** ICMP errors: the header of the packet the error is about, as the erring hop saw it. */
  readonly quoted?: FlowTuple;
  readonly ttl: number;
  /** Destination MAC (`aa:bb:..`) while the frame is switched in a bridge domain. */
  readonly dstMac?: string;
  /** A VXLAN packet: the encapsulated frame. */
  readonly vxlan?: { readonly vni: number; readonly inner: Packet };
}

/** Default TTL of packets the endpoints send. */
export const DEFAULT_TTL = 64;

/** UDP port of VXLAN. */
export const VXLAN_PORT = 4789;

/** Whether the protocol carries ports the tracer translates and matches (TCP, UDP, SCTP). */
export function hasPorts(proto: number): boolean {
  return proto === IP_PROTO.TCP || proto === IP_PROTO.UDP || proto === IP_PROTO.SCTP;
}

/** Whether the packet is an ICMP error quoting another packet. */
export function isIcmpError(p: Packet): p is Packet & { readonly quoted: FlowTuple } {
  return p.proto === IP_PROTO.ICMP && p.quoted !== undefined;
}

/** The tuple of the reverse direction. */
export function reverseTuple(t: FlowTuple): FlowTuple {
  return { src: t.dst, dst: t.src, proto: t.proto, srcPort: t.dstPort, dstPort: t.srcPort };
}

/** Whether two tuples are equal. */
export function sameTuple(a: FlowTuple, b: FlowTuple): boolean {
  return a.src === b.src && a.dst === b.dst && a.proto === b.proto && a.srcPort === b.srcPort && a.dstPort === b.dstPort;
}

/** A deterministic hash of a flow (path choice among equal-cost routes, VXLAN entropy). */
export function flowHash(t: FlowTuple): number {
  let h = 0x811c9dc5;
  for (const v of [t.src, t.dst, t.proto, t.srcPort, t.dstPort]) {
    h = Math.imul(h ^ (v >>> 16), 0x01000193) >>> 0;
    h = Math.imul(h ^ (v & 0xffff), 0x01000193) >>> 0;
  }
  return h;
}

/** Protocol name for traces. */
export function protoName(proto: number): string {
  switch (proto) {
    case IP_PROTO.TCP: return 'TCP';
    case IP_PROTO.UDP: return 'UDP';
    case IP_PROTO.SCTP: return 'SCTP';
    case IP_PROTO.ICMP: return 'ICMP';
    default: return `proto ${proto}`;
  }
}

function tcpFlagsText(flags: number): string {
  const names: string[] = [];
  if (flags & TCP_FLAG.SYN) names.push('SYN');
  if (flags & TCP_FLAG.RST) names.push('RST');
  if (flags & TCP_FLAG.FIN) names.push('FIN');
  if (flags & TCP_FLAG.ACK) names.push('ACK');
  return names.join('-');
}

/** `a.b.c.d:port`, or the bare address for protocols without ports. */
export function formatEndpoint(ip: Ip4, port: number, proto: number): string {
  return hasPorts(proto) ? `${formatIp4(ip)}:${port}` : formatIp4(ip);
}

/** One-line summary: `10.1.1.2:40000 → 10.96.0.10:80 TCP SYN`, with VXLAN and ICMP details. */
export function formatPacket(p: Packet): string {
  let text = `${formatEndpoint(p.src, p.srcPort, p.proto)} → ${formatEndpoint(p.dst, p.dstPort, p.proto)} ${protoName(p.proto)}`;
  if (p.proto === IP_PROTO.TCP && p.tcpFlags) text += ` ${tcpFlagsText(p.tcpFlags)}`;
  if (p.proto === IP_PROTO.ICMP) text += ` type ${p.icmpType ?? 0} code ${p.icmpCode ?? 0}`;
  if (p.quoted) text += ` (about ${formatEndpoint(p.quoted.src, p.quoted.srcPort, p.quoted.proto)} → ${formatEndpoint(p.quoted.dst, p.quoted.dstPort, p.quoted.proto)})`;
  if (p.vxlan) text += ` VXLAN vni ${p.vxlan.vni} [${formatPacket(p.vxlan.inner)}]`;
  return text;
}

/** Formats a MAC held as bytes. */
export function formatMac(mac: Uint8Array): string {
  return Array.from(mac, (b) => b.toString(16).padStart(2, '0')).join(':');
}
