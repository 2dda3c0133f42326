/**
 * @module The in-process adapter over a {@linkcode VppSimulator}: answers are delivered
 * asynchronously and in order, as from a socket; simulator events reach the channel with
 * context 0. Tests can make the next request of a name fail, or go unanswered.
 */
import { ContivError } from '../../../core/errors.ts';
import { VPP_GETS, VPP_REPLIES, isGetName, isRequestName, type VppMessage, type VppOutgoing } from '../messages/message-map.ts';
import { U32_MAX } from '../messages/vpp-types.ts';
import type { VppSimulator } from '../sim/vpp-simulator.ts';
import type { Adapter, AdapterMessageHandler } from './adapter.ts';

/** Thrown by `send` when the adapter is not connected. */
export class SimAdapterNotConnectedError extends ContivError {
  readonly code = 'SIM_ADAPTER_NOT_CONNECTED';
  constructor(readonly adapter: string) {
    super(`${adapter}: not connected`);
  }
}

type Injected = { readonly kind: 'fail'; readonly retval: number } | { readonly kind: 'drop' };

/** The simulator behind the {@linkcode Adapter} seam. */
export class SimAdapter implements Adapter {
  readonly name: string;
  readonly #sim: VppSimulator;
  readonly #injected = new Map<string, Injected[]>();
  readonly #queue: (() => void)[] = [];
  #handler: AdapterMessageHandler = () => {};
  #unsubscribe: (() => void) | undefined;
  #connected = false;
  #flushing = false;

  constructor(sim: VppSimulator) {
    this.#sim = sim;
    this.name = `sim:${sim.state.node}`;
  }

  connect(): Promise<void> {
    if (!this.#connected) {
      this.#connected = true;
      this.#unsubscribe = this.#sim.onEvent((event) => this.#enqueue(0, [event]));
    }
    return Promise.resolve();
  }

  disconnect(): Promise<void> {
    this.#connected = false;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#queue.length = 0;
    return Promise.resolve();
  }

  setMessageHandler(handler: AdapterMessageHandler): void {
    this.#handler = handler;
  }

  send(context: number, msg: VppOutgoing): void {
    if (!this.#connected) throw new SimAdapterNotConnectedError(this.name);
    const injected = this.#injected.get(msg._msgname)?.shift();
    if (injected?.kind === 'drop') return;
    if (injected?.kind === 'fail' && isRequestName(msg._msgname)) {
      // A failed reply carries only the retval; VPP leaves other fields unset on failure.
      const reply = { _msgname: VPP_REPLIES[msg._msgname], retval: injected.retval } as unknown as VppMessage;
      return this.#enqueue(context, [reply]);
    }
    if (injected?.kind === 'fail' && isGetName(msg._msgname)) {
      const reply = { _msgname: VPP_GETS[msg._msgname].reply, retval: injected.retval, cursor: U32_MAX } as unknown as VppMessage;
      return this.#enqueue(context, [reply]);
    }
    // VPP processes a request when it reads it, so the state changes in send order.
    this.#enqueue(context, this.#sim.handle(msg));
  }

  /** The next request (or cursor get) named `msgName` is not executed and is answered with `retval`. */
  failNext(msgName: string, retval: number): void {
    this.#inject(msgName, { kind: 'fail', retval });
  }

  /** The next message named `msgName` is swallowed: no reply ever comes (a timeout). */
  dropNext(msgName: string): void {
    this.#inject(msgName, { kind: 'drop' });
  }

  #inject(msgName: string, what: Injected): void {
    const list = this.#injected.get(msgName) ?? [];
    list.push(what);
    this.#injected.set(msgName, list);
  }

  #enqueue(context: number, msgs: readonly VppMessage[]): void {
    for (const m of msgs) this.#queue.push(() => this.#handler(context, m));
    if (!this.#flushing) {
      this.#flushing = true;
      queueMicrotask(() => this.#flush());
    }
  }

  #flush(): void {
    while (this.#queue.length > 0 && this.#connected) this.#queue.shift()?.();
    this.#flushing = false;
  }
}
