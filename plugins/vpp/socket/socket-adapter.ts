/**
 * @module The `socket` adapter: the {@linkcode Adapter} seam over VPP's binary-API unix socket.
 * `connect` opens the socket and does the handshake; `send` encodes by the definitions and the
 * message table VPP returned; replies, details and events come back decoded, exactly in the
 * shape of our typed messages. When VPP goes away the adapter reports `disconnected` to its
 * listeners and reconnects with exponential backoff (a restarted VPP may number its messages
 * differently: every connection reads the table anew), then reports `reconnected`.
 *
 * @example
 * const adapter = new SocketAdapter({ path: '/run/vpp/api.sock', definitions: await loadApiDefinitions('/usr/share/vpp/api') });
 * adapter.onStateChange((e) => e.type === 'reconnected' && resync());
 * const channel = new AdapterChannel(adapter);
 * await adapter.connect();
 */
import { systemClock, type Clock } from '../../../core/clock.ts';
import type { Logger } from '../../../core/log/logger.ts';
import type { Adapter, AdapterMessageHandler } from '../adapters/adapter.ts';
import { realTimers, type ChannelTimers } from '../channel.ts';
import type { VppMessage, VppOutgoing } from '../messages/message-map.ts';
import type { ApiDefinitions } from './api-definitions.ts';
import { ApiSocketConnection, type ConnectionCounters } from './api-socket-connection.ts';
import { MessageCodec } from './message-codec.ts';
import type { CompatibilityReport } from './message-table.ts';
import { backoffDelay, type BackoffOptions } from './reconnect-backoff.ts';
import { VppConnectionLostError, VppNotConnectedError } from './socket-errors.ts';

/** VPP's default API socket (`socksvr { default }` in startup.conf). */
export const DEFAULT_VPP_API_SOCKET = '/run/vpp/api.sock';

/** Options of {@linkcode SocketAdapter}. */
export interface SocketAdapterOptions {
  /** The API socket. @default /run/vpp/api.sock */
  readonly path?: string;
  /** Message definitions (`loadApiDefinitions(dir)`). */
  readonly definitions: ApiDefinitions;
  /** Client name VPP shows. @default contiv-ts */
  readonly clientName?: string;
  /** Time for connect + `sockclnt_create` handshake, in ms. @default 3000 */
  readonly handshakeTimeoutMs?: number;
  /** Reconnect after a drop; `false` stays disconnected. @default {} (100 ms doubling to 5 s) */
  readonly reconnect?: BackoffOptions | false;
  /** Messages checked at every connect; unavailable ones are reported (sending one fails). @default every defined message */
  readonly requiredMessages?: readonly string[];
  /** @default realTimers */
  readonly timers?: ChannelTimers;
  /** Measures downtime. @default systemClock */
  readonly clock?: Clock;
  readonly log?: Logger;
}

/** Where the adapter stands. */
export type SocketAdapterState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'closed';

/** What {@linkcode SocketAdapter.onStateChange} listeners learn. */
export type SocketAdapterEvent =
  | { readonly type: 'connected'; readonly compatibility: CompatibilityReport }
  | { readonly type: 'disconnected'; readonly error: VppConnectionLostError }
  | { readonly type: 'reconnect-failed'; readonly attempt: number; readonly error: unknown; readonly nextDelayMs: number }
  | { readonly type: 'reconnected'; readonly attempts: number; readonly downMs: number; readonly compatibility: CompatibilityReport };

/** Counters over the adapter's life (all connections). */
export interface SocketAdapterStats {
  readonly connects: number;
  readonly drops: number;
  readonly reconnectAttempts: number;
  readonly framesSent: number;
  readonly framesReceived: number;
  readonly unknownFrames: number;
  readonly badFrames: number;
  readonly backpressureWaits: number;
}

/** The {@linkcode Adapter} over VPP's API socket. */
export class SocketAdapter implements Adapter {
  readonly name: string;
  readonly #path: string;
  readonly #codec: MessageCodec;
  readonly #opts: SocketAdapterOptions;
  readonly #timers: ChannelTimers;
  readonly #clock: Clock;
  readonly #listeners = new Set<(e: SocketAdapterEvent) => void>();
  #handler: AdapterMessageHandler = () => {};
  #conn: ApiSocketConnection | undefined;
  #state: SocketAdapterState = 'idle';
  #attempt = 0;
  #downSince = 0;
  #cancelRetry: (() => void) | undefined;
  #compat: CompatibilityReport = { missing: [], crcMismatch: [] };
  readonly #past: ConnectionCounters = { framesSent: 0, framesReceived: 0, bytesSent: 0, bytesReceived: 0, unknownFrames: 0, badFrames: 0, backpressureWaits: 0 };
  #connects = 0;
  #drops = 0;
  #reconnectAttempts = 0;

  constructor(opts: SocketAdapterOptions) {
    this.#opts = opts;
    this.#path = opts.path ?? DEFAULT_VPP_API_SOCKET;
    this.name = `socket:${this.#path}`;
    this.#codec = new MessageCodec(opts.definitions);
    this.#timers = opts.timers ?? realTimers;
    this.#clock = opts.clock ?? systemClock;
  }

  /** Current state. */
  get state(): SocketAdapterState {
    return this.#state;
  }

  /** What the connected VPP cannot serve of the required messages (empty until connected). */
  get compatibility(): CompatibilityReport {
    return this.#compat;
  }

  /** Frames waiting for the socket to drain (back-pressure). */
  get queuedFrames(): number {
    return this.#conn?.queuedFrames ?? 0;
  }

