/**
 * @module The KSR key layout (as the original contiv KSR wrote it): building and strictly
 * parsing `/vnf-agent/contiv-ksr/k8s/<kind>/<name>[/namespace/<ns>]`.
 */
import { BadInputError } from '../../core/errors.ts';
import { KSR_PREFIX } from './api.ts';
import type { KsrKind } from './model.ts';

/** Every kind, in the order the agent handles them (namespaces and nodes before what lives in them). */
export const KSR_KINDS: readonly KsrKind[] = ['namespace', 'node', 'pod', 'policy', 'service', 'endpoints', 'endpointslice'];

/** Kinds whose objects live in a namespace (keys end in `/namespace/<ns>`). */
export const NAMESPACED_KINDS: ReadonlySet<KsrKind> = new Set(['pod', 'policy', 'service', 'endpoints', 'endpointslice']);

/** Root of every Kubernetes object key. */
export const K8S_PREFIX = `${KSR_PREFIX}k8s/`;

/** The key prefix of one kind (`/vnf-agent/contiv-ksr/k8s/pod/`). */
export function kindPrefix(kind: KsrKind): string {
  return `${K8S_PREFIX}${kind}/`;
}

/** A parsed KSR key. */
export interface KsrKey {
  readonly kind: KsrKind;
  readonly name: string;
  /** Set for namespaced kinds. */
  readonly namespace?: string;
  /** `namespace/name` or `name` (as KsrApi ids). */
  readonly id: string;
}

/** The key of an object. @throws {BadInputError} when a namespaced kind lacks a namespace or a part has a `/` */
export function ksrKey(kind: KsrKind, name: string, namespace?: string): string {
  const source = `${kind} ${namespace ? `${namespace}/` : ''}${name}`;
  checkPart(source, 'metadata.name', name);
  if (NAMESPACED_KINDS.has(kind)) {
    if (namespace === undefined) throw new BadInputError(source, 'metadata.namespace', `a ${kind} needs a namespace`);
    checkPart(source, 'metadata.namespace', namespace);
    return `${kindPrefix(kind)}${name}/namespace/${namespace}`;
  }
  return `${kindPrefix(kind)}${name}`;
}

/** The id KsrApi uses for an object. */
export function ksrId(name: string, namespace?: string): string {
  return namespace === undefined ? name : `${namespace}/${name}`;
}

/**
 * Parses a full key. Namespaced kinds: exactly `k8s/<kind>/<name>/namespace/<ns>`; namespace
 * and node: exactly `k8s/<kind>/<name>`.
 * @throws {BadInputError} naming the key when its shape is unknown
 */
export function parseKsrKey(key: string): KsrKey {
  if (!key.startsWith(K8S_PREFIX)) throw new BadInputError(key, 'key', `not under ${K8S_PREFIX}`);
  const parts = key.slice(K8S_PREFIX.length).split('/');
  const kind = parts[0] as KsrKind;
  if (!KSR_KINDS.includes(kind)) {
    throw new BadInputError(key, 'key', `unknown kind "${parts[0]}" (expected one of ${KSR_KINDS.join(', ')})`);
  }
  if (NAMESPACED_KINDS.has(kind)) {
    if (parts.length !== 4 || parts[2] !== 'namespace' || !parts[1] || !parts[3]) {
      throw new BadInputError(key, 'key', `expected k8s/${kind}/<name>/namespace/<namespace>`);
    }
    return { kind, name: parts[1], namespace: parts[3], id: ksrId(parts[1], parts[3]) };
  }
  if (parts.length !== 2 || !parts[1]) throw new BadInputError(key, 'key', `expected k8s/${kind}/<name>`);
  return { kind, name: parts[1], id: parts[1] };
}

function checkPart(source: string, field: string, value: string): void {
  if (value === '' || value.includes('/')) throw new BadInputError(source, field, `"${value}" cannot be a key part (empty or contains "/")`);
}
