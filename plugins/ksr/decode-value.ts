/**
 * @module decodeStoredObject(): a stored KSR key and value (Kubernetes JSON or the original
 * KSR's proto-JSON, detected per value) → the normalized model object. Pure.
 */
import { BadInputError } from '../../core/errors.ts';
import type { KsrKind, KsrKinds, KsrObject } from './model.ts';
import { K8S_KINDS, decodeK8s } from './k8s-decoders.ts';
import { parseKsrKey, type KsrKey } from './keys.ts';
import { isProtoJson, protoToK8s } from './proto-to-k8s.ts';

/** A decoded stored object with its parsed key. */
export interface StoredObject {
  readonly key: KsrKey;
  readonly object: KsrObject;
}

/**
 * Decodes a stored value. The object's name and namespace must match its key, and a
 * Kubernetes `kind`, when present, must match the key's kind.
 * @throws {BadInputError} naming the key and the field (key shape, JSON syntax, validation)
 */
export function decodeStoredObject(key: string, value: string): StoredObject {
  const k = parseKsrKey(key);
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch (err: unknown) {
    throw new BadInputError(key, '', `value is not valid JSON: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  const proto = isProtoJson(json);
  const decoded = proto ? decodeProto(k.kind, json, key, k.namespace) : decodeKubernetes(k.kind, json, key, k.namespace);
  checkIdentity(k, decoded, key, proto);
  return { key: k, object: { kind: k.kind, value: decoded } as KsrObject };
}

function decodeKubernetes<K extends KsrKind>(kind: K, json: unknown, key: string, namespace?: string): KsrKinds[K] {
  const declared = typeof json === 'object' && json !== null ? (json as { kind?: unknown }).kind : undefined;
  const expected = K8S_KINDS[kind].k8sKind;
  if (declared !== undefined && declared !== expected) {
    throw new BadInputError(key, 'kind', `"${String(declared)}" stored under a ${kind} key (expected ${expected})`);
  }
  return decodeK8s(kind, json, key, namespace);
}

function decodeProto<K extends KsrKind>(kind: K, json: unknown, key: string, namespace?: string): KsrKinds[K] {
  const k8s = protoToK8s(kind, json, key);
  try {
    return decodeK8s(kind, k8s, key, namespace);
  } catch (err: unknown) {
    if (!(err instanceof BadInputError)) throw err;
    // Field paths name the Kubernetes field the proto field was reflected from.
    throw new BadInputError(key, err.field, `${err.detail} (proto-JSON value; field named as in Kubernetes)`, { cause: err });
  }
}

function checkIdentity(k: KsrKey, decoded: { readonly name: string; readonly namespace?: string }, key: string, proto: boolean): void {
  const at = proto ? '' : 'metadata.';
  if (decoded.name !== k.name) throw new BadInputError(key, `${at}name`, `"${decoded.name}" differs from the name in the key ("${k.name}")`);
  if (k.namespace !== undefined && decoded.namespace !== k.namespace) {
    throw new BadInputError(key, `${at}namespace`, `"${decoded.namespace ?? ''}" differs from the namespace in the key ("${k.namespace}")`);
  }
}
