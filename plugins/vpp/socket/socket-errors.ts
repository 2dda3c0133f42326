/**
 * @module Errors of the VPP binary-API socket stack: definitions that do not load, values that
 * do not encode, frames that do not decode, messages the running VPP lacks (or has with another
 * CRC), and connections that fail or drop. Context lives in fields (served as JSON).
 */
import { ContivError } from '../../../core/errors.ts';

/** An `.api.json` file (or a definition inside it) is malformed or refers to an unknown type. */
export class ApiDefinitionError extends ContivError {
  readonly code = 'VPP_API_DEFINITION';
  /**
   * @param source the file (or `<inline>`) the definition came from
   * @param item the definition at fault (`message sw_interface_dump`, `type fib_path`)
   * @param detail what is wrong
   */
  constructor(readonly source: string, readonly item: string, readonly detail: string, options?: ErrorOptions) {
    super(`${source}: ${item}: ${detail}`, options);
  }
}

/** A message value does not fit its definition (wrong type, out of range, too long). */
export class ApiEncodeError extends ContivError {
  readonly code = 'VPP_API_ENCODE';
  /**
   * @param msgName the message being encoded
   * @param field dotted path of the offending field (`route.paths[0].nh.address`)
   * @param detail what was wrong and what was expected
   */
  constructor(readonly msgName: string, readonly field: string, readonly detail: string) {
    super(`cannot encode ${msgName}${field ? ` field ${field}` : ''}: ${detail}`);
  }
}

/** A frame from VPP does not decode with the definition of its message. */
export class ApiDecodeError extends ContivError {
  readonly code = 'VPP_API_DECODE';
  constructor(readonly msgName: string, readonly offset: number, readonly detail: string) {
    super(`cannot decode ${msgName} at byte ${offset}: ${detail}`);
  }
}

/** A message has no definition in the loaded `.api.json` files. */
export class ApiMessageUndefinedError extends ContivError {
  readonly code = 'VPP_API_MESSAGE_UNDEFINED';
  constructor(readonly msgName: string, readonly apiSource: string) {
    super(`no definition of VPP message ${msgName} in ${apiSource}`);
  }
}

/**
 * The running VPP does not offer a message the agent needs: it is missing from the message
 * table VPP sent at connect, or VPP has it with another CRC (another layout).
 */
export class VppMessageUnavailableError extends ContivError {
  readonly code = 'VPP_MESSAGE_UNAVAILABLE';
  /**
   * @param msgName the message
   * @param expectedCrc the CRC in our definitions (`0x5463d73b`)
   * @param vppCrcs the CRCs the running VPP has under this name (empty: VPP lacks the message)
   */
  constructor(readonly msgName: string, readonly expectedCrc: string, readonly vppCrcs: readonly string[]) {
    super(
      vppCrcs.length === 0
        ? `the running VPP has no message ${msgName} (definitions: ${msgName}_${expectedCrc.replace(/^0x/, '')})`
        : `the running VPP has ${vppCrcs.map((c) => `${msgName}_${c.replace(/^0x/, '')}`).join(', ')} but the definitions describe ${msgName}_${expectedCrc.replace(/^0x/, '')} (CRC differs: another VPP release)`,
    );
  }
}

/** A frame header announces a payload larger than we accept (a corrupt stream). */
export class FrameTooLargeError extends ContivError {
  readonly code = 'VPP_FRAME_TOO_LARGE';
  constructor(readonly length: number, readonly limit: number) {
    super(`VPP API frame of ${length} bytes exceeds the limit of ${limit} bytes`);
  }
}

/** Connecting to VPP's API socket or the `sockclnt_create` handshake failed. */
export class VppConnectError extends ContivError {
  readonly code = 'VPP_CONNECT';
  constructor(readonly path: string, readonly detail: string, options?: ErrorOptions) {
    super(`cannot connect to VPP at ${path}: ${detail}`, options);
  }
}

/** A message was sent while the adapter had no connection to VPP. */
export class VppNotConnectedError extends ContivError {
  readonly code = 'VPP_NOT_CONNECTED';
  constructor(readonly adapter: string, readonly msgName: string, readonly state: string) {
    super(`${adapter}: cannot send ${msgName}: not connected (${state})`);
  }
}

/** The connection to VPP dropped (socket closed or failed). */
export class VppConnectionLostError extends ContivError {
  readonly code = 'VPP_CONNECTION_LOST';
  constructor(readonly adapter: string, readonly detail: string, options?: ErrorOptions) {
    super(`${adapter}: connection to VPP lost: ${detail}`, options);
  }
}
