/**
 * @module Bridge-domain forwarding: which member of a bridge domain leads to a MAC (L2 FIB as
 * learning would fill it) or to the owner of an IP (ARP across the domain). A member's far side
 * is its BVI (the node's L3), a tap's host side, or — through a VXLAN tunnel — the members of the
 * bridge domain the peer node decapsulates into. Split-horizon groups are honoured: a frame from a
 * member with group N (≠ 0) never leaves through another member of group N.
 */
import type { Ip4 } from '../../../net/ipv4.ts';
import type { SimInterface } from '../sim-state.ts';
import type { Underlay, UnderlayNode } from '../underlay.ts';
import { formatMac } from './packet.ts';

/** A member that leads to the wanted MAC or IP, and what is behind it. */
export interface BdHit {
  /** The member (sw_if_index, on the node that was asked) to send the frame out of. */
  readonly member: number;
  readonly mac: string;
  /** The far side that owns the MAC/IP, e.g. `BVI vxlanBVI on node2`. */
  readonly owner: string;
}

type Want = { readonly mac: string } | { readonly ip: Ip4 };

function owns(itf: SimInterface, want: Want, bvi: boolean): string | undefined {
  if (bvi) {
    const mac = formatMac(itf.mac);
    if ('mac' in want ? mac === want.mac : itf.addresses.some((a) => a.ip === want.ip)) return mac;
    return undefined;
  }
  if (itf.type === 'tap' && itf.tap) {
    const mac = formatMac(itf.tap.hostMac);
    if ('mac' in want ? mac === want.mac : itf.tap.hostIp4?.ip === want.ip) return mac;
  }
  return undefined;
}

/** The tunnel on the peer node that decapsulates what `tunnel` sends, and that node. */
export function peerTunnel(underlay: Underlay, tunnel: SimInterface): { node: UnderlayNode; tunnel: SimInterface } | undefined {
  const v = tunnel.vxlan;
  if (!v) return undefined;
  const node = underlay.nodeOwning(v.dst);
  if (!node) return undefined;
  for (const itf of node.state.interfaces.values()) {
    if (itf.vxlan && itf.vxlan.src === v.dst && itf.vxlan.dst === v.src && itf.vxlan.vni === v.vni) return { node, tunnel: itf };
  }
  return undefined;
}

function search(underlay: Underlay, node: UnderlayNode, bdId: number, ingress: number | undefined, want: Want, seen: Set<string>): { mac: string; owner: string; member: number } | undefined {
  const bd = node.state.bridgeDomains.get(bdId);
  if (!bd) return undefined;
  const ingressShg = bd.members.find((m) => m.swIfIndex === ingress)?.shg ?? 0;
  for (const m of bd.members) {
    if (m.swIfIndex === ingress || (ingressShg !== 0 && m.shg === ingressShg)) continue;
    const itf = node.state.interfaces.get(m.swIfIndex);
    if (!itf || !itf.adminUp) continue;
    const mac = owns(itf, want, m.bvi);
    if (mac !== undefined) return { mac, owner: `${m.bvi ? 'BVI' : 'tap'} ${itf.name} on ${node.name}`, member: m.swIfIndex };
    if (itf.type !== 'vxlan') continue;
    const peer = peerTunnel(underlay, itf);
    const key = peer ? `${peer.node.name}/${peer.tunnel.swIfIndex}` : '';
    if (!peer || !peer.tunnel.l2 || seen.has(key)) continue;
    seen.add(key);
    const far = search(underlay, peer.node, peer.tunnel.l2.bdId, peer.tunnel.swIfIndex, want, seen);
    if (far) return { ...far, member: m.swIfIndex };
  }
  return undefined;
}

/** The member of bridge domain `bdId` on `node` (other than `ingress`) leading to `mac`. */
export function bdFindMac(underlay: Underlay, node: UnderlayNode, bdId: number, ingress: number | undefined, mac: string): BdHit | undefined {
  return search(underlay, node, bdId, ingress, { mac }, new Set([`${node.name}/${ingress ?? -1}`]));
}

/** ARP across bridge domain `bdId` on `node`: the member leading to the owner of `ip`, and its MAC. */
export function bdFindIp(underlay: Underlay, node: UnderlayNode, bdId: number, ingress: number | undefined, ip: Ip4): BdHit | undefined {
  return search(underlay, node, bdId, ingress, { ip }, new Set([`${node.name}/${ingress ?? -1}`]));
}
