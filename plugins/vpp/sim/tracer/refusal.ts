/**
 * @module How a refusal looks on the wire: a TCP reset from the refused endpoint, or an ICMP
 * destination-unreachable that quotes the refused packet. Both travel back to the client through
 * the same graph (ACL sessions and NAT sessions of the flow apply to them); the client counts the
 * connection as refused only if the answer reaches it.
 */
import type { Ip4 } from '../../../net/ipv4.ts';
import { DEFAULT_TTL, ICMP, IP_PROTO, TCP_FLAG, type Packet } from './packet.ts';

/** A TCP RST+ACK answering `p` from its destination. */
export function tcpReset(p: Packet): Packet {
  return { src: p.dst, dst: p.src, proto: IP_PROTO.TCP, srcPort: p.dstPort, dstPort: p.srcPort, tcpFlags: TCP_FLAG.RST | TCP_FLAG.ACK, ttl: DEFAULT_TTL };
}

/** An ICMP destination-unreachable with `code`, sent by `from` about `p`. */
export function icmpUnreachable(from: Ip4, p: Packet, code: number): Packet {
  return {
    src: from, dst: p.src, proto: IP_PROTO.ICMP, srcPort: 0, dstPort: 0, tcpFlags: 0,
    icmpType: ICMP.DEST_UNREACHABLE, icmpCode: code, ttl: DEFAULT_TTL,
    quoted: { src: p.src, dst: p.dst, proto: p.proto, srcPort: p.srcPort, dstPort: p.dstPort },
  };
}

/** What an endpoint with no listener answers: a reset for TCP, ICMP port unreachable otherwise. */
export function noListenerAnswer(p: Packet): Packet {
  return p.proto === IP_PROTO.TCP ? tcpReset(p) : icmpUnreachable(p.dst, p, ICMP.CODE_PORT_UNREACHABLE);
}
