/**
 * @module Which interface source-NATs pods' traffic to the outside: the one facing the default
 * gateway. Its address goes into the NAT44 pool and it gets the output (post-routing) feature.
 */
import { cidrContains, isIp4, parseCidr, parseIp4 } from '../net/ipv4.ts';
import { addressOf, type NodeContext } from './node-context.ts';

/** The SNAT interface and the pool address. */
export interface SnatChoice {
  readonly interface: string;
  /** Pool address (the interface's address, no prefix). */
  readonly address: string;
  /** Whether it is the main interface (whose address is the node IP, the VXLAN source). */
  readonly main: boolean;
}

/** The SNAT decision with its reason, for status and explanations. */
export interface SnatDecision {
  readonly choice?: SnatChoice;
  readonly reason: string;
}

/** Whether `ipWithPrefix`'s subnet contains `gateway`; false when either does not parse. */
function subnetHolds(ipWithPrefix: string, gateway: string): boolean {
  if (!isIp4(gateway) || !ipWithPrefix.includes('/')) return false;
  try {
    // parseCidr masks the host bits: the interface's subnet.
    return cidrContains(parseCidr(ipWithPrefix), parseIp4(gateway));
  } catch {
    return false;
  }
}

/**
 * Chooses the SNAT interface.
 *
 * - off when disabled (plugin config or the contiv `natExternalTraffic` setting) or without a
 *   default gateway (nothing is "outside");
 * - the main interface when the gateway is in the node IP's subnet and VXLAN joins the nodes:
 *   inter-node pod traffic is encapsulated, so only traffic leaving the cluster is translated.
 *   In L2 mode pod traffic to other nodes leaves through the main interface unencapsulated and
 *   would be translated to the node IP (breaking policies that match pod IPs), so it is not used;
 * - else the first other interface (by name) whose subnet holds the gateway.
 * @param enabled the plugin's own `snat` switch
 */
export function chooseSnat(ctx: NodeContext, enabled: boolean): SnatDecision {
  if (!enabled) return { reason: 'SNAT disabled in the service plugin config' };
  if (!ctx.natExternalTraffic) return { reason: 'SNAT disabled (natExternalTraffic is off)' };
  const gw = ctx.gateway;
  if (gw === undefined) return { reason: 'no default gateway' };
  const vxlan = ctx.vxlanBvi !== undefined && !ctx.l2Mode;
  if (ctx.nodeIp !== undefined && ctx.mainInterface !== '' && subnetHolds(ctx.nodeIp, gw)) {
    if (vxlan) {
      return {
        choice: { interface: ctx.mainInterface, address: addressOf(ctx.nodeIp), main: true },
        reason: `gateway ${gw} is in the node subnet of ${ctx.mainInterface}`,
      };
    }
    // Falls through: another interface may still face the gateway.
  }
  for (const other of ctx.otherInterfaces) {
    if (other.ip !== undefined && subnetHolds(other.ip, gw)) {
      return {
        choice: { interface: other.name, address: addressOf(other.ip), main: false },
        reason: `gateway ${gw} is in the subnet of ${other.name}`,
      };
    }
  }
  if (!vxlan && ctx.nodeIp !== undefined && subnetHolds(ctx.nodeIp, gw)) {
    return { reason: 'L2 mode: SNAT on the main interface would translate inter-node pod traffic' };
  }
  return { reason: `no interface faces gateway ${gw}` };
}
