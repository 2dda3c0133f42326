/**
 * @module The walk of one packet through the world: from its origin through every simulated VPP,
 * underlay segment and the gateway, until it is delivered, dropped or refused. Pure over the
 * world's state, except that sessions (ACL, NAT) and affinity records are created as VPP would.
 */
import { formatIp4 } from '../../../net/ipv4.ts';
import { originate, tapHostSide } from './endpoints.ts';
import type { Packet } from './packet.ts';
import { TraceLog, type Origin, type Trace } from './trace.ts';
import { vppReceive, vppSend } from './vpp-node.ts';
import { dropped, type Next, type Walk } from './walk.ts';
import type { SimWorld } from './world.ts';

/** Options of one walk. */
export interface WalkOptions {
  /** The packet opens a connection (VPP session rules apply). @default false */
  readonly opening?: boolean;
}

const DEFAULT_MAX_HOPS = 512;

function segmentHop(w: Walk, next: Extract<Next, { at: 'segment' }>): Next {
  const owner = w.world.underlay.ownerOnSegment(next.segment, next.nextHop);
  const nh = formatIp4(next.nextHop);
  if (!owner) {
    w.log.add('underlay', 'underlay', next.packet, `nobody owns ${nh} on segment ${next.segment.name}`, { verdict: 'drop' });
    return dropped('underlay', `nobody owns ${nh} on segment ${next.segment.name}`);
  }
  if (owner.kind === 'gateway') {
    w.log.add('underlay', 'underlay', next.packet, `segment ${next.segment.name}: to the gateway ${nh}`, { verdict: 'forward' });
    return { at: 'gateway', packet: next.packet };
  }
  w.log.add('underlay', 'underlay', next.packet, `segment ${next.segment.name}: to ${owner.node.name} (${nh})`, { verdict: 'forward' });
  return { at: 'rx', node: owner.node, swIfIndex: owner.swIfIndex, packet: next.packet };
}

function gatewayHop(w: Walk, p: Packet, enterAt: string | undefined): Next {
  const u = w.world.underlay;
  if (enterAt !== undefined) {
    const node = u.node(enterAt);
    const nic = node ? u.entryNic(node) : undefined;
    const ip = nic ? node!.state.interfaces.get(nic.swIfIndex)?.addresses[0]?.ip : undefined;
    if (!node || !nic || ip === undefined) return dropped('gateway', `cannot enter at ${enterAt}: no NIC with an address on a segment with a gateway`);
    w.log.add('gateway', 'gateway', p, `outside traffic enters the cluster at ${enterAt} (${formatIp4(ip)})`, { verdict: 'forward' });
    return { at: 'segment', segment: nic.segment, nextHop: ip, packet: p };
  }
  const d = u.gatewayRoute(p.dst);
  if (d.kind === 'drop') {
    w.log.add('gateway', 'gateway', p, d.why, { verdict: 'drop' });
    return dropped('gateway', d.why);
  }
  if (p.ttl <= 1) return dropped('gateway', `TTL expired forwarding to ${formatIp4(p.dst)}`);
  const out = { ...p, ttl: p.ttl - 1 };
  if (d.kind === 'segment') {
    w.log.add('gateway', 'gateway', p, d.why, { verdict: 'forward' });
    return { at: 'segment', segment: d.segment, nextHop: d.nextHop, packet: out };
  }
  w.log.add('outside', 'endpoint', out, `delivered to outside host ${formatIp4(out.dst)}`, { verdict: 'deliver' });
  return { at: 'end', end: { kind: 'delivered', endpoint: { kind: 'outside', ip: out.dst }, packet: out } };
}

function advance(w: Walk, next: Exclude<Next, { at: 'end' }>): Next {
  switch (next.at) {
    case 'rx': return vppReceive(w, next.node, next.swIfIndex, next.packet);
    case 'vpp-send': return vppSend(w, next.node, next.vrf, next.packet);
    case 'tap-host': return tapHostSide(w, next.node, next.swIfIndex, next.packet);
    case 'segment': return segmentHop(w, next);
    case 'gateway': return gatewayHop(w, next.packet, next.enterAt);
  }
}

/**
 * Walks `packet` sent by `origin` through `world` and returns every step and the end.
 * @example walk(world, { kind: 'endpoint', endpoint: pod }, synPacket, { opening: true })
 */
export function walk(world: SimWorld, origin: Origin, packet: Packet, options: WalkOptions = {}): Trace {
  const w: Walk = { world, log: new TraceLog(), now: world.clock.now(), opening: options.opening ?? false };
  const max = world.options.maxHops ?? DEFAULT_MAX_HOPS;
  let next = originate(w, origin, packet);
  let hops = 0;
  while (next.at !== 'end') {
    if (hops++ >= max) return { steps: w.log.steps, end: { kind: 'dropped', node: 'tracer', reason: `hop limit ${max} reached (forwarding loop?)` } };
    next = advance(w, next);
  }
  return { steps: w.log.steps, end: next.end };
}
