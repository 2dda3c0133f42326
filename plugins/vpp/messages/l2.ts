/**
 * @module `l2.api` messages (VPP 22.10): `bridge_domain_add_del`, `bridge_domain_dump`,
 * `sw_interface_set_l2_bridge` (with `port_type` BVI).
 */
import type { InterfaceIndex, RetvalReply } from './vpp-types.ts';

/** `bridge_domain_add_del`: bd_id 0 is VPP's own and cannot be changed. */
export interface BridgeDomainAddDel {
  readonly _msgname: 'bridge_domain_add_del';
  readonly bd_id: number;
  readonly flood: boolean;
  readonly uu_flood: boolean;
  readonly forward: boolean;
  readonly learn: boolean;
  readonly arp_term: boolean;
  readonly arp_ufwd: boolean;
  readonly mac_age: number;
  /** string[64] */
  readonly bd_tag: string;
  readonly is_add: boolean;
}

/** `bridge_domain_dump`: all (bd_id ~0) or one; optionally only BDs holding `sw_if_index`. */
export interface BridgeDomainDump {
  readonly _msgname: 'bridge_domain_dump';
  readonly bd_id: number;
  readonly sw_if_index: InterfaceIndex;
}

/** `bridge_domain_sw_if`: a member of a bridge domain. */
export interface BridgeDomainSwIf {
  readonly context: number;
  readonly sw_if_index: InterfaceIndex;
  readonly shg: number;
}

/** `bridge_domain_details`. */
export interface BridgeDomainDetails {
  readonly _msgname: 'bridge_domain_details';
  readonly bd_id: number;
  readonly flood: boolean;
  readonly uu_flood: boolean;
  readonly forward: boolean;
  readonly learn: boolean;
  readonly arp_term: boolean;
  readonly arp_ufwd: boolean;
  readonly mac_age: number;
  readonly bd_tag: string;
  /** ~0 when the BD has no BVI. */
  readonly bvi_sw_if_index: InterfaceIndex;
  readonly uu_fwd_sw_if_index: InterfaceIndex;
  readonly n_sw_ifs: number;
  /** Members (the BVI included). */
  readonly sw_if_details: readonly BridgeDomainSwIf[];
}

/** `enum l2_port_type`. */
export const L2PortType = { L2_API_PORT_TYPE_NORMAL: 0, L2_API_PORT_TYPE_BVI: 1, L2_API_PORT_TYPE_UU_FWD: 2 } as const;
/** Value of {@linkcode L2PortType}. */
export type L2PortType = (typeof L2PortType)[keyof typeof L2PortType];

/** `sw_interface_set_l2_bridge`: `enable` puts the interface into BD `bd_id` (created if missing), else back to L3. */
export interface SwInterfaceSetL2Bridge {
  readonly _msgname: 'sw_interface_set_l2_bridge';
  readonly rx_sw_if_index: InterfaceIndex;
  readonly bd_id: number;
  readonly port_type: L2PortType;
  readonly shg: number;
  readonly enable: boolean;
}

/** Request → reply of this API file. */
export interface L2Requests {
  readonly bridge_domain_add_del: { readonly req: BridgeDomainAddDel; readonly reply: RetvalReply<'bridge_domain_add_del_reply'> };
  readonly sw_interface_set_l2_bridge: {
    readonly req: SwInterfaceSetL2Bridge;
    readonly reply: RetvalReply<'sw_interface_set_l2_bridge_reply'>;
  };
}

/** Dump → details of this API file. */
export interface L2Dumps {
  readonly bridge_domain_dump: { readonly req: BridgeDomainDump; readonly details: BridgeDomainDetails };
}
