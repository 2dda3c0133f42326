/**
 * @module What an API handler of the simulator may use: the state, the clock, interface
 * lifecycle (index allocation and the cleanup VPP does when an interface goes away), and the
 * event path. Handlers are functions over this, grouped per API area.
 */
import type { Clock } from '../../../../core/clock.ts';
import type { VppDumpMap, VppDumpName, VppEvent, VppGetMap, VppGetName, VppRequestMap, VppRequestName } from '../../messages/message-map.ts';
import type { SimInterface, SimInterfaceType, SimState } from '../sim-state.ts';

/** What a new interface starts with. */
export interface NewInterface {
  readonly name: string;
  readonly type: SimInterfaceType;
  readonly mac: Uint8Array;
  readonly tag?: string;
}

/** The simulator as its handlers see it. */
export interface SimContext {
  readonly state: SimState;
  readonly clock: Clock;
  /** The simulated VPP's pid (`control_ping_reply.vpe_pid`). */
  readonly pid: number;
  /** Version string `show_version` reports. */
  readonly version: string;
  /**
   * How many details a cursor get sends before answering VNET_API_ERROR_EAGAIN with the cursor
   * to continue from (VPP does so when its API process has to yield); Infinity = all at once.
   */
  readonly cursorBatch: number;
  /** The interface, if `swIfIndex` names one. */
  iface(swIfIndex: number): SimInterface | undefined;
  /** Allocates a sw_if_index (VPP reuses freed ones, last freed first) and adds the interface, admin down. */
  createInterface(spec: NewInterface): SimInterface;
  /** Removes the interface and everything bound to it (addresses, L2, ACL and NAT bindings, neighbours, DHCP, routes through it). */
  deleteInterface(swIfIndex: number): void;
  /** A MAC that is random-looking but the same on every run (`02:fe:` + hash of node and seed). */
  stableMac(seed: string): Uint8Array;
  /** Sends an event to every connected client (adapters deliver it with context 0). */
  emit(event: VppEvent): void;
  /** Whether IPv4 FIB table `vrf` exists. */
  hasTable(vrf: number): boolean;
}

/** Handlers of request/reply messages, by name. */
export type RequestHandlers = {
  readonly [N in VppRequestName]?: (ctx: SimContext, req: VppRequestMap[N]['req']) => VppRequestMap[N]['reply'];
};

/** Handlers of dump messages, by name. */
export type DumpHandlers = {
  readonly [N in VppDumpName]?: (ctx: SimContext, req: VppDumpMap[N]['req']) => VppDumpMap[N]['details'][];
};

/** Handlers of cursor gets, by name: the details, then the reply (with the next cursor). */
export type GetHandlers = {
  readonly [N in VppGetName]?: (ctx: SimContext, req: VppGetMap[N]['req']) => [...VppGetMap[N]['details'][], VppGetMap[N]['reply']];
};
