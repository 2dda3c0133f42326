/** @module Errors the reconciler records: unknown keys, failed operations and dumps, bad registrations. */
import { ContivError } from '../../../core/errors.ts';

/** A key no registered descriptor owns. */
export class UnknownKeyError extends ContivError {
  readonly code = 'VPP_UNKNOWN_KEY';
  constructor(readonly key: string) {
    super(`no descriptor owns key ${key}`);
  }
}

/** A create, update or delete that VPP (or the descriptor) refused. */
export class OperationFailedError extends ContivError {
  readonly code = 'VPP_OPERATION_FAILED';
  constructor(
    readonly key: string,
    readonly op: 'create' | 'update' | 'delete',
    readonly descriptor: string,
    options?: ErrorOptions,
  ) {
    super(`${op} of ${key} (${descriptor}) failed${causeText(options)}`, options);
  }
}

/** A dump that failed during resync: the reconciler keeps its previous view of that kind. */
export class DumpFailedError extends ContivError {
  readonly code = 'VPP_DUMP_FAILED';
  constructor(readonly descriptor: string, options?: ErrorOptions) {
    super(`dump of ${descriptor} failed${causeText(options)}`, options);
  }
}

/** Two descriptors with one name or one key prefix, or a cycle in `dumpAfter`. */
export class DescriptorRegistrationError extends ContivError {
  readonly code = 'VPP_DESCRIPTOR_REGISTRATION';
  constructor(readonly descriptor: string, readonly detail: string) {
    super(`descriptor ${descriptor}: ${detail}`);
  }
}

/** The vpp plugin's API was used before its `init` ran. */
export class VppNotInitializedError extends ContivError {
  readonly code = 'VPP_NOT_INITIALIZED';
  constructor() {
    super('the vpp plugin was used before its init phase');
  }
}

function causeText(options?: ErrorOptions): string {
  const c = options?.cause;
  if (c === undefined) return '';
  return `: ${c instanceof Error ? c.message : String(c)}`;
}
