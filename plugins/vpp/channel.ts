/**
 * @module The VPP channel: typed request/reply, dumps closed by a control ping, cursor gets
 * followed to their end, and event subscriptions over any {@linkcode Adapter}. Every request gets
 * its own context number, so several may be outstanding and a late reply can never answer the
 * wrong request.
 */
import type { Adapter } from './adapters/adapter.ts';
import {
  VppApiError,
  VppChannelClosedError,
  VppTimeoutError,
  VppTransportError,
  VppUnexpectedReplyError,
} from './channel-errors.ts';
import { VnetApiError } from './messages/api-errno.ts';
import {
  VPP_DETAILS,
  VPP_GETS,
  VPP_REPLIES,
  isEventName,
  type DetailsOf,
  type GetDetailsOf,
  type ReplyOf,
  type VppDumpRequest,
  type VppEventMap,
  type VppEventName,
  type VppGetRequest,
  type VppMessage,
  type VppOutgoing,
  type VppRequest,
} from './messages/message-map.ts';

/** What plugins and descriptors use to talk to VPP. */
export interface VppChannel {
  /**
   * Sends a request and resolves with its reply.
   * @throws {VppApiError} When the reply's `retval` is not 0.
   * @throws {VppTimeoutError} When no reply arrives in time.
   */
  request<M extends VppRequest>(msg: M): Promise<ReplyOf<M>>;
  /**
   * Sends a dump followed by a `control_ping` and resolves with every details message that
   * arrived before the ping's reply.
   * @throws {VppTimeoutError} When the dump stalls.
   */
  dump<M extends VppDumpRequest>(msg: M): Promise<DetailsOf<M>[]>;
  /**
   * Sends a cursor get (`*_get`) and resolves with every details message up to its final reply.
   * VPP answers details, then the reply; a reply with VNET_API_ERROR_EAGAIN means "ask again
   * from the reply's cursor", which the channel does until the reply says 0.
   * @throws {VppApiError} When a reply's `retval` is neither 0 nor EAGAIN.
   * @throws {VppTimeoutError} When the get stalls.
   */
  get<M extends VppGetRequest>(msg: M): Promise<GetDetailsOf<M>[]>;
  /** Calls `listener` for every event `name`; returns the unsubscribe function. */
  subscribe<N extends VppEventName>(name: N, listener: (event: VppEventMap[N]) => void): () => void;
}

/** Timers the channel uses for reply timeouts (a parameter, so tests can fire them). */
export interface ChannelTimers {
  /** Calls `fn` after `ms`; returns a function that cancels it. */
  set(ms: number, fn: () => void): () => void;
}

/** The real-time timers. */
export const realTimers: ChannelTimers = {
  set(ms, fn) {
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  },
};

/** Options of {@linkcode AdapterChannel}. */
export interface ChannelOptions {
  /** How long to wait for a reply (for a dump: for each next message). @default {5000} */
  readonly timeoutMs?: number;
  /** @default {realTimers} */
  readonly timers?: ChannelTimers;
  /** Called when an event listener throws (the other listeners still run). @default rethrow asynchronously */
  readonly onListenerError?: (err: unknown, eventName: string) => void;
}

interface PendingRequest {
  readonly kind: 'request';
  readonly msgName: string;
  readonly replyName: string;
  resolve(msg: VppMessage): void;
  reject(err: Error): void;
  cancelTimer: () => void;
}

interface PendingDump {
  readonly kind: 'dump';
  readonly msgName: string;
  readonly detailsName: string;
  readonly items: VppMessage[];
  resolve(items: VppMessage[]): void;
  reject(err: Error): void;
  cancelTimer: () => void;
}

interface PendingGet {
  readonly kind: 'get';
  readonly msgName: string;
  readonly replyName: string;
  readonly detailsName: string;
  readonly msg: VppGetRequest;
  readonly items: VppMessage[];
  resolve(items: VppMessage[]): void;
  reject(err: Error): void;
  cancelTimer: () => void;
}

type Pending = PendingRequest | PendingDump | PendingGet;

const MAX_CONTEXT = 0x7fffffff;

