/**
 * @module The node's base NAT44 configuration: forwarding mode, the interface features, the
 * pool (SNAT address and twice-NAT address) and the identity mapping that keeps the VXLAN port
 * out of dynamic translation. Pure.
 *
 * Interface features follow how VPP's NAT44 translates: a static mapping translates a packet
 * entering an `outside` interface (frontends: where clients' connections arrive), its replies
 * are translated back when they enter an `inside` interface (backends: where replies arrive).
 * Pods, the host interconnect, the VXLAN BVI and the physical interfaces carry both roles:
 * pods and the host are clients and backends, remote backends' replies arrive over VXLAN (or,
 * in L2 mode, over the main interface), and external clients arrive on the physical ones. The
 * SNAT interface gets the output feature only: VPP does not combine it with pre-routing
 * features, and its out2in side also serves static mappings for clients arriving there.
 */
import type { NatGlobal, NatIdentityMapping, NatInterface, NatPoolAddress } from '../vpp/model.ts';
import { vppKeys } from '../vpp/model.ts';
import { frontendSlot, type NatClaim } from './nat-claim.ts';
import { addressOf, type NodeContext } from './node-context.ts';
import { VXLAN_IDENTITY_TAG } from './service-tag.ts';
import type { SnatChoice } from './snat-choice.ts';

/** The VXLAN UDP port (IANA). */
export const VXLAN_PORT = 4789;

const UDP = 17;

/** The interfaces that get pre-routing inside+outside features, sorted, without duplicates or ''. */
function natInterfaces(ctx: NodeContext): string[] {
  const names = [
    ...ctx.podInterfaces,
    ctx.hostInterconnect,
    ...(ctx.vxlanBvi === undefined ? [] : [ctx.vxlanBvi]),
    ctx.mainInterface,
    ...ctx.otherInterfaces.map((o) => o.name),
  ];
  return [...new Set(names.filter((n) => n !== ''))].sort();
}

/**
 * The base NAT44 values of this node, sorted by key.
 * @param snat the SNAT interface, if SNAT is on
 */
export function exportBaseNat(ctx: NodeContext, snat: SnatChoice | undefined): NatClaim[] {
  const claims: NatClaim[] = [];
  const own = (key: string, value: NatClaim['value']): void => void claims.push({ slot: key, key, value });
  // Forwarding: out2in packets matching no mapping (pod-to-pod, node traffic) pass untranslated.
  const global: NatGlobal = { forwarding: true };
  own(vppKeys.natGlobal(), global);
  for (const name of natInterfaces(ctx)) {
    const isSnat = snat?.interface === name;
    const value: NatInterface = { name, inside: !isSnat, outside: !isSnat, output: isSnat };
    own(vppKeys.natInterface(name), value);
  }
  if (snat && !natInterfaces(ctx).includes(snat.interface)) {
    own(vppKeys.natInterface(snat.interface), { name: snat.interface, inside: false, outside: false, output: true });
  }
  // Twice-NAT source of Cluster external traffic and of hairpinned connections: the pods'
  // gateway, which every pod and (through the pod subnet's route) every node sends back here.
  const twice: NatPoolAddress = { address: ctx.podGateway, vrf: 0, twiceNat: true };
  own(vppKeys.natAddress(ctx.podGateway), twice);
  if (snat) {
    const pool: NatPoolAddress = { address: snat.address, vrf: 0, twiceNat: false };
    own(vppKeys.natAddress(snat.address), pool);
  }
  if (snat?.main && ctx.nodeIp !== undefined) {
    // Dynamic SNAT must never hand out the node IP's VXLAN port: incoming VXLAN from other
    // nodes would then match that session and be translated to a pod.
    const ip = addressOf(ctx.nodeIp);
    const identity: NatIdentityMapping = { ip, protocol: UDP, port: VXLAN_PORT, vrf: 0, tag: VXLAN_IDENTITY_TAG };
    claims.push({ slot: frontendSlot(UDP, ip, VXLAN_PORT), key: vppKeys.natIdentity(UDP, ip, VXLAN_PORT), value: identity });
  }
  return claims.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
