/** @module Errors of the key-value stores: unavailable backend, closed store, invalid request. */
import { ContivError } from '../errors.ts';

/** The store's backend cannot be reached (etcd down, timeout). Retrying later may succeed. */
export class KvUnavailableError extends ContivError {
  readonly code = 'KV_UNAVAILABLE';
  /**
   * @param store `memory` or `etcd`
   * @param operation the operation that failed (`get`, `list`, `put`, `txn`, `watch`, ...)
   */
  constructor(readonly store: string, readonly operation: string, options?: ErrorOptions) {
    super(`${store} store: ${operation} failed: backend unavailable`, options);
  }
}

/** An operation was called on a closed store. */
export class KvClosedError extends ContivError {
  readonly code = 'KV_CLOSED';
  constructor(readonly store: string, readonly operation: string) {
    super(`${store} store: ${operation} called after close()`);
  }
}

/** A request the store rejects as malformed (e.g. one key twice in a transaction, as etcd refuses). */
export class KvRequestError extends ContivError {
  readonly code = 'KV_BAD_REQUEST';
  constructor(readonly store: string, readonly operation: string, readonly detail: string, options?: ErrorOptions) {
    super(`${store} store: ${operation}: ${detail}`, options);
  }
}
