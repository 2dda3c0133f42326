/**
 * @module Names and MACs of the node-level VPP objects contiv creates. The tracer, the policy
 * and the service plugins depend on these; see docs/contiv.md for the full layout.
 */

/** VPP side of the host interconnect (a tap whose Linux side is `vpp1` in the host namespace). */
export const HOST_INTERCONNECT_TAP = 'tap-vpp2';
/** Linux side of the host interconnect. */
export const HOST_INTERCONNECT_HOST_IF = 'vpp1';
/** Loopback holding the pod gateway address; pod taps are unnumbered from it. */
export const POD_GATEWAY_LOOP = 'podGwLoop';
/** Loopback acting as the BVI of the VXLAN bridge domain. */
export const VXLAN_BVI = 'vxlanBVI';
/** Bridge domain joining the VXLAN tunnels to the other nodes. */
export const VXLAN_BD = 'vxlanBD';
/** Split-horizon group of the tunnels in the VXLAN bridge domain (no tunnel-to-tunnel flooding). */
export const VXLAN_SPLIT_HORIZON_GROUP = 1;
/** App namespace secret of pods (TCP stack). */
export const APP_NAMESPACE_SECRET = 42;

/** The VXLAN tunnel towards node `nodeId` (`vxlan<id>`). */
export function vxlanTunnelName(nodeId: number): string {
  return `vxlan${nodeId}`;
}

/** The MAC of node `nodeId`'s VXLAN BVI (`1a:2b:3c:` + the ID in 3 bytes): others pin it in ARP. */
export function vxlanBviMac(nodeId: number): string {
  return `1a:2b:3c:${idBytes(nodeId)}`;
}

/** The MAC of the VPP side of node `nodeId`'s host interconnect (`1a:2b:3d:` + the ID; unicast). */
export function hostInterconnectMac(nodeId: number): string {
  return `1a:2b:3d:${idBytes(nodeId)}`;
}

function idBytes(id: number): string {
  if (!Number.isInteger(id) || id < 0 || id > 0xffffff) throw new RangeError(`node ID ${id} does not fit in a MAC (3 bytes)`);
  return [id >>> 16, (id >>> 8) & 255, id & 255].map((b) => b.toString(16).padStart(2, '0')).join(':');
}
