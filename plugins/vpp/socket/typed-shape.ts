/**
 * @module Where our typed messages (`plugins/vpp/messages`) deliberately differ from the codec's
 * default representation, so a decoded message has exactly their shape. VPP's u64 fields decode
 * as bigint (`app_namespace_add_del.secret`), except NAT session counters, which the typed
 * messages keep as numbers (exact below 2^53, far above any real counter of a node).
 */

const NUMBER_U64_FIELDS: ReadonlySet<string> = new Set(['nat44_user_session_details.last_heard', 'nat44_user_session_details.total_bytes']);

/** Whether the u64/i64 at message-relative path `msg.field` decodes as a number. */
export function isNumberU64Field(path: string): boolean {
  return NUMBER_U64_FIELDS.has(path);
}
