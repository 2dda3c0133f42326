/**
 * @module A connection probe: the opening packet (TCP SYN, or a UDP / SCTP request) from a pod,
 * a node's host network or an outside host to an address and port; if it is delivered, the
 * answer (SYN-ACK / response) from whoever received it, back through the same graph (ACL reflect
 * sessions and NAT sessions apply). A refusal (TCP reset or ICMP unreachable, from the data plane
 * or from an endpoint that does not listen) is walked back the same way. The connection is allowed
 * only if the answer reaches the client from the address and port it connected to.
 */
import { formatIp4, type Ip4 } from '../../../net/ipv4.ts';
import { podInterface } from './endpoints.ts';
import { DEFAULT_TTL, formatEndpoint, IP_PROTO, isIcmpError, TCP_FLAG, type Packet } from './packet.ts';
import { noListenerAnswer } from './refusal.ts';
import { describeEndpoint, type Endpoint, type Origin, type Trace } from './trace.ts';
import { walk } from './tracer.ts';
import type { SimWorld } from './world.ts';

/** Protocols a probe can use. */
export type ProbeProtocol = 'TCP' | 'UDP' | 'SCTP';

/** Who sends the probe. */
export type ProbeSource =
  | { readonly kind: 'pod'; readonly node: string; readonly ip: Ip4 }
  /** The node's host network; `ip` defaults to the host side of the host interconnect. */
  | { readonly kind: 'host'; readonly node: string; readonly ip?: Ip4 }
  /** A host beyond the gateway; `enterAt` names the node where its traffic enters the cluster. */
  | { readonly kind: 'outside'; readonly ip: Ip4; readonly enterAt?: string };

/** A probe. */
export interface ProbeRequest {
  readonly from: ProbeSource;
  /** Destination address (pod IP, service IP, node address, outside address). */
  readonly to: Ip4;
  readonly protocol: ProbeProtocol;
  readonly dstPort: number;
  /** Client port. @default a fresh ephemeral port of the world */
  readonly srcPort?: number;
}

/** An address and port. */
export interface IpPort {
  readonly ip: Ip4;
  readonly port: number;
}

/** The verdict of a probe and both traces. */
export interface ProbeResult {
  readonly allowed: boolean;
  /** Why it failed: refused (reset / ICMP unreachable reached the client) or dropped. */
  readonly failure?: 'refused' | 'dropped';
  /** One line for people. */
  readonly reason: string;
  /** The client port used. */
  readonly srcPort: number;
  readonly forward: Trace;
  /** The answer's trace (response, reset or ICMP error), if there was one. */
  readonly reply?: Trace;
  /** Who received the opening packet. */
  readonly deliveredTo?: Endpoint;
  /** Address and port the receiver was reached on (after DNAT). */
  readonly backend?: IpPort;
  /** Source address and port the receiver saw (after SNAT / twice-NAT). */
  readonly sourceSeenByBackend?: IpPort;
  /** Source of the answer as it reached the client. */
  readonly replySource?: IpPort;
}

const PROTO: Record<ProbeProtocol, number> = { TCP: IP_PROTO.TCP, UDP: IP_PROTO.UDP, SCTP: IP_PROTO.SCTP };

function sourceEndpoint(world: SimWorld, from: ProbeSource): Endpoint | string {
  if (from.kind === 'outside') return { kind: 'outside', ip: from.ip };
  const node = world.underlay.node(from.node);
  if (!node) return `unknown node ${from.node}`;
  if (from.kind === 'host') {
    const ip = from.ip ?? world.underlay.hostAddresses(node)[0];
    return ip === undefined ? `${from.node} has no host network address` : { kind: 'host', node: from.node, ip };
  }
  const itf = podInterface(node, from.ip);
  return itf ? { kind: 'pod', node: from.node, ip: from.ip, interface: itf.name } : `no pod ${formatIp4(from.ip)} on ${from.node}`;
}

function sameEndpoint(a: Endpoint, b: Endpoint): boolean {
  if (a.kind !== b.kind || a.ip !== b.ip) return false;
  return a.kind === 'outside' || b.kind === 'outside' || a.node === b.node;
}

function originOf(e: Endpoint, enterAt?: string): Origin {
  return { kind: 'endpoint', endpoint: e, ...(enterAt !== undefined ? { enterAt } : {}) };
}

