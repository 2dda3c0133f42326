/**
 * @module The transport seam under the channel: an adapter moves messages with their context
 * numbers between the agent and one VPP. `sim` runs a simulator in-process; `socket` (later)
 * speaks the binary API over VPP's unix socket. The channel does not know which one it has.
 */
import type { VppMessage, VppOutgoing } from '../messages/message-map.ts';

/**
 * Receives every message VPP sends: replies and details carry the context of the request they
 * answer; events carry context 0.
 */
export type AdapterMessageHandler = (context: number, msg: VppMessage) => void;

/** A connection to one VPP. */
export interface Adapter {
  /** For errors and status (`sim:node-1`, `socket:/run/vpp/api.sock`). */
  readonly name: string;
  /** Opens the connection (the socket adapter does the `sockclnt_create` handshake here). */
  connect(): Promise<void>;
  /** Closes the connection; no message is delivered afterwards. */
  disconnect(): Promise<void>;
  /**
   * Sends one message with `context`; the answer comes through the message handler, never
   * synchronously from inside `send` (ordering as on a socket).
   * @throws {Error} When the adapter is not connected or cannot encode the message.
   */
  send(context: number, msg: VppOutgoing): void;
  /** Sets where incoming messages go (one handler; the channel). */
  setMessageHandler(handler: AdapterMessageHandler): void;
}
