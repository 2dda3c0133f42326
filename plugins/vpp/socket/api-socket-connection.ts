/**
 * @module One connection to VPP's API socket: the unix stream socket, the `sockclnt_create`
 * handshake (sent with the hard-coded message ID 15, the only one known before the table),
 * framed writes that respect back-pressure (`write()` false → queue until `drain`), frame
 * reassembly, decoding by the table VPP returned, and `sockclnt_delete` on close.
 */
import { createConnection, type Socket } from 'node:net';
import type { ChannelTimers } from '../channel.ts';
import { DEFAULT_MAX_FRAME_BYTES, encodeFrame, FrameReader } from './framing.ts';
import type { DecodedMessage, MessageCodec } from './message-codec.ts';
import { MessageTable, type MessageTableEntry } from './message-table.ts';
import { VppConnectError } from './socket-errors.ts';

/** The ID VPP gives `sockclnt_create` in every release (memclnt's 15th message). */
export const SOCKCLNT_CREATE_ID = 15;
const HANDSHAKE_CONTEXT = 0x636f6e74;
const DELETE_CONTEXT = 0x64656c65;

/** Options of {@linkcode ApiSocketConnection.open}. */
export interface ApiSocketConnectionOptions {
  readonly path: string;
  readonly codec: MessageCodec;
  /** Name VPP shows for this client (`show api clients`). */
  readonly clientName: string;
  /** Time allowed for connect + handshake, in ms. */
  readonly handshakeTimeoutMs: number;
  /** Time allowed for `sockclnt_delete_reply` on close, in ms. @default 100 */
  readonly closeTimeoutMs?: number;
  readonly timers: ChannelTimers;
  /** @default 64 MiB */
  readonly maxFrameBytes?: number;
}

/** Receives each decoded message with its name. */
export type ConnectionMessageHandler = (name: string, decoded: DecodedMessage) => void;

/** Counters of one connection. */
export interface ConnectionCounters {
  framesSent: number;
  framesReceived: number;
  bytesSent: number;
  bytesReceived: number;
  /** Frames whose ID is not in our usable table (ignored). */
  unknownFrames: number;
  /** Frames that did not decode (ignored). */
  badFrames: number;
  /** Times `write()` returned false. */
  backpressureWaits: number;
}

/** An open, handshaken connection. */
export class ApiSocketConnection {
  readonly clientIndex: number;
  readonly table: MessageTable;
  readonly counters: ConnectionCounters;
  readonly #socket: Socket;
  readonly #codec: MessageCodec;
  readonly #reader: FrameReader;
  readonly #opts: ApiSocketConnectionOptions;
  readonly #queue: Uint8Array[] = [];
  #blocked = false;
  #handler: ConnectionMessageHandler | undefined;
  readonly #early: [string, DecodedMessage][] = [];
  #onClose: ((err: Error | undefined) => void) | undefined;
  #onBadFrame: ((err: unknown) => void) | undefined;
  #closing = false;
  #closed = false;
  #deleteReplied: (() => void) | undefined;
  #lastError: Error | undefined;

