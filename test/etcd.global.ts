/**
 * @module vitest global setup: starts a real etcd on free loopback ports for the etcd
 * integration tests and provides its endpoint as `etcdEndpoint` (null when etcd is absent;
 * with REQUIRE_ETCD=1 an absent binary fails the run instead).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  interface ProvidedContext {
    etcdEndpoint: string | null;
    etcdBin: string | null;
  }
}

async function freePort(): Promise<number> {
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

async function waitHealthy(url: string, limitMs: number): Promise<void> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok && ((await res.json()) as { health?: string }).health === 'true') return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`etcd at ${url} not healthy within ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

let child: ChildProcess | undefined;
let dir: string | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const bin = process.env.ETCD_BIN ?? 'etcd';
  const probe = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    if (process.env.REQUIRE_ETCD === '1') {
      throw new Error(`etcd binary "${bin}" not found and REQUIRE_ETCD=1 (apt-get install -y etcd-server)`);
    }
    console.warn(`*** etcd binary "${bin}" not found: etcd integration tests are SKIPPED (apt-get install -y etcd-server)`);
    project.provide('etcdEndpoint', null);
    project.provide('etcdBin', null);
    return async () => {};
  }
  const clientPort = await freePort();
  const peerPort = await freePort();
  dir = mkdtempSync(join(tmpdir(), 'contiv-etcd-'));
  const client = `http://127.0.0.1:${clientPort}`;
  const peer = `http://127.0.0.1:${peerPort}`;
  child = spawn(bin, [
    '--name', 't', '--data-dir', join(dir, 'data'),
    '--listen-client-urls', client, '--advertise-client-urls', client,
    '--listen-peer-urls', peer, '--initial-advertise-peer-urls', peer,
    '--initial-cluster', `t=${peer}`, '--log-level', 'error', '--logger', 'zap',
  ], { stdio: 'ignore' });
  await waitHealthy(client, 15_000);
  project.provide('etcdEndpoint', `127.0.0.1:${clientPort}`);
  project.provide('etcdBin', bin);
  return async () => {
    const c = child;
    if (c && c.exitCode === null) {
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGTERM');
      await exited;
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
}
