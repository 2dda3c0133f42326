/**
 * @module The graph of one simulated VPP, in VPP's order:
 * RX interface → (L2 member: bridge-domain forwarding; to the BVI → L3) → input ACL → NAT44
 * pre-routing (out2in / in2out) → ip4-lookup → output ACL → NAT44 post-routing (output feature)
 * → TX (tap → its host side; NIC → underlay segment; BVI → bridge domain → VXLAN tunnel →
 * encapsulation, routed again as a packet VPP sends) — or ip4-local for VPP's own addresses
 * (VXLAN decapsulation, ICMP echo, the host stack, refusals).
 */
import { formatIp4, type Ip4 } from '../../../net/ipv4.ts';
import type { SimInterface } from '../sim-state.ts';
import type { UnderlayNode } from '../underlay.ts';
import { checkAcl, type AclDirection } from './acl.ts';
import { appNamespaceLoopback, deliverToPod } from './endpoints.ts';
import { fibLookup, interfaceSourceAddress } from './fib.ts';
import { bdFindIp, bdFindMac } from './l2-bridge.ts';
import { natPostRouting, natPreRouting, type NatStep } from './nat44-features.ts';
import type { NatContext } from './nat44-out2in.ts';
import { natOwnIcmpError } from './nat44-icmp-error.ts';
import { flowHash, formatMac, ICMP, IP_PROTO, type Packet } from './packet.ts';
import { icmpUnreachable, tcpReset } from './refusal.ts';
import { dropped, refused, type Next, type Walk } from './walk.ts';
import { findDecapTunnel, isVxlanPacket, vxlanEncapsulate } from './vxlan.ts';

function natCtx(w: Walk, node: UnderlayNode): NatContext {
  return { state: node.state, now: w.now, random: w.world.random };
}

/** Runs the ACL node; returns a drop when it denies. */
function acl(w: Walk, node: UnderlayNode, itf: SimInterface, direction: AclDirection, p: Packet): Next | undefined {
  const v = checkAcl(node.state, itf.swIfIndex, direction, p, w.now, w.world.options);
  if (!v) return undefined;
  w.log.add(node.name, direction === 'input' ? 'acl-input' : 'acl-output', p, v.detail, { interface: itf.name, table: v.table, rule: v.rule, verdict: v.permit ? 'permit' : 'deny' });
  return v.permit ? undefined : dropped(node.name, `ACL ${v.detail} (${direction} of ${itf.name})`);
}

/** Logs a NAT node; returns the packet to go on with, or a drop. */
function nat(w: Walk, node: UnderlayNode, itf: SimInterface, s: NatStep | undefined, p: Packet): Packet | Next {
  if (!s) return p;
  const r = s.result;
  w.log.add(node.name, s.step, p, r.detail, { interface: itf.name, table: r.table, rule: r.rule, verdict: r.verdict === 'drop' ? 'drop' : r.verdict });
  return r.verdict === 'drop' ? dropped(node.name, r.detail) : r.packet;
}

function isNext(x: Packet | Next): x is Next {
  return 'at' in x;
}

/** A frame arrives at interface `swIfIndex` of `node`. */
export function vppReceive(w: Walk, node: UnderlayNode, swIfIndex: number, p: Packet): Next {
  const itf = node.state.interfaces.get(swIfIndex);
  if (!itf) return dropped(node.name, `no interface with sw_if_index ${swIfIndex}`);
  w.log.add(node.name, 'rx', p, `received on ${itf.name}`, { interface: itf.name });
  if (!itf.adminUp) return dropped(node.name, `${itf.name} is down`);
  if (itf.l2 && !itf.l2.bvi) return l2Input(w, node, itf, p);
  return l3Input(w, node, itf, p);
}

/**
 * A packet VPP itself sends on `node` enters ip4-lookup in FIB table `vrf`; an ICMP error about
 * a packet NAT translated here is first translated back (see nat44-icmp-error.ts).
 */
export function vppSend(w: Walk, node: UnderlayNode, vrf: number, p: Packet): Next {
  const back = natOwnIcmpError(natCtx(w, node), p);
  if (back) w.log.add(node.name, 'nat44-in2out', p, back.detail, { verdict: 'translate' });
  return route(w, node, vrf, undefined, back?.packet ?? p);
}

function l3Input(w: Walk, node: UnderlayNode, itf: SimInterface, p: Packet): Next {
  const denied = acl(w, node, itf, 'input', p);
  if (denied) return denied;
  const after = nat(w, node, itf, natPreRouting(natCtx(w, node), itf.swIfIndex, itf.vrf, p, node.name), p);
  if (isNext(after)) return after;
  return route(w, node, itf.vrf, itf, after);
}