/** Whether answer `p` (delivered to `client`) belongs to the connection `syn` opened. */
function answersConnection(p: Packet, syn: Packet): boolean {
  if (isIcmpError(p)) {
    const q = p.quoted;
    return q.src === syn.src && q.srcPort === syn.srcPort && q.dst === syn.dst && q.dstPort === syn.dstPort && q.proto === syn.proto;
  }
  return p.proto === syn.proto && p.src === syn.dst && p.srcPort === syn.dstPort && p.dst === syn.src && p.dstPort === syn.srcPort;
}

function refusal(world: SimWorld, client: Endpoint, syn: Packet, answer: Packet, by: Origin, why: string, base: Omit<ProbeResult, 'allowed' | 'reason'>): ProbeResult {
  const reply = walk(world, by, answer);
  const end = reply.end;
  if (end.kind === 'delivered' && sameEndpoint(end.endpoint, client) && answersConnection(end.packet, syn)) {
    return { ...base, allowed: false, failure: 'refused', reason: `refused: ${why}`, reply };
  }
  const lost = end.kind === 'delivered' ? `it reached ${describeEndpoint(end.endpoint, formatIp4)} instead` : end.reason;
  return { ...base, allowed: false, failure: 'dropped', reason: `${why}, but the refusal did not reach the client: ${lost}`, reply };
}

/**
 * Probes a connection in `world` at the world clock's time.
 * @example probe(world, { from: { kind: 'pod', node: 'node1', ip }, to: vip, protocol: 'TCP', dstPort: 80 })
 */
export function probe(world: SimWorld, req: ProbeRequest): ProbeResult {
  const proto = PROTO[req.protocol];
  const srcPort = req.srcPort ?? world.ephemeralPort();
  const client = sourceEndpoint(world, req.from);
  const syn: Packet = {
    src: typeof client === 'string' ? 0 : client.ip, dst: req.to, proto, srcPort, dstPort: req.dstPort,
    tcpFlags: proto === IP_PROTO.TCP ? TCP_FLAG.SYN : 0, ttl: DEFAULT_TTL,
  };
  if (typeof client === 'string') {
    const forward: Trace = { steps: [], end: { kind: 'dropped', node: 'probe', reason: client } };
    return { allowed: false, failure: 'dropped', reason: client, srcPort, forward };
  }
  const forward = walk(world, originOf(client, req.from.kind === 'outside' ? req.from.enterAt : undefined), syn, { opening: true });
  const end = forward.end;
  if (end.kind === 'dropped') return { allowed: false, failure: 'dropped', reason: end.reason, srcPort, forward };
  if (end.kind === 'refused') return refusal(world, client, syn, end.reply, end.by, end.reason, { srcPort, forward });
  const seen = end.packet;
  const base = {
    srcPort, forward, deliveredTo: end.endpoint,
    backend: { ip: seen.dst, port: seen.dstPort }, sourceSeenByBackend: { ip: seen.src, port: seen.srcPort },
  };
  const receiver = describeEndpoint(end.endpoint, formatIp4);
  if (!world.listening(end.endpoint, proto, seen.dstPort)) {
    return refusal(world, client, syn, noListenerAnswer(seen), originOf(end.endpoint), `${receiver} does not listen on ${req.protocol} ${seen.dstPort}`, base);
  }
  const answer: Packet = {
    src: seen.dst, dst: seen.src, proto, srcPort: seen.dstPort, dstPort: seen.srcPort,
    tcpFlags: proto === IP_PROTO.TCP ? TCP_FLAG.SYN | TCP_FLAG.ACK : 0, ttl: DEFAULT_TTL,
  };
  const reply = walk(world, originOf(end.endpoint), answer);
  const r = reply.end;
  if (r.kind !== 'delivered') {
    return { ...base, allowed: false, failure: 'dropped', reason: `reached ${receiver}, but its answer was ${r.kind}: ${r.reason}`, reply };
  }
  const replySource = { ip: r.packet.src, port: r.packet.srcPort };
  const from = formatEndpoint(r.packet.src, r.packet.srcPort, proto);
  if (!sameEndpoint(r.endpoint, client)) {
    return { ...base, replySource, allowed: false, failure: 'dropped', reason: `the answer of ${receiver} went to ${describeEndpoint(r.endpoint, formatIp4)}, not to the client`, reply };
  }
  if (!answersConnection(r.packet, syn)) {
    const expected = formatEndpoint(syn.dst, syn.dstPort, proto);
    return { ...base, replySource, allowed: false, failure: 'dropped', reason: `the answer came from ${from}, not from ${expected}: the client does not match it to its connection`, reply };
  }
  return { ...base, replySource, allowed: true, reason: `${receiver} answered on port ${seen.dstPort}; the answer came back from ${from}`, reply };
}
