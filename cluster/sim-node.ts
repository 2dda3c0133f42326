/**
 * @module SimNode: one node of the simulated cluster — a whole agent of the full build (no
 * HTTP port, the shared store, clock and its own VppSimulator injected as overrides) and the
 * facts the underlay and the explanations need about it.
 */
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
import { VppSimulator } from '../plugins/vpp/sim/vpp-simulator.ts';
import type { UnderlayNode } from '../plugins/vpp/sim/underlay.ts';
import { VPP_SIMULATOR } from '../plugins/vpp/tokens.ts';
import type { NodeApis } from './trace-explainer.ts';

/** The main NIC of every simulated node. */
export const SIM_NIC = 'GigabitEthernet0/8/0';

/** Name of the underlay segment the nodes' NICs are plugged into. */
export const NODE_SEGMENT = 'nodes';

/** Policy renderers the simulation can run. */
export type SimRenderer = 'acl' | 'vpptcp';

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
}

/** The agent config of a simulated node. */
export function simNodeConfig(o: Pick<SimNodeOptions, 'name' | 'contiv' | 'renderer' | 'logLevel'>): Record<string, unknown> {
  return {
    agent: { label: o.name },
    http: { enabled: false },
    log: { level: o.logLevel ?? 'warn' },
    plugins: {
      // The shared store comes in as an override; the plugin would only open a store nobody uses.
      kvstore: { enabled: false },
      // No retry timers: a failed VPP call is reported once, and nothing keeps running after a step.
      vpp: { sim: { nics: [{ name: SIM_NIC }] }, retry: { maxRetries: 0 } },
      contiv: { ...o.contiv, tcpStack: o.renderer === 'vpptcp' },
      policy: { renderers: [o.renderer] },
    },
  };
}

/** One running node. */
export class SimNode {
  private constructor(readonly name: string, readonly agent: Agent, readonly sim: VppSimulator) {}

  /** Creates and starts the node's agent. @throws what `createAgent` / `Agent.start` throw */
  static async start(o: SimNodeOptions): Promise<SimNode> {
    const sim = new VppSimulator({ node: o.name, nics: [{ name: SIM_NIC }], clock: o.clock });
    const agent = createAgent(o.build, simNodeConfig(o), {
      overrides: [[KV_STORE, o.store], [VPP_SIMULATOR, sim], [CLOCK, o.clock]],
      sink: o.sink,
    });
    await agent.start();
    return new SimNode(o.name, agent, sim);
  }

  /** The agent's event loop. */
  datasync(): Datasync {
    return this.agent.get(DATASYNC);
  }

  /** Lets every event queued so far run (a no-op event at the end of the queue). */
  async drain(): Promise<void> {
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

  /** Closes the agent. */
  close(): Promise<void> {
    return this.agent.close();
  }
}