function l2Input(w: Walk, node: UnderlayNode, itf: SimInterface, p: Packet): Next {
  const bdId = itf.l2!.bdId;
  const bd = node.state.bridgeDomains.get(bdId);
  w.log.add(node.name, 'l2-input', p, `member of bridge domain ${bdId}`, { interface: itf.name });
  if (!bd) return dropped(node.name, `bridge domain ${bdId} of ${itf.name} does not exist`);
  const denied = acl(w, node, itf, 'input', p);
  if (denied) return denied;
  if (!bd.forward) return dropped(node.name, `bridge domain ${bdId}: forwarding disabled`);
  const u = w.world.underlay;
  const hit = p.dstMac !== undefined ? bdFindMac(u, node, bdId, itf.swIfIndex, p.dstMac) : bdFindIp(u, node, bdId, itf.swIfIndex, p.dst);
  const wanted = p.dstMac ?? formatIp4(p.dst);
  if (!hit) {
    w.log.add(node.name, 'l2-fwd', p, `no member of bridge domain ${bdId} leads to ${wanted}`, { interface: itf.name, verdict: 'drop' });
    return dropped(node.name, `L2: no member of bridge domain ${bdId} leads to ${wanted}`);
  }
  w.log.add(node.name, 'l2-fwd', p, `bridge domain ${bdId}: ${hit.mac} (${hit.owner}) via ${ifName(node, hit.member)}`, { interface: itf.name, verdict: 'forward' });
  return l2Output(w, node, hit.member, { ...p, dstMac: hit.mac });
}

function ifName(node: UnderlayNode, swIfIndex: number): string {
  return node.state.interfaces.get(swIfIndex)?.name ?? `sw_if_index ${swIfIndex}`;
}

function l2Output(w: Walk, node: UnderlayNode, swIfIndex: number, p: Packet): Next {
  const itf = node.state.interfaces.get(swIfIndex);
  if (!itf || !itf.adminUp) return dropped(node.name, `bridge-domain member ${ifName(node, swIfIndex)} is missing or down`);
  if (itf.l2?.bvi) return l3Input(w, node, itf, { ...p, dstMac: undefined });
  const denied = acl(w, node, itf, 'output', p);
  if (denied) return denied;
  if (itf.type === 'vxlan') return encapsulate(w, node, itf, p);
  if (itf.type === 'tap') {
    w.log.add(node.name, 'tx', p, `sent out of ${itf.name} to its host side`, { interface: itf.name, verdict: 'forward' });
    return { at: 'tap-host', node, swIfIndex, packet: p };
  }
  return dropped(node.name, `L2 output to ${itf.type} ${itf.name} is not simulated`);
}

function vppAddress(node: UnderlayNode, rx: SimInterface | undefined): Ip4 {
  const own = rx ? interfaceSourceAddress(node.state, rx.swIfIndex) : undefined;
  if (own !== undefined) return own;
  for (const itf of node.state.interfaces.values()) if (itf.addresses[0]) return itf.addresses[0].ip;
  return 0;
}

function route(w: Walk, node: UnderlayNode, vrf: number, rx: SimInterface | undefined, p: Packet): Next {
  const r = fibLookup(node.state, vrf, p.dst, flowHash(p));
  const at = { interface: rx?.name, table: r.entry };
  switch (r.kind) {
    case 'miss':
      w.log.add(node.name, 'ip4-lookup', p, r.entry, { ...at, verdict: 'drop' });
      return dropped(node.name, `no route to ${formatIp4(p.dst)}`);
    case 'special': {
      if (r.action === 'drop') {
        w.log.add(node.name, 'ip4-lookup', p, `${r.entry}: drop`, { ...at, verdict: 'drop' });
        return dropped(node.name, r.entry);
      }
      const code = r.action === 'unreachable' ? ICMP.CODE_HOST_UNREACHABLE : ICMP.CODE_ADMIN_PROHIBITED;
      w.log.add(node.name, 'ip4-lookup', p, `${r.entry}: answered with ICMP ${r.action}`, { ...at, verdict: 'refuse' });
      const reply = icmpUnreachable(vppAddress(node, rx), p, code);
      return refused(node.name, `${r.entry}: ICMP ${r.action}`, reply, { kind: 'vpp', node: node.name, vrf });
    }
    case 'local':
      w.log.add(node.name, 'ip4-lookup', p, r.entry, { ...at, verdict: 'deliver' });
      return ip4Local(w, node, vrf, rx, p);
    case 'forward': {
      w.log.add(node.name, 'ip4-lookup', p, `${r.entry} → ${ifName(node, r.swIfIndex)}${r.attached ? '' : ` next hop ${formatIp4(r.nextHop)}`}`, { ...at, verdict: 'forward' });
      let out = p;
      if (rx) {
        if (p.ttl <= 1) return dropped(node.name, `TTL expired forwarding to ${formatIp4(p.dst)}`);
        out = { ...p, ttl: p.ttl - 1 };
      }
      return output(w, node, r.swIfIndex, r.nextHop, out);
    }
  }
}

