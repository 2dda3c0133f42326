/** @module The vpp plugin's public face: the API other plugins inject as `VPP_API`. */
import type { InjectionToken } from 'tsyringe';
import type { VppValue } from './model.ts';
import type { VppSimulator } from './sim/vpp-simulator.ts';

/**
 * Desired-state changes of the current event. Values put here are applied by the
 * reconciler when the event ends, as one transaction, in dependency order. During a
 * resync event, every plugin puts its complete state and anything ours that is not put
 * is removed from VPP.
 */
export interface VppTxn {
  /** Sets the desired value of `key` (see `vppKeys`). */
  put(key: string, value: VppValue): void;
  /** Removes `key` from the desired state. */
  delete(key: string): void;
}

/** A VPP event a plugin can subscribe to (e.g. a DHCP lease). */
export interface VppEventListener<E> {
  (event: E): void;
}

/** What the vpp plugin offers other plugins. */
export interface VppApi {
  /** The transaction of the event being handled (created on first use, committed at event end). */
  txn(): VppTxn;
  /** Current desired value of a key (after this event's changes so far). */
  desired(key: string): VppValue | undefined;
  /** Keys of the desired state under `prefix`, sorted. */
  desiredKeys(prefix: string): readonly string[];
  /** sw_if_index of a configured interface, once created. */
  interfaceIndex(name: string): number | undefined;
  /**
   * Subscribes to a VPP event message by name (`dhcp_compl_event`); the listener is called
   * inside the event loop (as a pushed event), so it may use `txn()`.
   */
  onEvent<E>(msgName: string, listener: VppEventListener<E>): void;
  /**
   * The in-process simulator whose state is this agent's VPP (the one the `sim` adapter talks
   * to, or one injected and served behind the socket adapter); the packet tracer walks it.
   * Undefined when the agent programs a real VPP, or before init. Optional: other
   * implementations need not offer it.
   */
  inProcessSimulator?(): VppSimulator | undefined;
}

/** Token of the vpp plugin's API. */
export const VPP_API: InjectionToken<VppApi> = Symbol('vpp.VppApi');
