/**
 * @module `nat44_ed.api` messages of the NAT44-ED plugin as a whole (VPP 22.10): enabling it,
 * forwarding mode and the running configuration that reports both.
 */

/** Sessions per thread VPP configures when `nat44_ed_plugin_enable_disable` asks for 0 (`nat44_plugin_enable`). */
export const NAT44_DEFAULT_SESSIONS = 63 * 1024;

/** `enum nat44_config_flags` (u8) of the plugin's configuration. */
export const Nat44ConfigFlags = {
  NAT44_IS_ENDPOINT_INDEPENDENT: 0x00,
  NAT44_IS_ENDPOINT_DEPENDENT: 0x01,
  NAT44_IS_STATIC_MAPPING_ONLY: 0x02,
  NAT44_IS_CONNECTION_TRACKING: 0x04,
  NAT44_IS_OUT2IN_DPO: 0x08,
} as const;

/**
 * `nat44_ed_plugin_enable_disable`: VPP 22.10 starts with NAT44-ED disabled and refuses every
 * NAT setting (VNET_API_ERROR_UNSUPPORTED) until it is enabled. Enabling resets forwarding to
 * off; disabling removes every mapping, pool address, interface feature and session. Enabling
 * twice (or disabling twice) answers retval 1.
 */
export interface Nat44EdPluginEnableDisable {
  readonly _msgname: 'nat44_ed_plugin_enable_disable';
  readonly inside_vrf: number;
  readonly outside_vrf: number;
  /** Maximum sessions per thread; 0 = VPP's default (63 × 1024). */
  readonly sessions: number;
  /** Unused by NAT44-ED. */
  readonly session_memory: number;
  readonly enable: boolean;
  /** {@linkcode Nat44ConfigFlags}; static-mapping-only and connection tracking are UNSUPPORTED in ED mode. */
  readonly flags: number;
}

/** `nat44_forwarding_enable_disable`: out2in packets matching nothing pass untranslated. */
export interface Nat44ForwardingEnableDisable {
  readonly _msgname: 'nat44_forwarding_enable_disable';
  readonly enable: boolean;
}

/** `nat44_show_running_config`. */
export interface Nat44ShowRunningConfig {
  readonly _msgname: 'nat44_show_running_config';
}

/** `typedef nat_timeouts` (seconds). */
export interface NatTimeouts {
  readonly udp: number;
  readonly tcp_established: number;
  readonly tcp_transitory: number;
  readonly icmp: number;
}

/**
 * `nat44_show_running_config_reply`. The reply has no "enabled" flag: a disabled plugin reports
 * its zeroed configuration, so `sessions` is 0 exactly when the plugin is disabled (enabling with
 * 0 stores VPP's default).
 */
export interface Nat44ShowRunningConfigReply {
  readonly _msgname: 'nat44_show_running_config_reply';
  readonly retval: number;
  readonly inside_vrf: number;
  readonly outside_vrf: number;
  /** Obsolete (endpoint-independent mode): 0. */
  readonly users: number;
  readonly sessions: number;
  /** Obsolete: 0. */
  readonly user_sessions: number;
  /** Obsolete: 0. */
  readonly user_buckets: number;
  readonly translation_buckets: number;
  readonly forwarding_enabled: boolean;
  readonly ipfix_logging_enabled: boolean;
  readonly timeouts: NatTimeouts;
  /** `enum nat_log_level` (u8). */
  readonly log_level: number;
  /** {@linkcode Nat44ConfigFlags}: always NAT44_IS_ENDPOINT_DEPENDENT. */
  readonly flags: number;
}