/** The channel over an adapter; the only implementation of {@linkcode VppChannel} we ship. */
export class AdapterChannel implements VppChannel {
  readonly #adapter: Adapter;
  readonly #timeoutMs: number;
  readonly #timers: ChannelTimers;
  readonly #onListenerError: (err: unknown, eventName: string) => void;
  readonly #pending = new Map<number, Pending>();
  readonly #listeners = new Map<string, Set<(event: never) => void>>();
  readonly #sent = new Map<string, number>();
  #nextContext = 1;
  #stale = 0;
  #closed = false;

  constructor(adapter: Adapter, opts: ChannelOptions = {}) {
    this.#adapter = adapter;
    this.#timeoutMs = opts.timeoutMs ?? 5000;
    this.#timers = opts.timers ?? realTimers;
    this.#onListenerError =
      opts.onListenerError ??
      ((err) => {
        queueMicrotask(() => {
          throw err;
        });
      });
    adapter.setMessageHandler((context, msg) => this.#receive(context, msg));
  }

  request<M extends VppRequest>(msg: M): Promise<ReplyOf<M>> {
    const replyName: string = VPP_REPLIES[msg._msgname];
    return new Promise<ReplyOf<M>>((resolve, reject) => {
      if (this.#closed) return reject(new VppChannelClosedError(msg._msgname));
      const context = this.#allocContext();
      const pending: PendingRequest = {
        kind: 'request',
        msgName: msg._msgname,
        replyName,
        // The reply's type is guaranteed by the name check in #receive.
        resolve: (reply) => resolve(reply as ReplyOf<M>),
        reject,
        cancelTimer: () => {},
      };
      this.#pending.set(context, pending);
      this.#arm(context, pending);
      this.#send(context, msg, pending);
    });
  }

  dump<M extends VppDumpRequest>(msg: M): Promise<DetailsOf<M>[]> {
    const detailsName: string = VPP_DETAILS[msg._msgname];
    return new Promise<DetailsOf<M>[]>((resolve, reject) => {
      if (this.#closed) return reject(new VppChannelClosedError(msg._msgname));
      const context = this.#allocContext();
      const pending: PendingDump = {
        kind: 'dump',
        msgName: msg._msgname,
        detailsName,
        items: [],
        // Every item passed the details-name check in #receive.
        resolve: (items) => resolve(items as DetailsOf<M>[]),
        reject,
        cancelTimer: () => {},
      };
      this.#pending.set(context, pending);
      this.#arm(context, pending);
      // VPP answers in order: the ping's reply marks the end of the details (as GoVPP does).
      if (this.#send(context, msg, pending)) this.#send(context, { _msgname: 'control_ping' }, pending);
    });
  }

  get<M extends VppGetRequest>(msg: M): Promise<GetDetailsOf<M>[]> {
    const { reply, details } = VPP_GETS[msg._msgname];
    return new Promise<GetDetailsOf<M>[]>((resolve, reject) => {
      if (this.#closed) return reject(new VppChannelClosedError(msg._msgname));
      const context = this.#allocContext();
      const pending: PendingGet = {
        kind: 'get',
        msgName: msg._msgname,
        replyName: reply,
        detailsName: details,
        msg,
        items: [],
        // Every item passed the details-name check in #receive.
        resolve: (items) => resolve(items as GetDetailsOf<M>[]),
        reject,
        cancelTimer: () => {},
      };
      this.#pending.set(context, pending);
      this.#arm(context, pending);
      this.#send(context, msg, pending);
    });
  }

  subscribe<N extends VppEventName>(name: N, listener: (event: VppEventMap[N]) => void): () => void {
    let set = this.#listeners.get(name);
    if (!set) this.#listeners.set(name, (set = new Set()));
    const entry = listener as (event: never) => void;
    set.add(entry);
    return () => {
      set.delete(entry);
    };
  }

  /** Messages sent so far, per message name, sorted by name (for benchmarks and status). */
  counts(): ReadonlyMap<string, number> {
    return new Map([...this.#sent].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  /** Replies that arrived for no outstanding request (late, after a timeout). */
  get staleReplies(): number {
    return this.#stale;
  }

  /** Number of requests and dumps waiting for VPP. */
  get outstanding(): number {
    return this.#pending.size;
  }

  /**
   * Rejects every outstanding request and dump with `err` and stays usable (the connection to
   * VPP dropped: their answers will never come, so nobody should wait for the timeout).
   * @returns how many were rejected
   */
  failOutstanding(err: Error): number {
    const all = [...this.#pending];
    for (const [context, p] of all) this.#fail(context, p, err);
    return all.length;
  }

  /** Rejects everything outstanding with {@linkcode VppChannelClosedError}; later calls fail the same way. */
  close(): void {
    this.#closed = true;
    for (const [context, p] of [...this.#pending]) this.#fail(context, p, new VppChannelClosedError(p.msgName));
  }

  #allocContext(): number {
    const c = this.#nextContext;
    this.#nextContext = c >= MAX_CONTEXT ? 1 : c + 1;
    return c;
  }

  #send(context: number, msg: VppOutgoing, pending: Pending): boolean {
    this.#sent.set(msg._msgname, (this.#sent.get(msg._msgname) ?? 0) + 1);
    try {
      this.#adapter.send(context, msg);
      return true;
    } catch (err: unknown) {
      this.#fail(context, pending, new VppTransportError(msg._msgname, this.#adapter.name, { cause: err }));
      return false;
    }
  }

  #arm(context: number, p: Pending): void {
    p.cancelTimer();
    p.cancelTimer = this.#timers.set(this.#timeoutMs, () => {
      if (this.#pending.get(context) === p) this.#fail(context, p, new VppTimeoutError(p.msgName, context, this.#timeoutMs));
    });
  }

  #fail(context: number, p: Pending, err: Error): void {
    p.cancelTimer();
    this.#pending.delete(context);
    p.reject(err);
  }

  #receive(context: number, msg: VppMessage): void {
    if (context === 0 || isEventName(msg._msgname)) return this.#emit(msg);
    const p = this.#pending.get(context);
    if (!p) {
      this.#stale++;
      return;
    }
    if (p.kind === 'request') {
      if (msg._msgname !== p.replyName) return this.#fail(context, p, new VppUnexpectedReplyError(p.msgName, context, p.replyName, msg._msgname));
      if ('retval' in msg && msg.retval !== 0) return this.#fail(context, p, new VppApiError(p.msgName, msg.retval, context));
      p.cancelTimer();
      this.#pending.delete(context);
      return p.resolve(msg);
    }
    if (msg._msgname === p.detailsName) {
      p.items.push(msg);
      return this.#arm(context, p);
    }
    if (p.kind === 'get') return this.#getReply(context, p, msg);
    if (msg._msgname === 'control_ping_reply') {
      if (msg.retval !== 0) return this.#fail(context, p, new VppApiError(p.msgName, msg.retval, context));
      p.cancelTimer();
      this.#pending.delete(context);
      return p.resolve(p.items);
    }
    if ('retval' in msg && msg.retval !== 0) return this.#fail(context, p, new VppApiError(p.msgName, msg.retval, context));
    this.#fail(context, p, new VppUnexpectedReplyError(p.msgName, context, p.detailsName, msg._msgname));
  }

  #getReply(context: number, p: PendingGet, msg: VppMessage): void {
    if (msg._msgname !== p.replyName || !('cursor' in msg && 'retval' in msg)) {
      if ('retval' in msg && msg.retval !== 0) return this.#fail(context, p, new VppApiError(p.msgName, msg.retval, context));
      return this.#fail(context, p, new VppUnexpectedReplyError(p.msgName, context, p.replyName, msg._msgname));
    }
    if (msg.retval === VnetApiError.EAGAIN) {
      // VPP stopped to yield; the same context asks again from where it stopped.
      this.#arm(context, p);
      this.#send(context, { ...p.msg, cursor: msg.cursor }, p);
      return;
    }
    if (msg.retval !== 0) return this.#fail(context, p, new VppApiError(p.msgName, msg.retval, context));
    p.cancelTimer();
    this.#pending.delete(context);
    p.resolve(p.items);
  }

  #emit(msg: VppMessage): void {
    const set = this.#listeners.get(msg._msgname);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        // Listeners were registered under this message's name, so the type matches.
        (listener as (event: VppMessage) => void)(msg);
      } catch (err: unknown) {
        this.#onListenerError(err, msg._msgname);
      }
    }
  }
}
