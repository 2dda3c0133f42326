/**
 * @module A VppChannel that records every message and can make the next request of a name
 * fail (without reaching VPP), plus helpers that connect a channel to a simulator.
 */
import { VppApiError } from '../../plugins/vpp/channel-errors.ts';
import { AdapterChannel, type ChannelOptions, type VppChannel } from '../../plugins/vpp/channel.ts';
import { SimAdapter } from '../../plugins/vpp/adapters/sim-adapter.ts';
import {
  isChangingMessage,
  type DetailsOf,
  type GetDetailsOf,
  type ReplyOf,
  type VppDumpRequest,
  type VppEventMap,
  type VppEventName,
  type VppGetRequest,
  type VppOutgoing,
  type VppRequest,
} from '../../plugins/vpp/messages/message-map.ts';
import type { VppSimulator } from '../../plugins/vpp/sim/vpp-simulator.ts';

/** Records every request and dump sent through it, then forwards to `inner`. */
export class RecordingChannel implements VppChannel {
  /** Every message, in send order (dumps and gets included, control pings and get continuations not). */
  readonly messages: VppOutgoing[] = [];
  readonly #failures = new Map<string, number[]>();

  constructor(private readonly inner: VppChannel) {}

  /** The next request named `msgName` fails with {@linkcode VppApiError}(`retval`) and is not sent. */
  failNext(msgName: string, retval: number): void {
    const list = this.#failures.get(msgName) ?? [];
    list.push(retval);
    this.#failures.set(msgName, list);
  }

  request<M extends VppRequest>(msg: M): Promise<ReplyOf<M>> {
    this.messages.push(msg);
    const rv = this.#failures.get(msg._msgname)?.shift();
    if (rv !== undefined) return Promise.reject(new VppApiError(msg._msgname, rv, 0));
    return this.inner.request(msg);
  }

  dump<M extends VppDumpRequest>(msg: M): Promise<DetailsOf<M>[]> {
    this.messages.push(msg);
    return this.inner.dump(msg);
  }

  get<M extends VppGetRequest>(msg: M): Promise<GetDetailsOf<M>[]> {
    this.messages.push(msg);
    return this.inner.get(msg);
  }

  subscribe<N extends VppEventName>(name: N, listener: (event: VppEventMap[N]) => void): () => void {
    return this.inner.subscribe(name, listener);
  }

  /** Names of the messages sent, in order. */
  names(): string[] {
    return this.messages.map((m) => m._msgname);
  }

  /** The messages that can change VPP (no dumps, no read-only requests). */
  changes(): VppOutgoing[] {
    return this.messages.filter((m) => isChangingMessage(m._msgname));
  }

  /** Forgets what was recorded. */
  clear(): void {
    this.messages.length = 0;
  }
}

/** A connected sim adapter and a channel over it. */
export interface SimConnection {
  readonly adapter: SimAdapter;
  readonly channel: AdapterChannel;
}

/** Connects a new {@linkcode SimAdapter} + {@linkcode AdapterChannel} to `sim`. */
export async function connectSim(sim: VppSimulator, opts?: ChannelOptions): Promise<SimConnection> {
  const adapter = new SimAdapter(sim);
  const channel = new AdapterChannel(adapter, opts);
  await adapter.connect();
  return { adapter, channel };
}

/** A {@linkcode RecordingChannel} over a fresh connection to `sim`. */
export async function recordingSimChannel(sim: VppSimulator, opts?: ChannelOptions): Promise<RecordingChannel & { readonly adapter: SimAdapter }> {
  const { adapter, channel } = await connectSim(sim, opts);
  return Object.assign(new RecordingChannel(channel), { adapter });
}
