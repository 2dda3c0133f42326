/**
 * @module VXLAN encapsulation and decapsulation. The outer packet goes from the tunnel's source
 * to its destination over UDP 4789 (source port 4789 too, so an identity mapping on the node's
 * VXLAN endpoint keeps it out of dynamic SNAT) and is routed in the tunnel's encap VRF like any
 * packet VPP sends. Decapsulation picks the tunnel by (outer source, outer destination, VNI, VRF).
 */
import type { SimInterface, SimState } from '../sim-state.ts';
import { DEFAULT_TTL, IP_PROTO, VXLAN_PORT, type Packet } from './packet.ts';

/** The outer packet carrying `inner` through `tunnel`; undefined when `tunnel` is no VXLAN tunnel. */
export function vxlanEncapsulate(tunnel: SimInterface, inner: Packet): Packet | undefined {
  const v = tunnel.vxlan;
  if (!v) return undefined;
  return {
    src: v.src, dst: v.dst, proto: IP_PROTO.UDP, srcPort: VXLAN_PORT, dstPort: VXLAN_PORT,
    tcpFlags: 0, ttl: DEFAULT_TTL, vxlan: { vni: v.vni, inner },
  };
}

/** Whether `p` is a VXLAN packet for VPP's own VXLAN endpoint. */
export function isVxlanPacket(p: Packet): p is Packet & { readonly vxlan: { readonly vni: number; readonly inner: Packet } } {
  return p.proto === IP_PROTO.UDP && p.dstPort === VXLAN_PORT && p.vxlan !== undefined;
}

/** The tunnel that decapsulates `outer` received in `vrf`. */
export function findDecapTunnel(state: SimState, outer: Packet, vrf: number): SimInterface | undefined {
  const vni = outer.vxlan?.vni;
  for (const itf of state.interfaces.values()) {
    const v = itf.vxlan;
    if (v && v.vni === vni && v.src === outer.dst && v.dst === outer.src && v.encapVrf === vrf) return itf;
  }
  return undefined;
}
