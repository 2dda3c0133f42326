/**
 * @module Options of the simulated cluster ({@linkcode Cluster}) and the default VPP transport
 * of its agents, which the e2e suites' second CI run switches with `CONTIV_E2E_VPP=socket`.
 */
import type { Build } from '../core/build.ts';
import type { LogSink } from '../core/log/log-sink.ts';
import type { LogLevel } from '../core/log/logger.ts';
import type { SimRenderer, SimulatorFactory, SimVppTransport } from './sim-node.ts';

/** Options of a simulated cluster. */
export interface ClusterOptions {
  /** Nodes to create when the manifests give no Node. @default 2 */
  readonly nodes?: number;
  /** Policy renderer of every agent. @default 'acl' */
  readonly renderer?: SimRenderer;
  /** The agents' build. @default fullBuild */
  readonly build?: Build;
  /** Where the agents' log records go (warnings and errors by default). */
  readonly sink?: LogSink;
  /** The agents' log level. @default 'warn' */
  readonly logLevel?: LogLevel;
  /** Seed of the load-balancing draws. @default 1 */
  readonly seed?: number;
  /** The simulated clock's start (ms since the epoch). @default 1_700_000_000_000 */
  readonly startTime?: number;
  /**
   * How every agent reaches its simulated VPP: in-process (`sim`) or over VPP's binary-API
   * unix socket (`socket`). @default `socket` when the environment has `CONTIV_E2E_VPP=socket`
   * (the second CI run of the e2e suites), else `sim`
   */
  readonly vppTransport?: SimVppTransport;
  /** Nodes joined without VXLAN, over the node segment (contiv's `l2Interconnect`). @default false */
  readonly l2Interconnect?: boolean;
  /**
   * Main NICs take their address from DHCP (contiv's `ipam.nodeInterconnectDHCP`): the cluster
   * offers each node its laid-out address with the segment's gateway as router once its agent
   * has started; {@linkcode Cluster.offerLease} changes a lease. @default false
   */
  readonly dhcp?: boolean;
  /** Makes each node's simulator (tests pass a recording one). @default `new VppSimulator(options)` */
  readonly simulator?: SimulatorFactory;
}

/** The process environment, or nothing where it cannot be read. */
function processEnv(): Readonly<Record<string, string | undefined>> {
  try {
    return globalThis.process?.env ?? {};
  } catch {
    return {};
  }
}

/** `socket` when `env` says `CONTIV_E2E_VPP=socket` (the e2e suites' second CI run), else `sim`. */
export function defaultVppTransport(env: Readonly<Record<string, string | undefined>> = processEnv()): SimVppTransport {
  return env['CONTIV_E2E_VPP'] === 'socket' ? 'socket' : 'sim';
}
