/**
 * @module The VPP simulator: one simulated VPP's state plus the binary-API message dispatch.
 * `handle(msg)` answers a request with its reply, or a dump with its details, with VPP's
 * semantics (see `handlers/*`); events go to `onEvent` listeners (the sim adapters).
 *
 * @example
 * const sim = new VppSimulator({ node: 'node-1', nics: [{ name: 'GigabitEthernet0/8/0' }] });
 * sim.handle({ _msgname: 'create_loopback', mac_address: ZERO_MAC }); // → [create_loopback_reply]
 */
import { systemClock, type Clock } from '../../../core/clock.ts';
import { VnetApiError } from '../messages/api-errno.ts';
import { VPP_GETS, VPP_REPLIES, isDumpName, isGetName, type VppEvent, type VppMessage, type VppOutgoing } from '../messages/message-map.ts';
import { U32_MAX, macFromText } from '../messages/vpp-types.ts';
import { aclDumpHandlers, aclRequestHandlers } from './handlers/acl.ts';
import { afPacketDumpHandlers, afPacketRequestHandlers } from './handlers/af-packet.ts';
import { dhcpDumpHandlers, dhcpRequestHandlers } from './handlers/dhcp.ts';
import { IndexPool } from './handlers/index-pool.ts';
import { interfaceDumpHandlers, interfaceRequestHandlers } from './handlers/interface.ts';
import { ipDumpHandlers, ipRequestHandlers } from './handlers/ip.ts';
import { ipNeighborDumpHandlers, ipNeighborRequestHandlers } from './handlers/ip-neighbor.ts';
import { l2DumpHandlers, l2RequestHandlers, leaveBridgeDomain } from './handlers/l2.ts';
import { dropNatOutputInterface, nat44DumpHandlers, nat44GetHandlers, nat44RequestHandlers } from './handlers/nat44.ts';
import { nat44MappingDumpHandlers, nat44MappingRequestHandlers } from './handlers/nat44-mappings.ts';
import { nat44PluginRequestHandlers } from './handlers/nat44-plugin.ts';
import { sessionDumpHandlers, sessionRequestHandlers } from './handlers/session.ts';
import type { DumpHandlers, GetHandlers, NewInterface, RequestHandlers, SimContext } from './handlers/sim-context.ts';
import { tapDumpHandlers, tapRequestHandlers } from './handlers/tap.ts';
import { vpeRequestHandlers } from './handlers/vpe.ts';
import { vxlanDumpHandlers, vxlanRequestHandlers } from './handlers/vxlan.ts';
import type { SimInterface, SimState } from './sim-state.ts';

/** A physical NIC the simulated VPP starts with. */
export interface SimNic {
  /** VPP's name, e.g. `GigabitEthernet0/8/0`. */
  readonly name: string;
  /** `aa:bb:cc:dd:ee:ff`; default: a stable MAC derived from node and name. */
  readonly mac?: string;
}

/** Options of {@linkcode VppSimulator}. */
export interface VppSimulatorOptions {
  /** Node name (traces, stable MACs). */
  readonly node: string;
  /** NICs, sw_if_index 1, 2, … in this order (0 is `local0`). @default [] */
  readonly nics?: readonly SimNic[];
  /** What `show_version` reports. @default '22.10-release' */
  readonly version?: string;
  /** Time of NAT/ACL sessions. @default systemClock */
  readonly clock?: Clock;
  /** `control_ping_reply.vpe_pid`. @default 4242 */
  readonly pid?: number;
  /**
   * Details per answer of a cursor get before it says EAGAIN (VPP yields after a time budget);
   * tests lower it to exercise the continuation. @default Infinity
   */
  readonly cursorBatch?: number;
}

type AnyRequestHandler = (ctx: SimContext, req: VppOutgoing) => VppMessage;
type AnyDumpHandler = (ctx: SimContext, req: VppOutgoing) => VppMessage[];
type AnyGetHandler = (ctx: SimContext, req: VppOutgoing) => VppMessage[];

/** An empty SimState for `node` (no interfaces). */
export function emptySimState(node: string): SimState {
  return {
    node,
    interfaces: new Map(),
    bridgeDomains: new Map(),
    routes: [],
    neighbours: [],
    acls: new Map(),
    interfaceAcls: new Map(),
    nat44: {
      forwarding: false,
      addresses: [],
      interfaces: new Map(),
      outputInterfaces: new Map(),
      staticMappings: [],
      identityMappings: [],
      sessions: [],
      affinity: new Map(),
    },
    session: { enabled: false, appNamespaces: [], rules: [] },
    dhcpClients: new Map(),
    aclSessions: [],
    ipTables: new Map([[0, 'ipv4-VRF:0']]),
  };
}

/** FNV-1a, for stable MACs. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h >>> 0;
}

/** One simulated VPP. */
export class VppSimulator implements SimContext {
  readonly state: SimState;
  readonly clock: Clock;
  readonly pid: number;
  readonly version: string;
  readonly cursorBatch: number;
  readonly #ifIndexes = new IndexPool(0);
  readonly #listeners = new Set<(event: VppEvent) => void>();
  readonly #requests: RequestHandlers;
  readonly #dumps: DumpHandlers;
  readonly #gets: GetHandlers;

