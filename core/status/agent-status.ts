/** @module Plugin and agent status: what /status and /health/ready report. */

/** State of one plugin. */
export type PluginState = 'init' | 'ok' | 'error' | 'closed';

/** What a plugin reports about itself. */
export interface PluginStatus {
  readonly state: PluginState;
  /** Last error, as JSON (see ContivError.toJSON). */
  readonly lastError?: Record<string, unknown>;
  /** Free-form details a plugin adds (counters, bad objects skipped). */
  readonly details?: Readonly<Record<string, unknown>>;
  /** Milliseconds since epoch of the last change. */
  readonly since: number;
}

/** Lets a plugin report its state and details; injected as `STATUS_REPORTER` (bound to that plugin). */
export interface StatusReporter {
  /** Sets this plugin's state and last error. */
  report(state: PluginState, error?: unknown): void;
  /** Merges details into this plugin's status (e.g. `{ skippedObjects: [...] }`). */
  details(details: Readonly<Record<string, unknown>>): void;
}
