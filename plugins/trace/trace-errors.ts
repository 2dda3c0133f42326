/** @module Errors of the trace plugin. */
import { ContivError } from '../../core/errors.ts';

/**
 * This agent cannot trace: its data plane is not an in-process simulator (the vpp plugin runs
 * the `socket` adapter) or a plugin the tracer needs is not part of the build. Served as 501.
 */
export class TraceUnavailableError extends ContivError {
  readonly code = 'TRACE_UNAVAILABLE';
  /** @param detail what is missing and what would make tracing possible */
  constructor(readonly detail: string) {
    super(`tracing is not available on this agent: ${detail}`);
  }
}

/** A web asset of the reachability page could not be read at start-up. */
export class WebAssetError extends ContivError {
  readonly code = 'WEB_ASSET_UNREADABLE';
  constructor(readonly file: string, options: { cause: unknown }) {
    super(`cannot read web asset ${file}`, options);
  }
}
