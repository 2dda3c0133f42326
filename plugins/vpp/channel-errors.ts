/** @module Errors of the VPP channel: a failed retval, a reply that never came, a wrong reply. */
import { ContivError } from '../../core/errors.ts';
import { vnetApiErrorName } from './messages/api-errno.ts';

/** VPP answered with a non-zero `retval`. */
export class VppApiError extends ContivError {
  readonly code = 'VPP_API_ERROR';
  /** VPP's name for the retval (`VNET_API_ERROR_NO_SUCH_ENTRY`), when known. */
  readonly errorName: string | undefined;
  /**
   * @param msgName the request that failed
   * @param retval the reply's retval
   * @param context the request's context number
   */
  constructor(readonly msgName: string, readonly retval: number, readonly context: number) {
    const errorName = vnetApiErrorName(retval);
    super(`VPP ${msgName} failed: retval ${retval}${errorName ? ` (${errorName})` : ''}`);
    this.errorName = errorName;
  }
}

/** No (further) reply arrived within the timeout. */
export class VppTimeoutError extends ContivError {
  readonly code = 'VPP_TIMEOUT';
  constructor(readonly msgName: string, readonly context: number, readonly timeoutMs: number) {
    super(`VPP ${msgName} (context ${context}): no reply within ${timeoutMs} ms`);
  }
}

/** A message arrived for a request that expected another message. */
export class VppUnexpectedReplyError extends ContivError {
  readonly code = 'VPP_UNEXPECTED_REPLY';
  constructor(readonly msgName: string, readonly context: number, readonly expected: string, readonly received: string) {
    super(`VPP ${msgName} (context ${context}): expected ${expected}, received ${received}`);
  }
}

/** The adapter could not send the message. */
export class VppTransportError extends ContivError {
  readonly code = 'VPP_TRANSPORT';
  constructor(readonly msgName: string, readonly adapter: string, options?: ErrorOptions) {
    super(`VPP ${msgName}: sending through ${adapter} failed`, options);
  }
}

/** The channel was closed while the request was outstanding (or before it was sent). */
export class VppChannelClosedError extends ContivError {
  readonly code = 'VPP_CHANNEL_CLOSED';
  constructor(readonly msgName: string) {
    super(`VPP ${msgName}: channel closed`);
  }
}