function ip4Local(w: Walk, node: UnderlayNode, vrf: number, rx: SimInterface | undefined, p: Packet): Next {
  const state = node.state;
  if (isVxlanPacket(p)) {
    const tunnel = findDecapTunnel(state, p, vrf);
    if (!tunnel) {
      w.log.add(node.name, 'vxlan-decap', p, `no VXLAN tunnel from ${formatIp4(p.src)} vni ${p.vxlan.vni}`, { verdict: 'drop' });
      return dropped(node.name, `vxlan: no tunnel from ${formatIp4(p.src)} to ${formatIp4(p.dst)} vni ${p.vxlan.vni}`);
    }
    w.log.add(node.name, 'vxlan-decap', p, `decapsulated by ${tunnel.name}`, { interface: tunnel.name, verdict: 'forward' });
    return { at: 'rx', node, swIfIndex: tunnel.swIfIndex, packet: p.vxlan.inner };
  }
  if (p.proto === IP_PROTO.ICMP && p.icmpType === ICMP.ECHO_REQUEST) {
    w.log.add(node.name, 'ip4-local', p, 'ICMP echo request answered by VPP', { verdict: 'deliver' });
    return { at: 'end', end: { kind: 'delivered', endpoint: { kind: 'vpp', node: node.name, ip: p.dst }, packet: p } };
  }
  const loop = state.session.enabled ? appNamespaceLoopback(state, p.dst) : undefined;
  if (loop && (p.proto === IP_PROTO.TCP || p.proto === IP_PROTO.UDP)) {
    w.log.add(node.name, 'ip4-local', p, `to the host stack: app namespace on ${loop.name}`, { interface: loop.name, verdict: 'forward' });
    return deliverToPod(w, node, loop, p);
  }
  const by = { kind: 'vpp', node: node.name, vrf } as const;
  const dst = formatIp4(p.dst);
  if (p.proto === IP_PROTO.TCP && state.session.enabled) {
    w.log.add(node.name, 'ip4-local', p, `no TCP listener on ${dst}:${p.dstPort}: reset`, { verdict: 'refuse' });
    return refused(node.name, `no TCP listener on VPP address ${dst}:${p.dstPort}`, tcpReset(p), by);
  }
  if (p.proto === IP_PROTO.UDP) {
    w.log.add(node.name, 'ip4-local', p, `no UDP listener on ${dst}:${p.dstPort}: ICMP port unreachable`, { verdict: 'refuse' });
    return refused(node.name, `no UDP listener on VPP address ${dst}:${p.dstPort}`, icmpUnreachable(p.dst, p, ICMP.CODE_PORT_UNREACHABLE), by);
  }
  w.log.add(node.name, 'ip4-local', p, `VPP address ${dst} does not terminate this traffic`, { verdict: 'drop' });
  return dropped(node.name, `ip4-local: VPP address ${dst} does not terminate this traffic${p.proto === IP_PROTO.TCP ? ' (no host stack)' : ''}`);
}

function output(w: Walk, node: UnderlayNode, swIfIndex: number, nextHop: Ip4, p: Packet): Next {
  const itf = node.state.interfaces.get(swIfIndex);
  if (!itf) return dropped(node.name, `route points to missing sw_if_index ${swIfIndex}`);
  if (!itf.adminUp) return dropped(node.name, `${itf.name} is down`);
  const denied = acl(w, node, itf, 'output', p);
  if (denied) return denied;
  const after = nat(w, node, itf, natPostRouting(natCtx(w, node), swIfIndex, p), p);
  if (isNext(after)) return after;
  return transmit(w, node, itf, nextHop, after);
}

function staticNeighbour(node: UnderlayNode, swIfIndex: number, ip: Ip4): string | undefined {
  const n = node.state.neighbours.find((x) => x.swIfIndex === swIfIndex && x.ip === ip);
  return n ? formatMac(n.mac) : undefined;
}

