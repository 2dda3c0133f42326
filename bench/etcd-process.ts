/**
 * @module A throw-away etcd for the benchmarks: started on free loopback ports with its data in a
 * temporary folder (binary from `ETCD_BIN`, else `etcd` on the PATH), stopped and removed after.
 * The process handling is the tests' {@link TestEtcd}.
 */
import process from 'node:process';
import { EtcdProcess as TestEtcd } from '../test/fakes/kv-etcd-process.ts';

/** A running benchmark etcd. */
export interface EtcdProcess {
  /** `127.0.0.1:<port>` of its client URL. */
  readonly endpoint: string;
  /** Stops it and removes its data. */
  stop(): Promise<void>;
}

/** Starts etcd and waits until `/health` answers. @throws {Error} if it does not start within 15 s */
export async function startEtcd(): Promise<EtcdProcess> {
  const etcd = await TestEtcd.start(process.env.ETCD_BIN ?? 'etcd');
  return { endpoint: etcd.endpoint, stop: () => etcd.destroy() };
}
