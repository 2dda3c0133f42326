/**
 * @module ConnectionState: tracks whether a remote store is reachable, from call outcomes and
 * watch stream events, and probes it while it is down so the "connected" edge is seen even when
 * nothing else is calling.
 */
import type { KvConnectionState } from './key-value-store.ts';

/** Options of {@linkcode ConnectionState}. */
export interface ConnectionStateOptions {
  /** A cheap call that resolves when the backend answers. */
  readonly probe: () => Promise<void>;
  /** Interval between probes while disconnected. @default 500 */
  readonly probeIntervalMs?: number;
}

/** The connection state with listeners; only edges are reported. */
export class ConnectionState {
  #state: KvConnectionState = 'connected';
  #listeners = new Set<(state: KvConnectionState) => void>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;
  readonly #probe: () => Promise<void>;
  readonly #intervalMs: number;

  constructor(options: ConnectionStateOptions) {
    this.#probe = options.probe;
    this.#intervalMs = options.probeIntervalMs ?? 500;
  }

  /** Current state. */
  get state(): KvConnectionState {
    return this.#state;
  }

  /** Adds a listener; returns its removal. */
  subscribe(listener: (state: KvConnectionState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** A call or stream reached the backend. */
  up(): void {
    this.#set('connected');
  }

  /** A call or stream failed because the backend is unreachable. */
  down(): void {
    this.#set('disconnected');
  }

  /** Stops probing and notifying (store closed). */
  stop(): void {
    this.#stopped = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#listeners.clear();
  }

  #set(state: KvConnectionState): void {
    if (this.#stopped || state === this.#state) return;
    this.#state = state;
    for (const l of [...this.#listeners]) l(state);
    if (state === 'disconnected') this.#scheduleProbe();
  }

  #scheduleProbe(): void {
    if (this.#timer !== undefined || this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (this.#state === 'connected' || this.#stopped) return;
      this.#probe().then(
        () => this.up(),
        () => this.#scheduleProbe(),
      );
    }, this.#intervalMs);
    // A store waiting for its backend must not keep the process alive.
    (this.#timer as { unref?: () => void }).unref?.();
  }
}
