/**
 * @module A throw-away etcd for the benchmarks: started on free loopback ports with its data in a
 * temporary folder (binary from `ETCD_BIN`, else `etcd` on the PATH), stopped and removed after.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';

/** A running benchmark etcd. */
export interface EtcdProcess {
  /** `127.0.0.1:<port>` of its client URL. */
  readonly endpoint: string;
  /** Stops it and removes its data. */
  stop(): Promise<void>;
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/** Starts etcd and waits until `/health` answers. @throws {Error} if it does not start within 15 s */
export async function startEtcd(): Promise<EtcdProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'contiv-bench-etcd-'));
  const [c, p] = [await freePort(), await freePort()];
  const client = `http://127.0.0.1:${c}`;
  const peer = `http://127.0.0.1:${p}`;
  const child: ChildProcess = spawn(process.env.ETCD_BIN ?? 'etcd', [
    '--name', 'b', '--data-dir', join(dir, 'data'), '--listen-client-urls', client, '--advertise-client-urls', client,
    '--listen-peer-urls', peer, '--initial-advertise-peer-urls', peer, '--initial-cluster', `b=${peer}`,
    '--log-level', 'error', '--logger', 'zap',
  ], { stdio: 'ignore' });
  const exited = new Promise((r) => child.once('exit', r));
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${client}/health`)).ok) break;
    } catch {
      // still starting
    }
    if (i > 300 || child.exitCode !== null) {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`etcd did not start on ${client}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    endpoint: `127.0.0.1:${c}`,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
