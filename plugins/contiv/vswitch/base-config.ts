/**
 * @module The node-level VPP configuration: main and other NICs, the default route, the host
 * interconnect, the pod gateway loopback, the VXLAN BVI and (TCP stack) the session layer. Pure.
 */
import { formatCidr, formatIp4, hostCidr } from '../../net/ipv4.ts';
import { vppKeys, type Route, type VppInterface, type VppValue } from '../../vpp/model.ts';
import type { IfAddress } from '../ipam/node-addressing.ts';
import type { NodePlan, PlannedInterface } from './node-plan.ts';
import {
  HOST_INTERCONNECT_HOST_IF, HOST_INTERCONNECT_TAP, hostInterconnectMac, POD_GATEWAY_LOOP, VXLAN_BVI, vxlanBviMac,
} from './vswitch-names.ts';

/** `a.b.c.d/len` of an interface address. */
export function formatIfAddress(a: IfAddress): string {
  return `${formatIp4(a.ip)}/${a.len}`;
}

/** A static route in VRF 0 with default weight and preference. */
export function route(dst: string, nextHop: string | undefined, outgoingInterface: string | undefined): Route {
  return {
    vrf: 0,
    dst,
    ...(nextHop !== undefined ? { nextHop } : {}),
    ...(outgoingInterface !== undefined ? { outgoingInterface } : {}),
    weight: 1,
    preference: 0,
  };
}

/** Adds a route under its key. */
export function putRoute(out: Map<string, VppValue>, r: Route): void {
  out.set(vppKeys.route(r), r);
}

function nic(i: PlannedInterface, nodeName: string, ip: IfAddress | undefined): VppInterface {
  return {
    name: i.name,
    type: 'ethernet',
    enabled: true,
    ipAddresses: !i.dhcp && ip ? [formatIfAddress(ip)] : [],
    vrf: 0,
    ...(i.dhcp ? { dhcpClient: { hostname: nodeName } } : {}),
  };
}

/** The node-level values of `plan`, added to `out`. */
export function addBaseConfig(plan: NodePlan, out: Map<string, VppValue>): void {
  const put = (i: VppInterface) => out.set(vppKeys.interface(i.name), i);
  put(nic(plan.main, plan.nodeName, plan.main.ip));
  if (plan.staticGateway !== undefined && !plan.main.dhcp) {
    putRoute(out, route('0.0.0.0/0', formatIp4(plan.staticGateway), plan.main.name));
  }
  for (const o of plan.others) put(nic(o, plan.nodeName, o.ip));

  put({
    name: HOST_INTERCONNECT_TAP,
    type: 'tap',
    enabled: true,
    mac: hostInterconnectMac(plan.nodeId),
    ipAddresses: [formatIfAddress({ ip: plan.host.vppIp, len: plan.host.network.len })],
    vrf: 0,
    tap: {
      hostIfName: HOST_INTERCONNECT_HOST_IF,
      hostIp: formatIfAddress({ ip: plan.host.hostIp, len: plan.host.network.len }),
      rxRingSize: plan.tap.rxRingSize,
      txRingSize: plan.tap.txRingSize,
    },
  });
  if (plan.managementIp !== undefined) {
    putRoute(out, route(formatCidr(hostCidr(plan.managementIp)), formatIp4(plan.host.hostIp), HOST_INTERCONNECT_TAP));
  }

  put({ name: POD_GATEWAY_LOOP, type: 'loopback', enabled: true, ipAddresses: [`${formatIp4(plan.pod.gateway)}/32`], vrf: 0 });

  if (plan.vxlan) {
    put({ name: VXLAN_BVI, type: 'loopback', enabled: true, mac: vxlanBviMac(plan.nodeId), ipAddresses: [formatIfAddress(plan.vxlan)], vrf: 0 });
  }
  // Only stated when used: an absent key leaves the session layer off (a resync then has nothing to do).
  if (plan.tcpStack) out.set(vppKeys.sessionLayer(), { enabled: true });
}