  private constructor(socket: Socket, reader: FrameReader, opts: ApiSocketConnectionOptions, clientIndex: number, table: MessageTable, counters: ConnectionCounters) {
    this.#socket = socket;
    this.#reader = reader;
    this.#codec = opts.codec;
    this.#opts = opts;
    this.clientIndex = clientIndex;
    this.table = table;
    this.counters = counters;
    socket.on('data', (chunk: Uint8Array) => this.#onData(chunk));
    socket.on('drain', () => this.#drain());
    // 'close' always follows 'error'; the error is reported from there.
    socket.on('error', (err: Error) => {
      this.#lastError = err;
    });
    socket.on('close', () => this.#closedByPeer());
  }

  /**
   * Connects to `opts.path` and performs the handshake.
   * @throws {VppConnectError} When the socket cannot be opened, VPP refuses the client, or the handshake times out.
   */
  static open(opts: ApiSocketConnectionOptions): Promise<ApiSocketConnection> {
    return new Promise<ApiSocketConnection>((resolve, reject) => {
      const counters: ConnectionCounters = { framesSent: 0, framesReceived: 0, bytesSent: 0, bytesReceived: 0, unknownFrames: 0, badFrames: 0, backpressureWaits: 0 };
      const reader = new FrameReader(opts.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES);
      const socket = createConnection({ path: opts.path });
      let settled = false;
      const fail = (detail: string, cause?: unknown) => {
        if (settled) return;
        settled = true;
        cancel();
        socket.destroy();
        reject(new VppConnectError(opts.path, detail, cause === undefined ? undefined : { cause }));
      };
      const cancel = opts.timers.set(opts.handshakeTimeoutMs, () => fail(`no sockclnt_create_reply within ${opts.handshakeTimeoutMs} ms`));
      const pending: Uint8Array[] = [];
      const onData = (chunk: Uint8Array) => {
        counters.bytesReceived += chunk.length;
        let frames: Uint8Array[];
        try {
          frames = reader.push(chunk);
        } catch (err: unknown) {
          return fail('corrupt frame during the handshake', err);
        }
        if (settled) return;
        const [first, ...rest] = frames;
        if (!first) return;
        counters.framesReceived++;
        let reply: DecodedMessage;
        try {
          reply = opts.codec.decode('sockclnt_create_reply', first);
        } catch (err: unknown) {
          return fail('malformed sockclnt_create_reply', err);
        }
        const response = reply.msg['response'];
        if (response !== 0) return fail(`VPP refused the client: sockclnt_create_reply response ${String(response)}`);
        const entries = (reply.msg['message_table'] as { index: number; name: string }[]).map((e): MessageTableEntry => ({ index: e.index, name: e.name }));
        const table = new MessageTable(entries, opts.codec.definitions);
        if (table.id('sockclnt_create_reply') === undefined || table.id('control_ping') === undefined) {
          return fail('the message table lacks memclnt messages (sockclnt_create_reply, control_ping) of our definitions');
        }
        settled = true;
        cancel();
        socket.off('data', onData);
        socket.off('error', onError);
        socket.off('close', onClose);
        const conn = new ApiSocketConnection(socket, reader, opts, reply.msg['index'] as number, table, counters);
        pending.push(...rest);
        for (const p of pending) conn.#onFrame(p);
        resolve(conn);
      };
      const onError = (err: Error) => fail(err.message, err);
      const onClose = () => fail('socket closed during the handshake');
      socket.on('data', onData);
      socket.on('error', onError);
      socket.on('close', onClose);
      socket.on('connect', () => {
        const payload = opts.codec.encode('sockclnt_create', SOCKCLNT_CREATE_ID, { name: opts.clientName }, { context: HANDSHAKE_CONTEXT, clientIndex: 0 });
        const frame = encodeFrame(payload);
        counters.framesSent++;
        counters.bytesSent += frame.length;
        socket.write(frame);
      });
    });
  }

  /** Sets where decoded messages go; messages that arrived before are delivered now. */
  onMessage(handler: ConnectionMessageHandler): void {
    this.#handler = handler;
    for (const [name, d] of this.#early.splice(0)) handler(name, d);
  }

  /** Called once when the socket closes without {@linkcode close} (VPP went away). */
  onClose(handler: (err: Error | undefined) => void): void {
    this.#onClose = handler;
  }

  /** Called for each frame that cannot be decoded (the frame is skipped). */
  onBadFrame(handler: (err: unknown) => void): void {
    this.#onBadFrame = handler;
  }

  /** Frames waiting for the socket to drain. */
  get queuedFrames(): number {
    return this.#queue.length;
  }

  /** Whether the socket is gone. */
  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Encodes and sends `msg` with `context`.
   * @throws {VppMessageUnavailableError} When this VPP lacks the message or has another CRC.
   * @throws {ApiEncodeError} When a field does not fit the definition.
   */
  send(name: string, msg: object, context: number): void {
    const id = this.table.require(name);
    const payload = this.#codec.encode(name, id, msg, { context, clientIndex: this.clientIndex });
    this.#write(encodeFrame(payload));
  }

  /** Sends `sockclnt_delete`, waits briefly for its reply (a missing reply is fine), closes. */
  async close(): Promise<void> {
    if (this.#closed || this.#closing) return;
    this.#closing = true;
    await new Promise<void>((resolve) => {
      const cancel = this.#opts.timers.set(this.#opts.closeTimeoutMs ?? 100, () => resolve());
      this.#deleteReplied = () => {
        cancel();
        resolve();
      };
      try {
        this.send('sockclnt_delete', { index: this.clientIndex }, DELETE_CONTEXT);
      } catch {
        cancel();
        resolve();
      }
    });
    await new Promise<void>((resolve) => {
      if (this.#closed) return resolve();
      // A peer that never closes its side must not hold us.
      const cancel = this.#opts.timers.set(this.#opts.closeTimeoutMs ?? 100, () => this.#socket.destroy());
      this.#socket.once('close', () => {
        cancel();
        resolve();
      });
      this.#socket.end();
    });
  }

  #write(frame: Uint8Array): void {
    this.counters.framesSent++;
    this.counters.bytesSent += frame.length;
    if (this.#blocked) {
      this.#queue.push(frame);
      return;
    }
    if (!this.#socket.write(frame)) {
      this.#blocked = true;
      this.counters.backpressureWaits++;
    }
  }

  #drain(): void {
    this.#blocked = false;
    while (this.#queue.length > 0 && !this.#blocked) {
      if (!this.#socket.write(this.#queue.shift()!)) {
        this.#blocked = true;
        this.counters.backpressureWaits++;
      }
    }
  }

  #onData(chunk: Uint8Array): void {
    this.counters.bytesReceived += chunk.length;
    let frames: Uint8Array[];
    try {
      frames = this.#reader.push(chunk);
    } catch (err: unknown) {
      // A corrupt header leaves no way to find the next frame: drop the connection.
      this.#onBadFrame?.(err);
      this.#socket.destroy(err instanceof Error ? err : undefined);
      return;
    }
    for (const f of frames) this.#onFrame(f);
  }

  #onFrame(payload: Uint8Array): void {
    this.counters.framesReceived++;
    const id = payload.length >= 2 ? (payload[0]! << 8) | payload[1]! : -1;
    const name = this.table.name(id);
    if (name === undefined) {
      this.counters.unknownFrames++;
      return;
    }
    let decoded: DecodedMessage;
    try {
      decoded = this.#codec.decode(name, payload);
    } catch (err: unknown) {
      this.counters.badFrames++;
      this.#onBadFrame?.(err);
      return;
    }
    if (name === 'sockclnt_delete_reply') {
      this.#deleteReplied?.();
      return;
    }
    if (this.#handler) this.#handler(name, decoded);
    else this.#early.push([name, decoded]);
  }

  #closedByPeer(): void {
    this.#closed = true;
    this.#queue.length = 0;
    this.#deleteReplied?.();
    if (!this.#closing) this.#onClose?.(this.#lastError);
  }
}
