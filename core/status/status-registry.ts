/** @module StatusRegistry: the agent's state and every plugin's status, behind /status and /health. */
import type { Clock } from '../clock.ts';
import { errorToJSON } from '../errors.ts';
import type { PluginState, PluginStatus, StatusReporter } from './agent-status.ts';

/** Lifecycle state of the whole agent. */
export type AgentState = 'created' | 'starting' | 'running' | 'failed' | 'closing' | 'closed';

/**
 * Holds the statuses of one agent. Plugins write theirs through the `StatusReporter` bound to
 * them; the host sets the agent state and readiness.
 * @example
 * const status = new StatusRegistry(systemClock);
 * status.reporter('policy').report('error', new BadInputError('k8s/policy/x', 'spec', 'bad'));
 */
export class StatusRegistry {
  readonly #plugins = new Map<string, PluginStatus>();
  #state: AgentState = 'created';
  #ready = false;
  #lastError: Record<string, unknown> | undefined;

  constructor(private readonly clock: Clock) {}

  /** The agent state. */
  get state(): AgentState {
    return this.#state;
  }

  /** True once the initial resync succeeded and until the agent closes or fails. */
  get ready(): boolean {
    return this.#ready;
  }

  /** The error that failed the agent's start, as JSON. */
  get lastError(): Record<string, unknown> | undefined {
    return this.#lastError;
  }

  /** Moves the agent to `state`; readiness holds only while running. */
  setState(state: AgentState, error?: unknown): void {
    this.#state = state;
    if (state !== 'running') this.#ready = false;
    if (error !== undefined) this.#lastError = errorToJSON(error);
  }

  /** Marks the agent ready (after the initial resync). */
  markReady(): void {
    if (this.#state === 'running') this.#ready = true;
  }

  /** Sets a plugin's state (and its last error, if given); the first call registers the plugin. */
  set(plugin: string, state: PluginState, error?: unknown): void {
    const prev = this.#plugins.get(plugin);
    // The last error stays visible after recovery: it explains the most recent trouble.
    const lastError = error === undefined ? prev?.lastError : errorToJSON(error);
    this.#plugins.set(plugin, {
      state,
      since: this.clock.now(),
      ...(lastError === undefined ? {} : { lastError }),
      ...(prev?.details === undefined ? {} : { details: prev.details }),
    });
  }

  /** Merges details into a plugin's status. */
  details(plugin: string, details: Readonly<Record<string, unknown>>): void {
    const prev = this.#plugins.get(plugin) ?? { state: 'init', since: this.clock.now() };
    this.#plugins.set(plugin, { ...prev, details: { ...prev.details, ...details } });
  }

  /** A plugin's status. */
  plugin(name: string): PluginStatus | undefined {
    return this.#plugins.get(name);
  }

  /** The reporter a plugin gets as `STATUS_REPORTER`. */
  reporter(plugin: string): StatusReporter {
    return {
      report: (state, error) => this.set(plugin, state, error),
      details: (details) => this.details(plugin, details),
    };
  }
}
