/** @module ContivError, the base of every error the agent reports, and core's own errors. */

/**
 * Base class of all agent errors. Context lives in own fields (served as JSON by
 * `/status`, `/events` and the logs), the original error in `cause`.
 */
export abstract class ContivError extends Error {
  /** Stable machine-readable code. */
  abstract readonly code: string;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }

  /** Own fields are the context; /status, /events and the logs all use this. */
  toJSON(): Record<string, unknown> {
    const c = this.cause;
    const cause = c instanceof ContivError ? c.toJSON() : c === undefined ? undefined : c instanceof Error ? c.message : String(c);
    const fields: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(this)) if (k !== 'cause') fields[k] = v;
    return { ...fields, name: this.name, message: this.message, ...(cause === undefined ? {} : { cause }) };
  }
}

/** Bad input (a manifest, a stored object, a request): the object is skipped, the rest goes on. */
export class BadInputError extends ContivError {
  readonly code = 'BAD_INPUT';
  /**
   * @param source where the input came from: a KV key, a file (with document index) or a request
   * @param field the path of the offending field inside the object (`spec.ingress[0].from[1].ipBlock.cidr`)
   * @param detail what was wrong and what was expected
   */
  constructor(readonly source: string, readonly field: string, readonly detail: string, options?: ErrorOptions) {
    super(`${source}${field ? ` ${field}` : ''}: ${detail}`, options);
  }
}

/** Turns anything thrown into something JSON-serialisable for status and history. */
export function errorToJSON(err: unknown): Record<string, unknown> {
  if (err instanceof ContivError) return err.toJSON();
  if (err instanceof Error) return { name: err.name, message: err.message };
  return { name: 'Error', message: String(err) };
}

/** The message of anything thrown. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A host phase: constructing the plugin, then its lifecycle hooks. */
export type HostPhase = 'construct' | 'init' | 'afterInit' | 'resync' | 'close';

/** A plugin hook did not settle within the phase timeout. */
export class PhaseTimeoutError extends ContivError {
  readonly code = 'PHASE_TIMEOUT';
  constructor(readonly plugin: string, readonly phase: HostPhase, readonly timeoutMs: number) {
    super(`plugin "${plugin}" did not finish ${phase} within ${timeoutMs} ms`);
  }
}

/** A plugin failed in one phase (its constructor or a hook threw or rejected). */
export class PluginPhaseError extends ContivError {
  readonly code = 'PLUGIN_PHASE_FAILED';
  constructor(readonly plugin: string, readonly phase: HostPhase, options: { cause: unknown }) {
    super(`plugin "${plugin}" failed in ${phase}: ${errorMessage(options.cause)}`, options);
  }
}

/** The plugins' dependencies form a cycle; `cycle` lists its members, the first repeated at the end. */
export class DependencyCycleError extends ContivError {
  readonly code = 'DEPENDENCY_CYCLE';
  constructor(readonly cycle: readonly string[]) {
    super(`dependency cycle between plugins: ${cycle.join(' -> ')} (each needs the next)`);
  }
}

/** A plugin needs a token nobody provides. */
export class MissingDependencyError extends ContivError {
  readonly code = 'MISSING_DEPENDENCY';
  constructor(readonly plugin: string, readonly token: string, readonly parameter: number) {
    super(`plugin "${plugin}" needs ${token} (constructor parameter #${parameter}), but no plugin in the build provides it`);
  }
}

/** A plugin needs a token that only a disabled plugin provides. */
export class DisabledDependencyError extends ContivError {
  readonly code = 'DISABLED_DEPENDENCY';
  constructor(readonly plugin: string, readonly disabledPlugin: string, readonly token: string) {
    super(
      `plugin "${plugin}" needs ${token}, which only plugin "${disabledPlugin}" provides, ` +
        `but "${disabledPlugin}" is disabled (plugins.${disabledPlugin}.enabled: false)`,
    );
  }
}

/** Two plugins provide the same token. */
export class DuplicateProviderError extends ContivError {
  readonly code = 'DUPLICATE_PROVIDER';
  constructor(readonly token: string, readonly plugins: readonly string[]) {
    super(`${token} is provided by more than one plugin: ${plugins.map((p) => `"${p}"`).join(', ')}`);
  }
}

/** A plugin class is unusable: no @plugin(), a parameter without a token, a name mismatch. */
export class InvalidPluginError extends ContivError {
  readonly code = 'INVALID_PLUGIN';
  constructor(readonly plugin: string, readonly detail: string, options?: ErrorOptions) {
    super(`plugin ${plugin}: ${detail}`, options);
  }
}

/** One problem found in the configuration. */
export interface ConfigIssue {
  /** Where the offending value came from: the file name, `env CONTIV_HTTP__PORT`, `flag --set http.port`. */
  readonly origin: string;
  /** Dotted path of the value (`plugins.policy.renderer`); empty for the whole document. */
  readonly path: string;
  /** What was wrong and what was expected. */
  readonly detail: string;
  /** 1-based line and column inside the file (YAML syntax errors). */
  readonly line?: number;
  readonly column?: number;
}

/** The configuration is invalid; every issue names its origin, path and what was expected. */
export class ConfigError extends ContivError {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly source: string, readonly issues: readonly ConfigIssue[]) {
    super(`invalid configuration (${source}):\n${issues.map((i) => `  ${formatConfigIssue(i)}`).join('\n')}`);
  }
}

/** One config issue as a line: `agent.yaml:3:5: plugins.policy.renderer: expected ...`. */
export function formatConfigIssue(issue: ConfigIssue): string {
  const at = issue.line === undefined ? issue.origin : `${issue.origin}:${issue.line}:${issue.column ?? 1}`;
  return `${at}: ${issue.path ? `${issue.path}: ` : ''}${issue.detail}`;
}

/** Some plugins failed to close; the others were still closed. */
export class CloseError extends ContivError {
  readonly code = 'CLOSE_FAILED';
  readonly failures: readonly { readonly plugin: string; readonly error: Record<string, unknown> }[];
  constructor(failures: readonly { readonly plugin: string; readonly error: unknown }[]) {
    super(`closing failed for ${failures.map((f) => `"${f.plugin}" (${errorMessage(f.error)})`).join(', ')}`);
    this.failures = failures.map((f) => ({ plugin: f.plugin, error: errorToJSON(f.error) }));
  }
}

/** The REST server could not listen. */
export class HttpListenError extends ContivError {
  readonly code = 'HTTP_LISTEN';
  constructor(readonly host: string, readonly port: number, options: { cause: unknown }) {
    super(`cannot serve HTTP on ${host}:${port}: ${errorMessage(options.cause)}`, options);
  }
}

/** An agent method was called in a state that does not allow it (start twice, ...). */
export class AgentStateError extends ContivError {
  readonly code = 'AGENT_STATE';
  constructor(readonly state: string, readonly operation: string) {
    super(`cannot ${operation} an agent that is ${state}`);
  }
}

/** A strict fake was called: the test did not expect the plugin to use this dependency. */
export class UnexpectedCallError extends ContivError {
  readonly code = 'UNEXPECTED_CALL';
  constructor(readonly token: string, readonly method: string) {
    super(`unexpected call ${token}.${method}(): no fake was provided for ${token} (use .override(token))`);
  }
}

/** A plugin mounted routes after the REST app started answering requests. */
export class RoutesSealedError extends ContivError {
  readonly code = 'ROUTES_SEALED';
  constructor(readonly path: string) {
    super(`cannot mount routes at "${path}" after the REST app started serving; mount them in init()`);
  }
}
