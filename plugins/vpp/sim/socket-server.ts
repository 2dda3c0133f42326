/**
 * @module The VPP simulator served over a unix socket with VPP's API-socket protocol: 16-byte
 * frame headers, the `sockclnt_create` handshake on message ID 15 answered with the message
 * table of the shipped definitions (their CRCs), requests decoded with the codec and executed by
 * the {@linkcode VppSimulator}, replies/details encoded back with the request's context, events
 * sent to every client. It can be stopped and started again, empty or with kept state, to test
 * what an agent does when VPP restarts.
 *
 * @example
 * const server = new VppSocketServer(sim, { definitions: await loadApiDefinitions(SHIPPED_API_DIR) });
 * await server.start('/tmp/vpp-api.sock');
 */
import { rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import type { Logger } from '../../../core/log/logger.ts';
import { isDumpName, isGetName, isRequestName, type VppEvent, type VppOutgoing } from '../messages/message-map.ts';
import type { ApiDefinitions } from '../socket/api-definitions.ts';
import { SOCKCLNT_CREATE_ID } from '../socket/api-socket-connection.ts';
import { encodeFrame, FrameReader } from '../socket/framing.ts';
import { MessageCodec } from '../socket/message-codec.ts';
import type { MessageTableEntry } from '../socket/message-table.ts';
import type { VppSimulator } from './vpp-simulator.ts';

/** Options of {@linkcode VppSocketServer}. */
export interface VppSocketServerOptions {
  /** The definitions whose messages (and CRCs) the server offers. */
  readonly definitions: ApiDefinitions;
  /**
   * Rotates the message-ID assignment, so a "restarted VPP" numbers its messages differently
   * (clients must read the table again). @default 0
   */
  readonly idShift?: number;
  readonly log?: Logger;
}

interface Client {
  readonly socket: Socket;
  readonly reader: FrameReader;
  index: number | undefined;
}

/** Builds the message table: `sockclnt_create` on 15 (as every VPP), the rest 1, 2, ... by name. */
function buildTable(defs: ApiDefinitions, shift: number): MessageTableEntry[] {
  const names = defs.messageNames().filter((n) => n !== 'sockclnt_create');
  const k = names.length === 0 ? 0 : ((shift % names.length) + names.length) % names.length;
  const rotated = [...names.slice(k), ...names.slice(0, k)];
  const entries: MessageTableEntry[] = [{ index: SOCKCLNT_CREATE_ID, name: defs.nameCrc('sockclnt_create')! }];
  let id = 1;
  for (const n of rotated) {
    if (id === SOCKCLNT_CREATE_ID) id++;
    entries.push({ index: id++, name: defs.nameCrc(n)! });
  }
  return entries.sort((a, b) => a.index - b.index);
}

/** A simulated VPP API socket. */
export class VppSocketServer {
  readonly #codec: MessageCodec;
  readonly #opts: VppSocketServerOptions;
  readonly #clients = new Set<Client>();
  readonly #dropped = new Map<string, number>();
  readonly #received = new Map<string, number>();
  readonly #table: MessageTableEntry[];
  readonly #idByName = new Map<string, number>();
  readonly #nameById = new Map<number, string>();
  #sim: VppSimulator;
  #unsubscribe: (() => void) | undefined;
  #server: Server | undefined;
  #path: string | undefined;
  #nextClientIndex = 1;
  #paused = false;
  /** Errors while serving (a reply that did not encode, a frame that did not decode). */
  readonly errors: string[] = [];

  constructor(sim: VppSimulator, opts: VppSocketServerOptions) {
    this.#sim = sim;
    this.#opts = opts;
    this.#codec = new MessageCodec(opts.definitions);
    this.#table = buildTable(opts.definitions, opts.idShift ?? 0);
    for (const e of this.#table) {
      const name = e.name.replace(/_[0-9a-f]{8}$/, '');
      this.#idByName.set(name, e.index);
      this.#nameById.set(e.index, name);
    }
  }

  /** The simulator answering requests. */
  get simulator(): VppSimulator {
    return this.#sim;
  }

  /** The message table sent to clients. */
  get table(): readonly MessageTableEntry[] {
    return this.#table;
  }

  /** Connected clients. */
  get clients(): number {
    return this.#clients.size;
  }

  /** Whether the server listens. */
  get listening(): boolean {
    return this.#server !== undefined;
  }

  /** Requests received per message name, sorted by name. */
  received(): ReadonlyMap<string, number> {
    return new Map([...this.#received].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  /** The next request named `name` is swallowed: no reply ever comes (timeout tests). */
  dropNext(name: string): void {
    this.#dropped.set(name, (this.#dropped.get(name) ?? 0) + 1);
  }

  /** Stops reading from every client (their writes back up: a back-pressure test). */
  pauseReading(): void {
    this.#paused = true;
    for (const c of this.#clients) c.socket.pause();
  }

  /** Reads from every client again. */
  resumeReading(): void {
    this.#paused = false;
    for (const c of this.#clients) c.socket.resume();
  }

  /** Serves another simulator from now on ("VPP restarted empty", when given a fresh one). */
  replaceSimulator(sim: VppSimulator): void {
    this.#sim = sim;
    if (this.#server) this.#subscribe();
  }

  /** Listens on unix socket `path` (a stale socket file is removed first). */
  async start(path: string): Promise<void> {
    if (this.#server) throw new Error(`VppSocketServer already listens on ${this.#path}`);
    await rm(path, { force: true });
    const server = createServer((socket) => this.#accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(path, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.#server = server;
    this.#path = path;
    this.#subscribe();
  }

  /** Drops every client (as a VPP that exits) and stops listening. */
  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = undefined;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const c of this.#clients) c.socket.destroy();
    this.#clients.clear();
    await closed;
    if (this.#path) await rm(this.#path, { force: true });
  }

  #subscribe(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = this.#sim.onEvent((event) => this.#broadcast(event));
  }

  #accept(socket: Socket): void {
    const client: Client = { socket, reader: new FrameReader(), index: undefined };
    this.#clients.add(client);
    if (this.#paused) socket.pause();
    socket.on('data', (chunk: Uint8Array) => {
      let frames: Uint8Array[];
      try {
        frames = client.reader.push(chunk);
      } catch (err: unknown) {
        this.#error(`corrupt frame from a client: ${String(err)}`);
        socket.destroy();
        return;
      }
      for (const f of frames) this.#serve(client, f);
    });
    socket.on('error', () => {
      // 'close' follows; nothing to keep for a client that went away.
    });
    socket.on('close', () => this.#clients.delete(client));
  }

  #serve(client: Client, payload: Uint8Array): void {
    const id = payload.length >= 2 ? (payload[0]! << 8) | payload[1]! : -1;
    const name = this.#nameById.get(id);
    if (name === undefined) return this.#error(`unknown message ID ${id}`);
    let context: number;
    let msg: Record<string, unknown>;
    try {
      const d = this.#codec.decode(name, payload);
      context = d.context;
      msg = d.msg;
    } catch (err: unknown) {
      return this.#error(`cannot decode ${name}: ${String(err)}`);
    }
    this.#received.set(name, (this.#received.get(name) ?? 0) + 1);
    if (name === 'sockclnt_create') return this.#handshake(client, context);
    if (client.index === undefined) return this.#error(`${name} before sockclnt_create`);
    if (name === 'sockclnt_delete') {
      this.#send(client, 'sockclnt_delete_reply', { response: 0 }, context);
      client.socket.end();
      return;
    }
    const drops = this.#dropped.get(name) ?? 0;
    if (drops > 0) {
      this.#dropped.set(name, drops - 1);
      return;
    }
    if (!isRequestName(name) && !isDumpName(name) && !isGetName(name)) return this.#error(`${name} is not a request the simulator serves`);
    // The simulator executes a request when it is read, so VPP's state changes in send order.
    // All answers of one request (a dump's details, a get's details and reply) go out in one write.
    const frames: Uint8Array[] = [];
    for (const answer of this.#sim.handle(msg as unknown as VppOutgoing)) {
      const f = this.#frame(client, answer._msgname, answer as unknown as Record<string, unknown>, context);
      if (f) frames.push(f);
    }
    this.#write(client, frames);
  }

  #handshake(client: Client, context: number): void {
    client.index ??= this.#nextClientIndex++;
    const reply = { response: 0, index: client.index, count: this.#table.length, message_table: this.#table };
    this.#send(client, 'sockclnt_create_reply', reply, context);
  }

  #broadcast(event: VppEvent): void {
    for (const c of this.#clients) if (c.index !== undefined) this.#send(c, event._msgname, event as unknown as Record<string, unknown>, 0);
  }

  #send(client: Client, name: string, msg: Record<string, unknown>, context: number): void {
    const f = this.#frame(client, name, msg, context);
    if (f) this.#write(client, [f]);
  }

  #frame(client: Client, name: string, msg: Record<string, unknown>, context: number): Uint8Array | undefined {
    const id = this.#idByName.get(name);
    if (id === undefined) {
      this.#error(`no message ID for ${name} (not in the definitions)`);
      return undefined;
    }
    try {
      return encodeFrame(this.#codec.encode(name, id, msg, { context, clientIndex: client.index ?? 0 }));
    } catch (err: unknown) {
      this.#error(`cannot encode ${name}: ${String(err)}`);
      return undefined;
    }
  }

  #write(client: Client, frames: readonly Uint8Array[]): void {
    if (frames.length === 0) return;
    if (frames.length === 1) {
      client.socket.write(frames[0]!);
      return;
    }
    const all = new Uint8Array(frames.reduce((n, f) => n + f.length, 0));
    let at = 0;
    for (const f of frames) {
      all.set(f, at);
      at += f.length;
    }
    client.socket.write(all);
  }

  #error(text: string): void {
    this.errors.push(text);
    this.#opts.log?.error('VPP socket server error', { error: text });
  }
}
