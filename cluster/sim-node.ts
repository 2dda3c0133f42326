/**
 * @module SimNode: one node of the simulated cluster — a whole agent of the full build (no
 * HTTP port, the shared store, clock and its own VppSimulator injected as overrides) and the
 * facts the underlay and the explanations need about it. The agent talks to its simulator
 * in-process (`sim`) or over VPP's binary-API unix socket (`socket`: the simulator served by a
 * {@linkcode VppSocketServer} with the shipped definitions, the agent on the socket adapter).
 * The agent can be stopped and started again over the same store and the same simulator (an
 * agent restart; VPP keeps running).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InjectionToken } from 'tsyringe';
import type { Agent } from '../core/agent.ts';
import { createAgent, type Build } from '../core/build.ts';
import type { ManualClock } from '../core/clock.ts';
import type { Datasync } from '../core/datasync/datasync.ts';
import type { KeyValueStore } from '../core/kv/key-value-store.ts';
import type { LogSink } from '../core/log/log-sink.ts';
import type { LogLevel } from '../core/log/logger.ts';
import { CLOCK, DATASYNC, KV_STORE } from '../core/tokens.ts';
import { HOST_INTERCONNECT_TAP } from '../plugins/contiv/vswitch/vswitch-names.ts';
import { POLICY_API } from '../plugins/policy/api.ts';
import { SERVICE_API } from '../plugins/service/api.ts';
import { VppSocketServer } from '../plugins/vpp/sim/socket-server.ts';
import { VppSimulator, type VppSimulatorOptions } from '../plugins/vpp/sim/vpp-simulator.ts';
import { loadApiDefinitions, SHIPPED_API_DIR } from '../plugins/vpp/socket/api-definitions-loader.ts';
import type { UnderlayNode } from '../plugins/vpp/sim/underlay.ts';
import { VPP_SIMULATOR } from '../plugins/vpp/tokens.ts';
import type { NodeApis } from './trace-explainer.ts';

/** The main NIC of every simulated node. */
export const SIM_NIC = 'GigabitEthernet0/8/0';

/** Name of the underlay segment the nodes' NICs are plugged into. */
export const NODE_SEGMENT = 'nodes';

/** Policy renderers the simulation can run. */
export type SimRenderer = 'acl' | 'vpptcp';

/** How an agent reaches its simulated VPP: in-process, or over the binary-API unix socket. */
export type SimVppTransport = 'sim' | 'socket';

/** Makes a node's simulator (tests pass a recording one). */
export type SimulatorFactory = (options: VppSimulatorOptions) => VppSimulator;

/** Everything one node's agent is started with. */
export interface SimNodeOptions {
  readonly build: Build;
  readonly name: string;
  readonly store: KeyValueStore;
  readonly clock: ManualClock;
  /** The `plugins.contiv` section (IPAM and the node list). */
  readonly contiv: Readonly<Record<string, unknown>>;
  readonly renderer: SimRenderer;
  readonly sink: LogSink;
  /** @default 'warn' */
  readonly logLevel?: LogLevel;
  /** @default 'sim' */
  readonly vppTransport?: SimVppTransport;
  /** @default `new VppSimulator(options)` */
  readonly simulator?: SimulatorFactory;
}

/** The simulator served on a unix socket in its own temporary directory. */
interface ServedVpp {
  readonly path: string;
  readonly server: VppSocketServer;
  readonly dir: string;
}

async function serve(sim: VppSimulator): Promise<ServedVpp> {
  const dir = await mkdtemp(join(tmpdir(), 'contiv-sim-vpp-'));
  const path = join(dir, 'api.sock');
  const server = new VppSocketServer(sim, { definitions: await loadApiDefinitions(SHIPPED_API_DIR) });
  await server.start(path);
  return { path, server, dir };
}

/**
 * The agent config of a simulated node; `socketPath` switches the vpp plugin to the socket
 * adapter (shipped definitions, no start-up wait, fast reconnects).
 */
export function simNodeConfig(o: Pick<SimNodeOptions, 'name' | 'contiv' | 'renderer' | 'logLevel'>, socketPath?: string): Record<string, unknown> {
  const socket = socketPath === undefined
    ? {}
    : { adapter: 'socket', socket: { path: socketPath, apiDir: 'shipped', startupWaitMs: 0, reconnect: { initialDelayMs: 20, maxDelayMs: 200 } } };
  return {
    agent: { label: o.name },
    http: { enabled: false },
    log: { level: o.logLevel ?? 'warn' },
    plugins: {
      // The shared store comes in as an override; the plugin would only open a store nobody uses.
      kvstore: { enabled: false },
      // No retry timers: a failed VPP call is reported once, and nothing keeps running after a step.
      vpp: { sim: { nics: [{ name: SIM_NIC }] }, retry: { maxRetries: 0 }, ...socket },
      contiv: { ...o.contiv, tcpStack: o.renderer === 'vpptcp' },
      policy: { renderers: [o.renderer] },
    },
  };
}

