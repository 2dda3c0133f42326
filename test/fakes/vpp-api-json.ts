/** @module Test helpers for the socket codec: hex byte vectors and inline `.api.json` files. */
import { ApiDefinitions } from '../../plugins/vpp/socket/api-definitions.ts';
import { parseApiJson } from '../../plugins/vpp/socket/api-json-file.ts';

/** `'00 64 ff'` → bytes (spaces and newlines ignored). */
export function hex(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, '');
  if (clean.length % 2 !== 0) throw new Error(`odd hex: ${text}`);
  return Uint8Array.from(clean.match(/../g) ?? [], (b) => parseInt(b, 16));
}

/** Bytes → `'00 64 ff'`. */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

/** Header fields of a request in `.api.json`. */
export const REQUEST_HEADER = [['u16', '_vl_msg_id'], ['u32', 'client_index'], ['u32', 'context']];
/** Header fields of a reply/details in `.api.json`. */
export const REPLY_HEADER = [['u16', '_vl_msg_id'], ['u32', 'context']];
/** Header fields of an event in `.api.json`. */
export const EVENT_HEADER = [['u16', '_vl_msg_id'], ['u32', 'client_index']];

/** Definitions from inline `.api.json` documents (one object per file). */
export function inlineDefinitions(...docs: Record<string, unknown>[]): ApiDefinitions {
  return new ApiDefinitions(docs.map((d, i) => parseApiJson(JSON.stringify(d), `inline-${i}.api.json`)), '<inline>');
}
