/**
 * @module A VppSimulator that records every message it handles and can refuse the next
 * request of a name: for tests of code that builds its own adapter and channel (the plugin).
 */
import { VPP_REPLIES, isChangingMessage, isRequestName, type VppMessage, type VppOutgoing } from '../../plugins/vpp/messages/message-map.ts';
import { VppSimulator, type VppSimulatorOptions } from '../../plugins/vpp/sim/vpp-simulator.ts';

/** Records messages (`messages`) and answers planned failures (`failNext`) without executing them. */
export class RecordingSimulator extends VppSimulator {
  /** Every request and dump handled (control pings included), in order. */
  readonly messages: VppOutgoing[] = [];
  readonly #failures = new Map<string, number[]>();

  constructor(opts: Partial<VppSimulatorOptions> = {}) {
    super({ node: 'node-1', nics: [{ name: 'GigabitEthernet0/8/0', mac: '08:00:27:00:00:01' }], ...opts });
  }

  /** The next request named `msgName` is answered with `retval` and not executed. */
  failNext(msgName: string, retval: number): void {
    this.#failures.set(msgName, [...(this.#failures.get(msgName) ?? []), retval]);
  }

  override handle(msg: VppOutgoing): VppMessage[] {
    this.messages.push(msg);
    const rv = this.#failures.get(msg._msgname)?.shift();
    if (rv !== undefined && isRequestName(msg._msgname)) return [{ _msgname: VPP_REPLIES[msg._msgname], retval: rv } as unknown as VppMessage];
    return super.handle(msg);
  }

  /** Names of the messages handled since the last `clear()`. */
  names(): string[] {
    return this.messages.map((m) => m._msgname);
  }

  /** Names of the messages that can change VPP. */
  changes(): string[] {
    return this.names().filter(isChangingMessage);
  }

  /** Forgets what was recorded. */
  clear(): void {
    this.messages.length = 0;
  }
}
