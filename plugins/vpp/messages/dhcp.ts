/**
 * @module `dhcp.api` messages (VPP 22.10, DHCP plugin): `dhcp_client_config`,
 * `dhcp_client_dump` and the `dhcp_compl_event` a client with `want_dhcp_event` receives.
 */
import type { Address, InterfaceIndex, MacAddress, RetvalReply } from './vpp-types.ts';

/** `enum dhcp_client_state`. */
export const DhcpClientState = {
  DHCP_CLIENT_STATE_API_DISCOVER: 0,
  DHCP_CLIENT_STATE_API_REQUEST: 1,
  DHCP_CLIENT_STATE_API_BOUND: 2,
} as const;
/** Value of {@linkcode DhcpClientState}. */
export type DhcpClientState = (typeof DhcpClientState)[keyof typeof DhcpClientState];

/** `dhcp_client`: client configuration. */
export interface DhcpClient {
  readonly sw_if_index: InterfaceIndex;
  /** string[64] */
  readonly hostname: string;
  /** Client ID, option 61 (u8[64]). */
  readonly id: readonly number[];
  readonly want_dhcp_event: boolean;
  readonly set_broadcast_flag: boolean;
  /** `ip_dscp` */
  readonly dscp: number;
  readonly pid: number;
}

/** `domain_server`. */
export interface DomainServer {
  readonly address: Address;
}

/** `dhcp_lease`: what the client learned. */
export interface DhcpLease {
  readonly sw_if_index: InterfaceIndex;
  readonly state: DhcpClientState;
  readonly is_ipv6: boolean;
  readonly hostname: string;
  readonly mask_width: number;
  readonly host_address: Address;
  readonly router_address: Address;
  readonly host_mac: MacAddress;
  readonly count: number;
  readonly domain_server: readonly DomainServer[];
}

/** `dhcp_client_config`: add or remove the DHCP client of an interface. */
export interface DhcpClientConfig {
  readonly _msgname: 'dhcp_client_config';
  readonly is_add: boolean;
  readonly client: DhcpClient;
}

/** `dhcp_compl_event`: a lease was bound (sent to clients that asked with `want_dhcp_event`). */
export interface DhcpComplEvent {
  readonly _msgname: 'dhcp_compl_event';
  readonly pid: number;
  readonly lease: DhcpLease;
}

/** `dhcp_client_dump`. */
export interface DhcpClientDump {
  readonly _msgname: 'dhcp_client_dump';
}

/** `dhcp_client_details`. */
export interface DhcpClientDetails {
  readonly _msgname: 'dhcp_client_details';
  readonly client: DhcpClient;
  readonly lease: DhcpLease;
}

/** Request → reply of this API file. */
export interface DhcpRequests {
  readonly dhcp_client_config: { readonly req: DhcpClientConfig; readonly reply: RetvalReply<'dhcp_client_config_reply'> };
}

/** Dump → details of this API file. */
export interface DhcpDumps {
  readonly dhcp_client_dump: { readonly req: DhcpClientDump; readonly details: DhcpClientDetails };
}

/** Events of this API file. */
export interface DhcpEvents {
  readonly dhcp_compl_event: DhcpComplEvent;
}