/** One running node. */
export class SimNode {
  #agent: Agent | undefined;

  private constructor(readonly name: string, agent: Agent, readonly sim: VppSimulator, private readonly options: SimNodeOptions, private readonly served: ServedVpp | undefined) {
    this.#agent = agent;
  }

  /** Creates the node's simulator (served on a socket in socket mode) and starts its agent. @throws what `createAgent` / `Agent.start` throw */
  static async start(o: SimNodeOptions): Promise<SimNode> {
    const simOptions: VppSimulatorOptions = { node: o.name, nics: [{ name: SIM_NIC }], clock: o.clock };
    const sim = o.simulator ? o.simulator(simOptions) : new VppSimulator(simOptions);
    const served = o.vppTransport === 'socket' ? await serve(sim) : undefined;
    try {
      return new SimNode(o.name, await SimNode.#startAgent(o, sim, served), sim, o, served);
    } catch (err: unknown) {
      if (served) await SimNode.#unserve(served);
      throw err;
    }
  }

  static async #startAgent(o: SimNodeOptions, sim: VppSimulator, served: ServedVpp | undefined): Promise<Agent> {
    const agent = createAgent(o.build, simNodeConfig(o, served?.path), {
      overrides: [[KV_STORE, o.store], [VPP_SIMULATOR, sim], [CLOCK, o.clock]],
      sink: o.sink,
    });
    await agent.start();
    return agent;
  }

  static async #unserve(served: ServedVpp): Promise<void> {
    await served.server.stop();
    await rm(served.dir, { recursive: true, force: true });
  }

  /** The running agent. @throws {Error} while the agent is stopped */
  get agent(): Agent {
    if (!this.#agent) throw new Error(`simulate: the agent of ${this.name} is stopped`);
    return this.#agent;
  }

  /** Whether the agent runs (false between {@linkcode stopAgent} and {@linkcode startAgent}). */
  get running(): boolean {
    return this.#agent !== undefined;
  }

  /** How the agent reaches its simulator. */
  get vppTransport(): SimVppTransport {
    return this.served ? 'socket' : 'sim';
  }

  /** The socket server in front of the simulator (socket mode). */
  socketServer(): VppSocketServer | undefined {
    return this.served?.server;
  }

  /** Closes the agent only: the simulator (and its socket) keep their state, as VPP outlives an agent restart. */
  async stopAgent(): Promise<void> {
    const agent = this.#agent;
    this.#agent = undefined;
    await agent?.close();
  }

  /** Starts a fresh agent over the same store and the same simulator. @throws {Error} if the agent runs */
  async startAgent(): Promise<void> {
    if (this.#agent) throw new Error(`simulate: the agent of ${this.name} already runs`);
    this.#agent = await SimNode.#startAgent(this.options, this.sim, this.served);
  }

  /** The agent's event loop. */
  datasync(): Datasync {
    return this.agent.get(DATASYNC);
  }

  /** Lets every event queued so far run (a no-op event at the end of the queue). */
  async drain(): Promise<void> {
    if (!this.#agent) return;
    // VPP events reach the event loop through a microtask (in-process) or as socket I/O: let
    // them be queued before the no-op, or the no-op would overtake them.
    await new Promise((resolve) => setTimeout(resolve, 0));
    await this.datasync().push('simulate-settle', 'wait until idle', () => undefined);
  }

  /** Calls one of the agent's REST routes in-process. */
  fetch(path: string, init?: RequestInit): Promise<Response> {
    return this.agent.fetch(new Request(`http://${this.name}${path}`, init));
  }

  /** The policy and service APIs (absent in builds without those plugins). */
  apis(): NodeApis {
    return { policy: this.#resolve(POLICY_API), service: this.#resolve(SERVICE_API) };
  }

  #resolve<T>(token: InjectionToken<T>): T | undefined {
    try {
      return this.agent.get(token);
    } catch {
      return undefined;
    }
  }

  /** The node as the underlay sees it (its NIC on the node segment, its host interconnect). */
  underlayNode(): UnderlayNode {
    const host = [...this.sim.state.interfaces.values()].find((i) => i.tag === HOST_INTERCONNECT_TAP);
    return { name: this.name, state: this.sim.state, nics: [{ interface: SIM_NIC, segment: NODE_SEGMENT }], ...(host ? { hostInterconnect: host.name } : {}) };
  }

  /** Closes the agent and, in socket mode, the socket. */
  async close(): Promise<void> {
    await this.stopAgent();
    if (this.served) await SimNode.#unserve(this.served);
  }
}
