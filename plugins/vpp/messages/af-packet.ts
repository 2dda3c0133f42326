/** @module `af_packet.api` messages (VPP 22.10): `af_packet_create`, `af_packet_delete`, `af_packet_dump`. */
import type { InterfaceIndex, MacAddress, RetvalReply } from './vpp-types.ts';

/** `af_packet_create`: binds a Linux interface; VPP names it `host-<host_if_name>`. */
export interface AfPacketCreate {
  readonly _msgname: 'af_packet_create';
  readonly hw_addr: MacAddress;
  readonly use_random_hw_addr: boolean;
  /** string[64] */
  readonly host_if_name: string;
}

/** `af_packet_create_reply`. */
export interface AfPacketCreateReply {
  readonly _msgname: 'af_packet_create_reply';
  readonly retval: number;
  readonly sw_if_index: InterfaceIndex;
}

/** `af_packet_delete`: by Linux interface name. */
export interface AfPacketDelete {
  readonly _msgname: 'af_packet_delete';
  readonly host_if_name: string;
}

/** `af_packet_dump`. */
export interface AfPacketDump {
  readonly _msgname: 'af_packet_dump';
}

/** `af_packet_details`. */
export interface AfPacketDetails {
  readonly _msgname: 'af_packet_details';
  readonly sw_if_index: InterfaceIndex;
  readonly host_if_name: string;
}

/** Request → reply of this API file. */
export interface AfPacketRequests {
  readonly af_packet_create: { readonly req: AfPacketCreate; readonly reply: AfPacketCreateReply };
  readonly af_packet_delete: { readonly req: AfPacketDelete; readonly reply: RetvalReply<'af_packet_delete_reply'> };
}

/** Dump → details of this API file. */
export interface AfPacketDumps {
  readonly af_packet_dump: { readonly req: AfPacketDump; readonly details: AfPacketDetails };
}
