/**
 * @module A simulated VPP behind a unix socket for tests and benchmarks: the simulator, the
 * socket server with the shipped definitions, and socket adapters connected to it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VppSocketServer } from '../../plugins/vpp/sim/socket-server.ts';
import { VppSimulator } from '../../plugins/vpp/sim/vpp-simulator.ts';
import type { ApiDefinitions } from '../../plugins/vpp/socket/api-definitions.ts';
import { loadApiDefinitions, SHIPPED_API_DIR } from '../../plugins/vpp/socket/api-definitions-loader.ts';
import { SocketAdapter, type SocketAdapterOptions } from '../../plugins/vpp/socket/socket-adapter.ts';

/** The main NIC of harness simulators. */
export const HARNESS_NIC = 'GigabitEthernet0/8/0';

let shipped: Promise<ApiDefinitions> | undefined;

/** The shipped definitions, loaded once per test file. */
export function shippedDefinitions(): Promise<ApiDefinitions> {
  shipped ??= loadApiDefinitions(SHIPPED_API_DIR);
  return shipped;
}

/** A fresh simulator of node `node` with one NIC. */
export function harnessSimulator(node = 'node-1'): VppSimulator {
  return new VppSimulator({ node, nics: [{ name: HARNESS_NIC }] });
}

/** A running socket VPP. */
export interface SocketVpp {
  readonly path: string;
  readonly server: VppSocketServer;
  readonly definitions: ApiDefinitions;
  /** A new adapter to this VPP (not connected yet); client definitions default to the shipped ones. */
  adapter(opts?: Partial<SocketAdapterOptions>): SocketAdapter;
  /** Stops the server and removes its directory. */
  close(): Promise<void>;
}

/** Serves `sim` (default: a fresh one) on a socket in a new temporary directory. */
export async function startSocketVpp(opts: { sim?: VppSimulator; definitions?: ApiDefinitions; idShift?: number } = {}): Promise<SocketVpp> {
  const clientDefinitions = await shippedDefinitions();
  const definitions = opts.definitions ?? clientDefinitions;
  const dir = await mkdtemp(join(tmpdir(), 'vpp-sock-'));
  const path = join(dir, 'api.sock');
  const server = new VppSocketServer(opts.sim ?? harnessSimulator(), { definitions, idShift: opts.idShift ?? 0 });
  await server.start(path);
  return {
    path,
    server,
    definitions,
    adapter: (o = {}) => new SocketAdapter({ definitions: clientDefinitions, path, ...o }),
    close: async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
