/** @module Splitting a write batch into transactions etcd accepts: at most 128 operations, each key once. */
import type { KvOp } from './key-value-store.ts';

/** etcd's default limit of operations per transaction (`--max-txn-ops`). */
export const MAX_TXN_OPS = 128;

/** Bytes of keys and values per transaction, below etcd's default request limit of 1.5 MiB. */
export const MAX_TXN_BYTES = 1_000_000;

/**
 * Splits `ops` into consecutive chunks of at most `max` operations (and about `maxBytes` of
 * keys and values) in which no key occurs twice (etcd rejects a transaction naming a key
 * twice). Order is preserved, so applying the chunks one after another equals applying `ops`.
 */
export function chunkOps(ops: readonly KvOp[], max: number = MAX_TXN_OPS, maxBytes: number = MAX_TXN_BYTES): KvOp[][] {
  const chunks: KvOp[][] = [];
  let current: KvOp[] = [];
  let keys = new Set<string>();
  let bytes = 0;
  for (const op of ops) {
    const size = op.key.length + (op.type === 'put' ? op.value.length : 0);
    if (current.length > 0 && (current.length >= max || keys.has(op.key) || bytes + size > maxBytes)) {
      chunks.push(current);
      current = [];
      keys = new Set();
      bytes = 0;
    }
    current.push(op);
    keys.add(op.key);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** The first key that occurs twice in `ops`, if any. */
export function duplicateKey(ops: readonly KvOp[]): string | undefined {
  const seen = new Set<string>();
  for (const op of ops) {
    if (seen.has(op.key)) return op.key;
    seen.add(op.key);
  }
  return undefined;
}
