/**
 * @module EtcdProcess: an etcd of a test's own (free loopback ports, temp data dir) that the
 * test may stop and restart on the same ports and data, e.g. to cut the agent off mid-stream.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A loopback port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** One etcd member under the test's control. */
export class EtcdProcess {
  #child: ChildProcess | undefined;

  private constructor(
    private readonly bin: string,
    private readonly dir: string,
    private readonly clientPort: number,
    private readonly peerPort: number,
  ) {}

  /**
   * Starts a fresh etcd with its data in a new temporary folder.
   * @throws {Error} When it exits or is not healthy within 15 s (its folder is removed then).
   */
  static async start(bin: string): Promise<EtcdProcess> {
    const p = new EtcdProcess(bin, mkdtempSync(join(tmpdir(), 'contiv-etcd-')), await freePort(), await freePort());
    try {
      await p.restart();
    } catch (err: unknown) {
      await p.destroy();
      throw err;
    }
    return p;
  }

  /** `127.0.0.1:PORT` */
  get endpoint(): string {
    return `127.0.0.1:${this.clientPort}`;
  }

  /** (Re)starts etcd on the same ports and data dir and waits until it is healthy. */
  async restart(): Promise<void> {
    const client = `http://127.0.0.1:${this.clientPort}`;
    const peer = `http://127.0.0.1:${this.peerPort}`;
    const child = spawn(this.bin, [
      '--name', 't', '--data-dir', join(this.dir, 'data'),
      '--listen-client-urls', client, '--advertise-client-urls', client,
      '--listen-peer-urls', peer, '--initial-advertise-peer-urls', peer,
      '--initial-cluster', `t=${peer}`, '--log-level', 'error', '--logger', 'zap',
    ], { stdio: 'ignore' });
    this.#child = child;
    const deadline = Date.now() + 15_000;
    for (;;) {
      try {
        const res = await fetch(`${client}/health`);
        if (res.ok && ((await res.json()) as { health?: string }).health === 'true') return;
      } catch {
        // not up yet
      }
      // A port taken meanwhile or a bad binary ends the process: say so instead of waiting.
      if (child.exitCode !== null) throw new Error(`etcd (${this.bin}) exited with ${child.exitCode} before ${client} was healthy`);
      if (Date.now() > deadline) throw new Error(`etcd at ${client} not healthy within 15 s`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Stops etcd (SIGTERM to the process we spawned) and waits for it to exit. */
  async stop(): Promise<void> {
    const c = this.#child;
    this.#child = undefined;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGTERM');
    await exited;
  }

  /** Stops etcd and removes its data. */
  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
