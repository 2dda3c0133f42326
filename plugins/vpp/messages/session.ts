/**
 * @module `session.api` messages (VPP 22.10 host stack): `session_enable_disable`,
 * `app_namespace_add_del`, `session_rule_add_del`, `session_rules_dump`.
 */
import type { InterfaceIndex, Prefix, RetvalReply } from './vpp-types.ts';

/** `enum transport_proto`. */
export const TransportProto = {
  TRANSPORT_PROTO_API_TCP: 0,
  TRANSPORT_PROTO_API_UDP: 1,
  TRANSPORT_PROTO_API_NONE: 2,
  TRANSPORT_PROTO_API_TLS: 3,
  TRANSPORT_PROTO_API_QUIC: 4,
} as const;

/** `enum session_rule_scope`. */
export const SessionRuleScope = {
  SESSION_RULE_SCOPE_API_GLOBAL: 0,
  SESSION_RULE_SCOPE_API_LOCAL: 1,
  SESSION_RULE_SCOPE_API_BOTH: 2,
} as const;

/** Action index of a session rule that drops (VPP's `SESSION_RULES_TABLE_ACTION_DROP`, `~0 - 1`; `~0` is "no action"). */
export const SESSION_RULE_ACTION_DROP = 0xfffffffe;
/** Action index of a session rule that allows (VPP's `SESSION_RULES_TABLE_ACTION_ALLOW`, `~0 - 2`). */
export const SESSION_RULE_ACTION_ALLOW = 0xfffffffd;

/** `session_enable_disable`. */
export interface SessionEnableDisable {
  readonly _msgname: 'session_enable_disable';
  readonly is_enable: boolean;
}

/** `app_namespace_add_del`: adds (or updates, by `namespace_id`) an application namespace. */
export interface AppNamespaceAddDel {
  readonly _msgname: 'app_namespace_add_del';
  /** u64 */
  readonly secret: bigint;
  /** ~0 = no interface; then `ip4_fib_id` is used. */
  readonly sw_if_index: InterfaceIndex;
  readonly ip4_fib_id: number;
  readonly ip6_fib_id: number;
  readonly namespace_id: string;
}

/** `app_namespace_add_del_reply`. */
export interface AppNamespaceAddDelReply {
  readonly _msgname: 'app_namespace_add_del_reply';
  readonly retval: number;
  readonly appns_index: number;
}

/** `session_rule_add_del`. */
export interface SessionRuleAddDel {
  readonly _msgname: 'session_rule_add_del';
  /** `transport_proto` */
  readonly transport_proto: number;
  readonly lcl: Prefix;
  readonly rmt: Prefix;
  readonly lcl_port: number;
  readonly rmt_port: number;
  /** An app index, or {@linkcode SESSION_RULE_ACTION_ALLOW} / {@linkcode SESSION_RULE_ACTION_DROP}. */
  readonly action_index: number;
  readonly is_add: boolean;
  readonly appns_index: number;
  /** `session_rule_scope` */
  readonly scope: number;
  /** string[64] */
  readonly tag: string;
}

/** `session_rules_dump`. */
export interface SessionRulesDump {
  readonly _msgname: 'session_rules_dump';
}

/** `session_rules_details`: one per rule per table (a BOTH rule is dumped twice). */
export interface SessionRulesDetails {
  readonly _msgname: 'session_rules_details';
  readonly transport_proto: number;
  readonly lcl: Prefix;
  readonly rmt: Prefix;
  readonly lcl_port: number;
  readonly rmt_port: number;
  readonly action_index: number;
  readonly appns_index: number;
  readonly scope: number;
  readonly tag: string;
}

/** Request → reply of this API file. */
export interface SessionRequests {
  readonly session_enable_disable: { readonly req: SessionEnableDisable; readonly reply: RetvalReply<'session_enable_disable_reply'> };
  readonly app_namespace_add_del: { readonly req: AppNamespaceAddDel; readonly reply: AppNamespaceAddDelReply };
  readonly session_rule_add_del: { readonly req: SessionRuleAddDel; readonly reply: RetvalReply<'session_rule_add_del_reply'> };
}

/** Dump → details of this API file. */
export interface SessionDumps {
  readonly session_rules_dump: { readonly req: SessionRulesDump; readonly details: SessionRulesDetails };
}
