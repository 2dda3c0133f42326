/**
 * @module `contiv-ts delete -f PATH`: removes the objects of Kubernetes manifests from the
 * configured store (KSR layout). All documents are validated first; if any is invalid
 * nothing is deleted.
 */
import process from 'node:process';
import type { KeyValueStore, KvOp } from '../core/kv/key-value-store.ts';
import { K8S_PREFIX } from '../plugins/ksr/keys.ts';
import { loadManifests, type ManifestSet } from '../plugins/ksr/manifest-loader.ts';
import { inKindOrder, openCliStore, parseManifestFlags, reportManifestErrors, STORE_FLAGS_HELP } from './apply.ts';
import type { Command } from './commands.ts';
import { consoleOutput, formatError, type Output, readCommandLine } from './usage.ts';

const USAGE = `usage: contiv-ts delete -f PATH [-f PATH]... [--config PATH | --etcd HOST:PORT | --snapshot FILE] [--dry-run]

Deletes the objects named by manifests (files or directories) from the store.

  -f PATH            manifest file or directory (*.yaml, *.yml, *.json; repeatable)
${STORE_FLAGS_HELP}`;


/**
 * Deletes the manifests' objects that exist (dependents first: the reverse of apply's order).
 * @returns the number of objects deleted
 */
export async function deleteManifests(store: KeyValueStore | undefined, set: ManifestSet, out: Output): Promise<number> {
  const objects = inKindOrder(set.objects).reverse();
  const existing = store ? new Set((await store.list(K8S_PREFIX)).entries.map((e) => e.key)) : undefined;
  const ops: KvOp[] = [];
  for (const o of objects) {
    if (existing && !existing.has(o.key)) {
      out.log(`${o.kind} ${o.id} not found`);
      continue;
    }
    ops.push({ type: 'delete', key: o.key });
    out.log(`${o.kind} ${o.id} deleted${store ? '' : ' (dry run)'}`);
  }
  if (store && ops.length > 0) await store.batch(ops);
  return ops.length;
}

/** Runs `delete`; resolves with the exit status. */
export async function runDelete(argv: readonly string[], out: Output = consoleOutput, env: Readonly<Record<string, string | undefined>> = process.env): Promise<number> {
  const line = readCommandLine('delete', USAGE, () => parseManifestFlags(argv), out);
  if (line.exit !== undefined) return line.exit;
  const { flags } = line;
  const set = await loadManifests(flags.files);
  if (reportManifestErrors(set, out, 'delete')) return 1;
  let store: KeyValueStore | undefined;
  try {
    store = flags.dryRun ? undefined : await openCliStore(flags, env);
    const n = await deleteManifests(store, set, out);
    out.log(`${n} object${n === 1 ? '' : 's'} deleted`);
    return 0;
  } catch (err: unknown) {
    out.error(`contiv-ts delete: ${formatError(err)}`);
    return 1;
  } finally {
    await store?.close();
  }
}

/** The `delete` command. */
export const deleteCommand: Command = { summary: 'delete the objects of Kubernetes manifests from the store', usage: USAGE, run: (argv) => runDelete(argv) };
