/**
 * @module The VPP configuration towards the other nodes: in VXLAN mode a tunnel per node in
 * the VXLAN bridge domain, a static neighbour for its BVI and routes via its BVI address; in
 * L2 mode routes via its node IP on the main NIC. Pure.
 */
import { formatCidr, formatIp4, hostCidr } from '../../net/ipv4.ts';
import { vppKeys, type BridgeDomain, type VppValue } from '../../vpp/model.ts';
import { putRoute, route } from './base-config.ts';
import type { NodePlan, RemoteNodePlan } from './node-plan.ts';
import { VXLAN_BD, VXLAN_BVI, VXLAN_SPLIT_HORIZON_GROUP, vxlanBviMac, vxlanTunnelName } from './vswitch-names.ts';

/** Whether this node can reach `remote` now (VXLAN needs our own node IP as tunnel source). */
export function canConnect(plan: NodePlan, remote: RemoteNodePlan): boolean {
  return plan.vxlan ? plan.nodeIp !== undefined && remote.vxlanIp !== undefined : true;
}

/** The values towards one remote node, added to `out`. Call only when {@linkcode canConnect}. */
export function addRemoteNodeConfig(plan: NodePlan, remote: RemoteNodePlan, out: Map<string, VppValue>): void {
  let nextHop: string;
  let via: string;
  if (plan.vxlan && plan.nodeIp && remote.vxlanIp !== undefined) {
    const tunnel = vxlanTunnelName(remote.id);
    out.set(vppKeys.interface(tunnel), {
      name: tunnel,
      type: 'vxlan',
      enabled: true,
      ipAddresses: [],
      vrf: 0,
      vxlan: { srcAddress: formatIp4(plan.nodeIp.ip), dstAddress: formatIp4(remote.ip), vni: plan.vxlanVni },
    });
    nextHop = formatIp4(remote.vxlanIp);
    via = VXLAN_BVI;
    out.set(vppKeys.arp(VXLAN_BVI, nextHop), { interface: VXLAN_BVI, ip: nextHop, mac: vxlanBviMac(remote.id) });
  } else {
    nextHop = formatIp4(remote.ip);
    via = plan.main.name;
  }
  putRoute(out, route(formatCidr(remote.podSubnet), nextHop, via));
  putRoute(out, route(formatCidr(remote.hostNetwork), nextHop, via));
  if (remote.managementIp !== undefined) putRoute(out, route(formatCidr(hostCidr(remote.managementIp)), nextHop, via));
}

/** The VXLAN bridge domain: the BVI and a tunnel per connected node (by node ID). */
export function vxlanBridgeDomain(connectedIds: readonly number[]): BridgeDomain {
  return {
    name: VXLAN_BD,
    flood: true,
    unknownUnicastFlood: true,
    forward: true,
    learn: true,
    arpTermination: false,
    macAge: 0,
    interfaces: [
      { name: VXLAN_BVI, bvi: true, splitHorizonGroup: 0 },
      ...[...connectedIds].sort((a, b) => a - b).map((id) => ({
        name: vxlanTunnelName(id),
        bvi: false,
        splitHorizonGroup: VXLAN_SPLIT_HORIZON_GROUP,
      })),
    ],
  };
}
