/**
 * @module Manifest loading for `apply -f` / `delete -f`: files and directories (sorted;
 * `*.yaml`, `*.yml`, `*.json`), YAML multi-document, JSON, `kind: List`. Every object is
 * validated with the same decoders the agent uses; errors name the file, the document index,
 * the object and the field.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { BadInputError } from '../../core/errors.ts';
import type { KsrKind, KsrKinds } from './model.ts';
import { describeObject } from './k8s-common.ts';
import { K8S_KINDS, decodeK8s, ksrKindOf } from './k8s-decoders.ts';
import { ksrId, ksrKey, NAMESPACED_KINDS } from './keys.ts';

const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** One valid object of a manifest. */
export interface ManifestObject {
  /** `file document N` (and `items[i]` inside a List). */
  readonly source: string;
  readonly kind: KsrKind;
  /** Store key under the KSR layout. */
  readonly key: string;
  /** `namespace/name` or `name`. */
  readonly id: string;
  /** The Kubernetes JSON to store (namespace filled in with `default` when absent). */
  readonly json: Readonly<Record<string, unknown>>;
  /** The decoded model object. */
  readonly value: KsrKinds[KsrKind];
}

/** Valid objects and every error found. */
export interface ManifestSet {
  readonly objects: readonly ManifestObject[];
  readonly errors: readonly BadInputError[];
}

/** Lists the manifest files of paths (directories: their matching files, sorted; not recursive). */
export async function manifestFiles(paths: readonly string[]): Promise<{ files: string[]; errors: BadInputError[] }> {
  const files: string[] = [];
  const errors: BadInputError[] = [];
  for (const p of paths) {
    try {
      if ((await stat(p)).isDirectory()) {
        const names = (await readdir(p)).filter((n) => EXTENSIONS.has(extname(n).toLowerCase())).sort();
        files.push(...names.map((n) => join(p, n)));
      } else {
        files.push(p);
      }
    } catch (err: unknown) {
      errors.push(new BadInputError(p, '', `cannot read: ${err instanceof Error ? err.message : String(err)}`, { cause: err }));
    }
  }
  return { files, errors };
}

/** Loads and validates every object of the given files and directories. */
export async function loadManifests(paths: readonly string[]): Promise<ManifestSet> {
  const { files, errors } = await manifestFiles(paths);
  const objects: ManifestObject[] = [];
  for (const f of files) {
    let text: string;
    try {
      text = await readFile(f, 'utf8');
    } catch (err: unknown) {
      errors.push(new BadInputError(f, '', `cannot read: ${err instanceof Error ? err.message : String(err)}`, { cause: err }));
      continue;
    }
    const set = parseManifestText(text, f);
    objects.push(...set.objects);
    errors.push(...set.errors);
  }
  return checkDuplicates({ objects, errors });
}

/** Parses and validates one file's text (YAML, which covers JSON). Pure. */
export function parseManifestText(text: string, file: string): ManifestSet {
  const objects: ManifestObject[] = [];
  const errors: BadInputError[] = [];
  const docs = parseAllDocuments(text, { prettyErrors: true });
  (Array.isArray(docs) ? docs : []).forEach((doc, i) => {
    const source = `${file} document ${i}`;
    if (doc.errors.length > 0) {
      const e = doc.errors[0]!;
      errors.push(new BadInputError(source, '', `invalid YAML: ${e.message.split('\n')[0]}`));
      return;
    }
    const json: unknown = doc.toJS();
    if (json === null || json === undefined) return;
    collect(json, source, objects, errors);
  });
  return { objects, errors };
}

/**
 * Validates Kubernetes objects given as parsed JSON (one object or a `List`), e.g. the objects
 * of a scenario file; `source` names where they came from (`scenario.json steps[1].apply[0]`). Pure.
 */
export function parseManifestJson(json: unknown, source: string): ManifestSet {
  const objects: ManifestObject[] = [];
  const errors: BadInputError[] = [];
  collect(json, source, objects, errors);
  return { objects, errors };
}

function collect(json: unknown, source: string, objects: ManifestObject[], errors: BadInputError[]): void {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    errors.push(new BadInputError(source, '', 'expected a Kubernetes object (a mapping with apiVersion and kind)'));
    return;
  }
  const obj = json as Record<string, unknown>;
  if (typeof obj.kind === 'string' && obj.kind.endsWith('List') && Array.isArray(obj.items)) {
    obj.items.forEach((item, i) => collect(item, `${source} items[${i}]`, objects, errors));
    return;
  }
  try {
    objects.push(toManifestObject(obj, source));
  } catch (err: unknown) {
    if (!(err instanceof BadInputError)) throw err;
    errors.push(err);
  }
}

function toManifestObject(obj: Record<string, unknown>, at: string): ManifestObject {
  const meta = (typeof obj.metadata === 'object' && obj.metadata !== null ? obj.metadata : {}) as Record<string, unknown>;
  const name = typeof meta.name === 'string' ? meta.name : '?';
  const namespace = typeof meta.namespace === 'string' ? meta.namespace : undefined;
  const k8sKind = typeof obj.kind === 'string' ? obj.kind : undefined;
  const source = `${at} (${describeObject(k8sKind ?? 'object', name, namespace)})`;
  if (!k8sKind) throw new BadInputError(source, 'kind', 'missing');
  const kind = ksrKindOf(k8sKind);
  if (!kind) {
    const supported = Object.values(K8S_KINDS).map((k) => k.k8sKind).join(', ');
    throw new BadInputError(source, 'kind', `unsupported kind "${k8sKind}" (supported: ${supported})`);
  }
  const versions = K8S_KINDS[kind].apiVersions;
  if (typeof obj.apiVersion !== 'string' || !versions.includes(obj.apiVersion)) {
    throw new BadInputError(source, 'apiVersion', `"${String(obj.apiVersion ?? '')}" is not supported for ${k8sKind} (expected ${versions.join(' or ')})`);
  }
  const value = decodeK8s(kind, obj, source, 'default');
  const ns = NAMESPACED_KINDS.has(kind) ? (value as { namespace: string }).namespace : undefined;
  const stored = ns !== undefined && namespace === undefined ? { ...obj, metadata: { ...meta, namespace: ns } } : obj;
  return { source, kind, key: ksrKey(kind, value.name, ns), id: ksrId(value.name, ns), json: stored, value };
}

function checkDuplicates(set: ManifestSet): ManifestSet {
  const seen = new Map<string, string>();
  const errors = [...set.errors];
  const objects: ManifestObject[] = [];
  for (const o of set.objects) {
    const first = seen.get(o.key);
    if (first !== undefined) {
      errors.push(new BadInputError(o.source, 'metadata.name', `the same object is already defined at ${first}`));
      continue;
    }
    seen.set(o.key, o.source);
    objects.push(o);
  }
  return { objects, errors };
}