  constructor(opts: VppSimulatorOptions) {
    this.state = emptySimState(opts.node);
    this.clock = opts.clock ?? systemClock;
    this.pid = opts.pid ?? 4242;
    this.version = opts.version ?? '22.10-release';
    this.cursorBatch = opts.cursorBatch ?? Infinity;
    this.#requests = {
      ...vpeRequestHandlers,
      ...interfaceRequestHandlers,
      ...tapRequestHandlers,
      ...afPacketRequestHandlers,
      ...vxlanRequestHandlers,
      ...l2RequestHandlers,
      ...ipRequestHandlers,
      ...ipNeighborRequestHandlers,
      ...dhcpRequestHandlers,
      ...aclRequestHandlers(new IndexPool(0)),
      ...nat44PluginRequestHandlers,
      ...nat44RequestHandlers,
      ...nat44MappingRequestHandlers,
      ...sessionRequestHandlers,
    };
    this.#dumps = {
      ...interfaceDumpHandlers,
      ...tapDumpHandlers,
      ...afPacketDumpHandlers,
      ...vxlanDumpHandlers,
      ...l2DumpHandlers,
      ...ipDumpHandlers,
      ...ipNeighborDumpHandlers,
      ...dhcpDumpHandlers,
      ...aclDumpHandlers,
      ...nat44DumpHandlers,
      ...nat44MappingDumpHandlers,
      ...sessionDumpHandlers,
    };
    this.#gets = { ...nat44GetHandlers };
    this.createInterface({ name: 'local0', type: 'local', mac: new Uint8Array(6) });
    for (const nic of opts.nics ?? []) {
      this.createInterface({ name: nic.name, type: 'ethernet', mac: nic.mac ? Uint8Array.from(macFromText(nic.mac)) : this.stableMac(nic.name) });
    }
  }

  /**
   * Answers one message: `[reply]` for a request, the details (maybe none) for a dump, the
   * details and then the reply for a cursor get.
   */
  handle(msg: VppOutgoing): VppMessage[] {
    const name = msg._msgname;
    if (isGetName(name)) {
      const h = this.#gets[name] as unknown as AnyGetHandler | undefined;
      return h ? h(this, msg) : [{ _msgname: VPP_GETS[name].reply, retval: VnetApiError.UNIMPLEMENTED, cursor: U32_MAX } as unknown as VppMessage];
    }
    if (isDumpName(name)) {
      // The table maps each name to the handler of that name's message type.
      const h = this.#dumps[name] as unknown as AnyDumpHandler | undefined;
      return h ? h(this, msg) : [];
    }
    const h = this.#requests[name] as unknown as AnyRequestHandler | undefined;
    if (h) return [h(this, msg)];
    // Every request has a handler (a test checks it); this keeps a gap visible as VPP would.
    return [{ _msgname: VPP_REPLIES[name], retval: VnetApiError.UNIMPLEMENTED } as unknown as VppMessage];
  }

  /** Names of the requests, dumps and cursor gets this simulator answers, sorted. */
  handledMessages(): string[] {
    return [...Object.keys(this.#requests), ...Object.keys(this.#dumps), ...Object.keys(this.#gets)].sort();
  }

  /** Calls `listener` with every event the simulated VPP sends; returns the unsubscribe function. */
  onEvent(listener: (event: VppEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** The interface named `name` (VPP's name), if any. */
  interfaceByName(name: string): SimInterface | undefined {
    for (const i of this.state.interfaces.values()) if (i.name === name) return i;
    return undefined;
  }

  iface(swIfIndex: number): SimInterface | undefined {
    return this.state.interfaces.get(swIfIndex);
  }

  createInterface(spec: NewInterface): SimInterface {
    const swIfIndex = this.#ifIndexes.take();
    const i: SimInterface = { swIfIndex, name: spec.name, type: spec.type, tag: spec.tag?.slice(0, 63) ?? '', adminUp: false, mac: spec.mac, addresses: [], vrf: 0 };
    this.state.interfaces.set(swIfIndex, i);
    return i;
  }

  deleteInterface(swIfIndex: number): void {
    const s = this.state;
    if (!s.interfaces.has(swIfIndex)) return;
    leaveBridgeDomain(s, swIfIndex);
    s.interfaceAcls.delete(swIfIndex);
    s.nat44.interfaces.delete(swIfIndex);
    dropNatOutputInterface(s.nat44, swIfIndex);
    s.neighbours = s.neighbours.filter((n) => n.swIfIndex !== swIfIndex);
    s.dhcpClients.delete(swIfIndex);
    s.aclSessions = s.aclSessions.filter((x) => x.swIfIndex !== swIfIndex);
    for (const r of s.routes) r.paths = r.paths.filter((p) => p.swIfIndex !== swIfIndex);
    s.routes = s.routes.filter((r) => r.paths.length > 0);
    for (const other of s.interfaces.values()) if (other.unnumberedOf === swIfIndex) delete other.unnumberedOf;
    s.interfaces.delete(swIfIndex);
    this.#ifIndexes.put(swIfIndex);
  }

  stableMac(seed: string): Uint8Array {
    const h = hash32(`${this.state.node}/${seed}`);
    return Uint8Array.of(0x02, 0xfe, h >>> 24, (h >>> 16) & 255, (h >>> 8) & 255, h & 255);
  }

  emit(event: VppEvent): void {
    for (const l of [...this.#listeners]) l(event);
  }

  hasTable(vrf: number): boolean {
    return vrf === 0 || (vrf !== U32_MAX && (this.state.ipTables?.has(vrf) ?? false));
  }
}
