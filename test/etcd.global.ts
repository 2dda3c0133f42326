/**
 * @module vitest global setup: starts a real etcd on free loopback ports for the etcd
 * integration tests and provides its endpoint as `etcdEndpoint` (null when etcd is absent;
 * with REQUIRE_ETCD=1 an absent binary fails the run instead).
 */
import { spawnSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { EtcdProcess } from './fakes/kv-etcd-process.ts';

declare module 'vitest' {
  interface ProvidedContext {
    etcdEndpoint: string | null;
    etcdBin: string | null;
  }
}

let etcd: EtcdProcess | undefined;

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
  const started = await EtcdProcess.start(bin);
  etcd = started;
  project.provide('etcdEndpoint', started.endpoint);
  project.provide('etcdBin', bin);
  return async () => {
    await etcd?.destroy();
    etcd = undefined;
  };
}
