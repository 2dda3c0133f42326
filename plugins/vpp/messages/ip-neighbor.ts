/** @module `ip_neighbor.api` messages (VPP 22.10): `ip_neighbor_add_del`, `ip_neighbor_dump`. */
import type { Address, AddressFamily, InterfaceIndex, MacAddress } from './vpp-types.ts';

/** `enum ip_neighbor_flags` (a bit set). */
export const IpNeighborFlags = {
  IP_API_NEIGHBOR_FLAG_NONE: 0,
  IP_API_NEIGHBOR_FLAG_STATIC: 1,
  IP_API_NEIGHBOR_FLAG_NO_FIB_ENTRY: 2,
} as const;

/** `ip_neighbor`. */
export interface IpNeighbor {
  readonly sw_if_index: InterfaceIndex;
  /** `ip_neighbor_flags` */
  readonly flags: number;
  readonly mac_address: MacAddress;
  readonly ip_address: Address;
}

/** `ip_neighbor_add_del`: an add of an existing entry updates its MAC. */
export interface IpNeighborAddDel {
  readonly _msgname: 'ip_neighbor_add_del';
  readonly is_add: boolean;
  readonly neighbor: IpNeighbor;
}

/** `ip_neighbor_add_del_reply`. */
export interface IpNeighborAddDelReply {
  readonly _msgname: 'ip_neighbor_add_del_reply';
  readonly retval: number;
  readonly stats_index: number;
}

/** `ip_neighbor_dump`: all interfaces (~0) or one, one address family. */
export interface IpNeighborDump {
  readonly _msgname: 'ip_neighbor_dump';
  readonly sw_if_index: InterfaceIndex;
  readonly af: AddressFamily;
}

/** `ip_neighbor_details`. */
export interface IpNeighborDetails {
  readonly _msgname: 'ip_neighbor_details';
  /** Seconds since last update (f64). */
  readonly age: number;
  readonly neighbor: IpNeighbor;
}

/** Request → reply of this API file. */
export interface IpNeighborRequests {
  readonly ip_neighbor_add_del: { readonly req: IpNeighborAddDel; readonly reply: IpNeighborAddDelReply };
}

/** Dump → details of this API file. */
export interface IpNeighborDumps {
  readonly ip_neighbor_dump: { readonly req: IpNeighborDump; readonly details: IpNeighborDetails };
}
