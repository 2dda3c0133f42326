/**
 * @module `contiv-ts apply -f PATH`: validates Kubernetes manifests and writes them into the
 * configured store under the KSR layout, as the KSR would. All documents are validated first;
 * if any is invalid nothing is written and every error is listed.
 */
import process from 'node:process';
import { ConfigError, type ConfigIssue } from '../core/errors.ts';
import type { ConfigOverride } from '../core/config/config-overrides.ts';
import { configIssues } from '../core/config/config-issues.ts';
import { loadConfig } from '../core/config/load-config.ts';
import type { KeyValueStore, KvOp } from '../core/kv/key-value-store.ts';
import { kvstoreConfigSchema } from '../core/kv/kvstore-config.ts';
import { openStore } from '../core/kv/open-store.ts';
import { KSR_KINDS } from '../plugins/ksr/keys.ts';
import { loadManifests, type ManifestObject, type ManifestSet } from '../plugins/ksr/manifest-loader.ts';
import type { Command } from './commands.ts';
import { consoleOutput, formatError, type Output, parseFlags, readCommandLine, UsageError } from './usage.ts';

/** Flags shared by `apply` and `delete`. */
export const MANIFEST_FLAGS = {
  filename: { type: 'string', short: 'f', multiple: true },
  config: { type: 'string' },
  etcd: { type: 'string' },
  snapshot: { type: 'string' },
  'dry-run': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The store flags' help lines (shared with `delete`). */
export const STORE_FLAGS_HELP = `  --config PATH      agent config file: the store is plugins.kvstore (memory snapshot file or etcd)
  --etcd HOST:PORT   write to etcd at HOST:PORT (comma-separated for several members)
  --snapshot FILE    write to the memory store's snapshot file FILE (the agent's plugins.kvstore.snapshotFile)
  --dry-run          validate and print, write nothing
  -h, --help         show this help`;

const USAGE = `usage: contiv-ts apply -f PATH [-f PATH]... [--config PATH | --etcd HOST:PORT | --snapshot FILE] [--dry-run]

Writes Namespaces, Pods, NetworkPolicies, Services, Endpoints, EndpointSlices and Nodes from
YAML/JSON manifests (files or directories; multi-document YAML; kind: List) into the store,
under the KSR layout (/vnf-agent/contiv-ksr/k8s/...). Every document is validated first;
when one is invalid nothing is written.

  -f PATH            manifest file or directory (*.yaml, *.yml, *.json; repeatable)
${STORE_FLAGS_HELP}`;

/** Parsed `apply`/`delete` flags. */
export interface ManifestCommandFlags {
  readonly files: readonly string[];
  readonly config?: string;
  readonly etcd?: string;
  readonly snapshot?: string;
  readonly dryRun: boolean;
}

/**
 * Opens the store the flags and config describe. The memory store needs a snapshot file:
 * otherwise what is written would vanish with this process.
 * @throws {ConfigError} for an invalid `plugins.kvstore` section or a memory store without file
 */
export async function openCliStore(flags: ManifestCommandFlags, env: Readonly<Record<string, string | undefined>>): Promise<KeyValueStore> {
  const overrides: ConfigOverride[] = [];
  if (flags.etcd !== undefined) {
    overrides.push({ path: ['plugins', 'kvstore', 'type'], value: 'etcd', origin: 'flag --etcd' });
    overrides.push({ path: ['plugins', 'kvstore', 'etcd', 'endpoints'], value: flags.etcd.split(','), origin: 'flag --etcd' });
  }
  if (flags.snapshot !== undefined) {
    overrides.push({ path: ['plugins', 'kvstore', 'type'], value: 'memory', origin: 'flag --snapshot' });
    overrides.push({ path: ['plugins', 'kvstore', 'snapshotFile'], value: flags.snapshot, origin: 'flag --snapshot' });
  }
  const config = await loadConfig({ file: flags.config, env, flags: overrides });
  const plugins = (config.data as { plugins?: Record<string, unknown> } | null)?.plugins ?? {};
  const { enabled: _enabled, ...section } = (plugins.kvstore ?? {}) as Record<string, unknown>;
  const parsed = kvstoreConfigSchema.safeParse(section);
  if (!parsed.success) throw new ConfigError(config.source, configIssues(parsed.error, kvstoreConfigSchema, config, ['plugins', 'kvstore']));
  if (parsed.data.type === 'memory' && !parsed.data.snapshotFile) {
    const issue: ConfigIssue = {
      origin: config.source,
      path: 'plugins.kvstore',
      detail: 'the memory store keeps nothing without a snapshot file: pass --snapshot FILE or --etcd HOST:PORT',
    };
    throw new ConfigError(config.source, [issue]);
  }
  return await openStore(parsed.data);
}

/** Parses `apply`/`delete` flags. @throws {UsageError} */
export function parseManifestFlags(argv: readonly string[]): ManifestCommandFlags & { readonly help: boolean } {
  const f = parseFlags(argv, MANIFEST_FLAGS);
  if (!f.help && (f.filename ?? []).length === 0) throw new UsageError('missing -f PATH');
  if (f.etcd !== undefined && f.snapshot !== undefined) throw new UsageError('--etcd and --snapshot exclude each other');
  return { files: f.filename ?? [], config: f.config, etcd: f.etcd, snapshot: f.snapshot, dryRun: f['dry-run'] ?? false, help: f.help ?? false };
}

/** Prints every error of a manifest set; returns whether there were any. */
export function reportManifestErrors(set: ManifestSet, out: Output, command: string): boolean {
  for (const e of set.errors) out.error(`contiv-ts ${command}: ${e.message}`);
  if (set.errors.length > 0) {
    out.error(`contiv-ts ${command}: ${set.errors.length} invalid document${set.errors.length === 1 ? '' : 's'}: nothing ${command === 'delete' ? 'deleted' : 'written'}`);
  }
  return set.errors.length > 0;
}

/** Objects in the order the KSR kinds are handled (namespaces and nodes first), then by key. */
export function inKindOrder(objects: readonly ManifestObject[]): ManifestObject[] {
  const rank = (o: ManifestObject): number => KSR_KINDS.indexOf(o.kind);
  return [...objects].sort((a, b) => rank(a) - rank(b) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * Writes valid manifests into a store (batched in transactions of ≤ 128 operations).
 * @returns the store revision after the writes, or undefined when nothing was written
 */
export async function applyManifests(store: KeyValueStore | undefined, set: ManifestSet, out: Output): Promise<number | undefined> {
  const objects = inKindOrder(set.objects);
  const ops: KvOp[] = objects.map((o) => ({ type: 'put', key: o.key, value: JSON.stringify(o.json) }));
  for (const o of objects) out.log(`${o.kind} ${o.id} -> ${o.key}`);
  if (!store) {
    out.log(`${objects.length} object${objects.length === 1 ? '' : 's'} valid (dry run: nothing written)`);
    return undefined;
  }
  const revision = await store.batch(ops);
  out.log(`${objects.length} object${objects.length === 1 ? '' : 's'} written (${store.kind} store, revision ${revision})`);
  return revision;
}

/** Runs `apply` with parsed arguments; resolves with the exit status. */
export async function runApply(argv: readonly string[], out: Output = consoleOutput, env: Readonly<Record<string, string | undefined>> = process.env): Promise<number> {
  const line = readCommandLine('apply', USAGE, () => parseManifestFlags(argv), out);
  if (line.exit !== undefined) return line.exit;
  const { flags } = line;
  const set = await loadManifests(flags.files);
  if (reportManifestErrors(set, out, 'apply')) return 1;
  let store: KeyValueStore | undefined;
  try {
    store = flags.dryRun ? undefined : await openCliStore(flags, env);
    await applyManifests(store, set, out);
    return 0;
  } catch (err: unknown) {
    out.error(`contiv-ts apply: ${formatError(err)}`);
    return 1;
  } finally {
    await store?.close();
  }
}

/** The `apply` command. */
export const applyCommand: Command = { summary: 'write Kubernetes manifests into the store (as the KSR would)', usage: USAGE, run: (argv) => runApply(argv) };
