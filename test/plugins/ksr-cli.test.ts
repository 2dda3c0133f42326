import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runApply } from '../../cli/apply.ts';
import { runDelete } from '../../cli/delete.ts';
import { MemoryStore } from '../../core/kv/memory-store.ts';
import { decodeStoredObject } from '../../plugins/ksr/decode-value.ts';
import { K8S_PREFIX } from '../../plugins/ksr/keys.ts';
import { loadManifests } from '../../plugins/ksr/manifest-loader.ts';

class Captured {
  readonly out: string[] = [];
  readonly err: string[] = [];
  log = (l: string): void => void this.out.push(l);
  error = (l: string): void => void this.err.push(l);
}

describe('apply and delete commands', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'contiv-cli-'));
    file = join(dir, 'kv.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const stored = async () => {
    const s = await MemoryStore.open({ snapshotFile: file });
    const entries = (await s.list(K8S_PREFIX)).entries;
    await s.close();
    return entries;
  };

  it('runApply() writes every example object under the KSR layout, decoding back to the manifests\' model', async () => {
    const io = new Captured();
    expect(await runApply(['-f', 'examples/manifests', '--snapshot', file], io, {})).toBe(0);
    const expected = await loadManifests(['examples/manifests']);
    const entries = await stored();
    expect(entries.map((e) => e.key)).toEqual(expected.objects.map((o) => o.key).sort());
    for (const e of entries) {
      expect(decodeStoredObject(e.key, e.value).object.value).toEqual(expected.objects.find((o) => o.key === e.key)!.value);
    }
    expect(io.out).toContain('policy shop/default-deny -> /vnf-agent/contiv-ksr/k8s/policy/default-deny/namespace/shop');
    expect(io.out.at(-1)).toMatch(/^22 objects written \(memory store, revision \d+\)$/);
    // Namespaces and nodes come first, then what lives in them.
    expect(io.out[0]).toMatch(/^namespace /);
  });

  it('runApply() writes nothing and lists every error when one document is invalid', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, `apiVersion: v1
kind: Namespace
metadata: { name: fine }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: p, namespace: n }
spec: { podSelector: { matchExpressions: [{ key: a, operator: Near }] } }
---
apiVersion: v1
kind: Pod
metadata: { name: q, namespace: n, labels: { "x y": z } }
`);
    const io = new Captured();
    expect(await runApply(['-f', 'examples/manifests', '-f', bad, '--snapshot', file], io, {})).toBe(1);
    expect(io.err).toEqual([
      `contiv-ts apply: ${bad} document 1 (NetworkPolicy n/p) spec.podSelector.matchExpressions[0].operator: unknown operator "Near" (expected In, NotIn, Exists or DoesNotExist)`,
      expect.stringContaining(`${bad} document 2 (Pod n/q) metadata.labels["x y"]: label key "x y"`),
      'contiv-ts apply: 2 invalid documents: nothing written',
    ]);
    expect(existsSync(file)).toBe(false);
  });

  it('runDelete() removes the objects of a manifest and reports those not found', async () => {
    await runApply(['-f', 'examples/manifests', '--snapshot', file], new Captured(), {});
    const io = new Captured();
    expect(await runDelete(['-f', 'examples/manifests/30-policies.yaml', '--snapshot', file], io, {})).toBe(0);
    expect((await stored()).filter((e) => e.key.includes('/policy/'))).toEqual([]);
    expect(io.out.at(-1)).toBe('5 objects deleted');
    const again = new Captured();
    expect(await runDelete(['-f', 'examples/manifests/30-policies.yaml', '--snapshot', file], again, {})).toBe(0);
    expect(again.out).toContain('policy shop/default-deny not found');
  });

  it('runApply() refuses a memory store without a snapshot file and writes nothing on --dry-run', async () => {
    const io = new Captured();
    expect(await runApply(['-f', 'examples/manifests'], io, {})).toBe(1);
    expect(io.err.join('\n')).toMatch(/plugins.kvstore: the memory store keeps nothing without a snapshot file/);
    expect(await runApply(['-f', 'examples/manifests', '--snapshot', file, '--dry-run'], new Captured(), {})).toBe(0);
    expect(existsSync(file)).toBe(false);
  });

  it('runApply() reads the store from the agent config file', async () => {
    const config = join(dir, 'agent.yaml');
    writeFileSync(config, `plugins:\n  kvstore:\n    type: memory\n    snapshotFile: ${file}\n`);
    expect(await runApply(['-f', 'examples/manifests/00-namespaces.yaml', '--config', config], new Captured(), {})).toBe(0);
    expect((await stored()).map((e) => e.key)).toHaveLength(3);
  });

  it.each([[[]], [['-f', 'x', '--etcd', 'a:1', '--snapshot', 'f']], [['--bogus']]])('runApply() exits 2 on bad usage %j', async (argv) => {
    const io = new Captured();
    expect(await runApply(argv, io, {})).toBe(2);
    expect(io.err[0]).toMatch(/^contiv-ts apply: /);
  });
});