  /** Counters over all connections so far. */
  stats(): SocketAdapterStats {
    const c = this.#conn?.counters;
    const sum = (k: keyof ConnectionCounters) => this.#past[k] + (c?.[k] ?? 0);
    return {
      connects: this.#connects,
      drops: this.#drops,
      reconnectAttempts: this.#reconnectAttempts,
      framesSent: sum('framesSent'),
      framesReceived: sum('framesReceived'),
      unknownFrames: sum('unknownFrames'),
      badFrames: sum('badFrames'),
      backpressureWaits: sum('backpressureWaits'),
    };
  }

  /** Calls `listener` on every connection change; returns the unsubscribe function. */
  onStateChange(listener: (e: SocketAdapterEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  setMessageHandler(handler: AdapterMessageHandler): void {
    this.#handler = handler;
  }

  /**
   * Connects once (no retry: the caller decides whether a VPP that is not up yet is fatal).
   * @throws {VppConnectError} When the socket or the handshake fails.
   */
  async connect(): Promise<void> {
    if (this.#state === 'connected' || this.#state === 'reconnecting') return;
    this.#state = 'connecting';
    try {
      this.#attach(await this.#open());
    } catch (err: unknown) {
      this.#state = 'idle';
      throw err;
    }
    this.#emit({ type: 'connected', compatibility: this.#compat });
  }

  /** Stops reconnecting and closes the connection (`sockclnt_delete` first). */
  async disconnect(): Promise<void> {
    this.#state = 'closed';
    this.#cancelRetry?.();
    this.#cancelRetry = undefined;
    const conn = this.#conn;
    this.#detach();
    await conn?.close();
  }

  /**
   * Sends `msg` with `context`.
   * @throws {VppNotConnectedError} While there is no connection.
   * @throws {VppMessageUnavailableError} When the connected VPP lacks the message or has another CRC.
   * @throws {ApiEncodeError} When a field does not fit the definition.
   */
  send(context: number, msg: VppOutgoing): void {
    const conn = this.#conn;
    if (!conn || this.#state !== 'connected') throw new VppNotConnectedError(this.name, msg._msgname, this.#state);
    conn.send(msg._msgname, msg, context);
  }

  #open(): Promise<ApiSocketConnection> {
    return ApiSocketConnection.open({
      path: this.#path,
      codec: this.#codec,
      clientName: this.#opts.clientName ?? 'contiv-ts',
      handshakeTimeoutMs: this.#opts.handshakeTimeoutMs ?? 3000,
      timers: this.#timers,
    });
  }

  #attach(conn: ApiSocketConnection): void {
    this.#conn = conn;
    this.#connects++;
    this.#state = 'connected';
    this.#compat = conn.table.compatibility(this.#opts.requiredMessages);
    if (this.#compat.missing.length > 0 || this.#compat.crcMismatch.length > 0) {
      this.#opts.log?.warn('VPP lacks messages of our definitions; sending them will fail', { adapter: this.name, ...this.#compat });
    }
    conn.onBadFrame((err) => this.#opts.log?.warn('skipped a VPP API frame that does not decode', { adapter: this.name, error: String(err) }));
    conn.onClose((err) => this.#lost(conn, err));
    // Replies carry their request's context; events (client_index header) carry none: context 0.
    conn.onMessage((_name, d) => this.#handler(d.kind === 'event' ? 0 : d.context, d.msg as unknown as VppMessage));
  }

  #detach(): void {
    const c = this.#conn?.counters;
    if (c) for (const k of Object.keys(c) as (keyof ConnectionCounters)[]) this.#past[k] += c[k];
    this.#conn = undefined;
  }

  #lost(conn: ApiSocketConnection, cause: Error | undefined): void {
    if (this.#conn !== conn) return;
    this.#detach();
    this.#drops++;
    const error = new VppConnectionLostError(this.name, cause?.message ?? 'socket closed by VPP', cause ? { cause } : undefined);
    this.#opts.log?.warn('VPP API connection lost', { adapter: this.name, error: error.message });
    if (this.#opts.reconnect === false) {
      this.#state = 'idle';
      this.#emit({ type: 'disconnected', error });
      return;
    }
    this.#state = 'reconnecting';
    this.#attempt = 0;
    this.#downSince = this.#clock.now();
    this.#emit({ type: 'disconnected', error });
    this.#schedule();
  }

  #schedule(): void {
    if (this.#state !== 'reconnecting') return;
    this.#attempt++;
    const delay = backoffDelay(this.#attempt, this.#opts.reconnect || {});
    this.#cancelRetry = this.#timers.set(delay, () => void this.#retry());
  }

  async #retry(): Promise<void> {
    this.#cancelRetry = undefined;
    if (this.#state !== 'reconnecting') return;
    this.#reconnectAttempts++;
    let conn: ApiSocketConnection;
    try {
      conn = await this.#open();
    } catch (err: unknown) {
      if (this.#state !== 'reconnecting') return;
      const nextDelayMs = backoffDelay(this.#attempt + 1, this.#opts.reconnect || {});
      this.#emit({ type: 'reconnect-failed', attempt: this.#attempt, error: err, nextDelayMs });
      return this.#schedule();
    }
    if (this.#state !== 'reconnecting') {
      await conn.close();
      return;
    }
    this.#attach(conn);
    const attempts = this.#attempt;
    this.#attempt = 0;
    this.#opts.log?.info('VPP API connection re-established', { adapter: this.name, attempts });
    this.#emit({ type: 'reconnected', attempts, downMs: this.#clock.now() - this.#downSince, compatibility: this.#compat });
  }

  #emit(e: SocketAdapterEvent): void {
    for (const l of [...this.#listeners]) {
      try {
        l(e);
      } catch (err: unknown) {
        this.#opts.log?.error('socket adapter listener failed', { adapter: this.name, event: e.type, error: String(err) });
      }
    }
  }
}