function transmit(w: Walk, node: UnderlayNode, itf: SimInterface, nextHop: Ip4, p: Packet): Next {
  if (itf.l2?.bvi) return bviTransmit(w, node, itf, nextHop, p);
  const nh = formatIp4(nextHop);
  switch (itf.type) {
    case 'tap': {
      if (staticNeighbour(node, itf.swIfIndex, nextHop) === undefined && itf.tap?.hostIp4?.ip !== nextHop) {
        w.log.add(node.name, 'ip4-arp', p, `ARP for ${nh} on ${itf.name} unanswered`, { interface: itf.name, verdict: 'drop' });
        return dropped(node.name, `ARP for ${nh} on ${itf.name} unanswered`);
      }
      w.log.add(node.name, 'tx', p, `sent out of ${itf.name} to its host side`, { interface: itf.name, verdict: 'forward' });
      return { at: 'tap-host', node, swIfIndex: itf.swIfIndex, packet: p };
    }
    case 'vxlan':
      return encapsulate(w, node, itf, p);
    case 'ethernet':
    case 'af_packet': {
      const segment = w.world.underlay.segmentOf(node, itf.swIfIndex);
      if (!segment) return dropped(node.name, `${itf.name} is not connected to the underlay`);
      const mac = staticNeighbour(node, itf.swIfIndex, nextHop);
      const owner = w.world.underlay.ownerOnSegment(segment, nextHop);
      if (mac === undefined) {
        if (!owner) {
          w.log.add(node.name, 'ip4-arp', p, `ARP for ${nh} on segment ${segment.name} unanswered`, { interface: itf.name, verdict: 'drop' });
          return dropped(node.name, `ARP for ${nh} on ${itf.name} unanswered`);
        }
        const who = owner.kind === 'gateway' ? 'the gateway' : `${owner.node.name} ${ifName(owner.node, owner.swIfIndex)}`;
        w.log.add(node.name, 'ip4-arp', p, `${nh} is ${who} (ARP on segment ${segment.name})`, { interface: itf.name, verdict: 'forward' });
      }
      w.log.add(node.name, 'tx', p, `sent out of ${itf.name} to ${nh} on segment ${segment.name}`, { interface: itf.name, verdict: 'forward' });
      return { at: 'segment', segment, nextHop, packet: { ...p, dstMac: undefined } };
    }
    default:
      return dropped(node.name, `cannot send out of ${itf.type} ${itf.name}`);
  }
}

function bviTransmit(w: Walk, node: UnderlayNode, bvi: SimInterface, nextHop: Ip4, p: Packet): Next {
  const bdId = bvi.l2!.bdId;
  const u = w.world.underlay;
  const mac = staticNeighbour(node, bvi.swIfIndex, nextHop);
  const hit = mac !== undefined ? bdFindMac(u, node, bdId, bvi.swIfIndex, mac) : bdFindIp(u, node, bdId, bvi.swIfIndex, nextHop);
  const nh = formatIp4(nextHop);
  if (!hit) {
    const why = mac !== undefined ? `no member of bridge domain ${bdId} leads to ${mac} (static neighbour ${nh})` : `ARP for ${nh} unanswered in bridge domain ${bdId}`;
    w.log.add(node.name, 'ip4-arp', p, why, { interface: bvi.name, verdict: 'drop' });
    return dropped(node.name, why);
  }
  const how = mac !== undefined ? `static neighbour ${nh} is ${mac}` : `${nh} is ${hit.mac} (ARP in bridge domain ${bdId})`;
  w.log.add(node.name, 'ip4-arp', p, `${how}: ${hit.owner}`, { interface: bvi.name, verdict: 'forward' });
  const frame = { ...p, dstMac: hit.mac };
  w.log.add(node.name, 'l2-fwd', frame, `bridge domain ${bdId}: ${hit.mac} via ${ifName(node, hit.member)}`, { interface: bvi.name, verdict: 'forward' });
  return l2Output(w, node, hit.member, frame);
}

function encapsulate(w: Walk, node: UnderlayNode, tunnel: SimInterface, inner: Packet): Next {
  const outer = vxlanEncapsulate(tunnel, inner);
  if (!outer || !tunnel.vxlan) return dropped(node.name, `${tunnel.name} is not a VXLAN tunnel`);
  if (!tunnel.adminUp) return dropped(node.name, `${tunnel.name} is down`);
  w.log.add(node.name, 'vxlan-encap', inner, `${tunnel.name}: ${formatIp4(tunnel.vxlan.src)} → ${formatIp4(tunnel.vxlan.dst)} vni ${tunnel.vxlan.vni}`, { interface: tunnel.name, verdict: 'forward' });
  return route(w, node, tunnel.vxlan.encapVrf, undefined, outer);
}
