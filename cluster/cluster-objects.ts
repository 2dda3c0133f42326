/**
 * @module ClusterObjects: the Kubernetes objects the user gave the simulation (manifests,
 * scenario steps), by KSR key — applied (an object replaces the one with the same key) and
 * deleted (deleting a Namespace deletes what lives in it, as the namespace controller does).
 * What the controllers add (placement, IPs, status, slices) is not kept here. Pure.
 */
import { BadInputError } from '../core/errors.ts';
import { K8S_KINDS, ksrKindOf } from '../plugins/ksr/k8s-decoders.ts';
import { ksrKey, NAMESPACED_KINDS } from '../plugins/ksr/keys.ts';
import type { ManifestObject } from '../plugins/ksr/manifest-loader.ts';
import type { KsrKind, KsrKinds } from '../plugins/ksr/model.ts';

/** A user object of one kind, with its decoded value typed. */
export type ObjectOf<K extends KsrKind> = ManifestObject & { readonly kind: K; readonly value: KsrKinds[K] };

/** A deletion request (`{ kind, namespace?, name }` of a scenario step). */
export interface DeleteRef {
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
}

/** The user's objects. */
export class ClusterObjects {
  readonly #objects = new Map<string, ManifestObject>();

  /** Adds or replaces objects. */
  apply(objects: readonly ManifestObject[]): void {
    for (const o of objects) this.#objects.set(o.key, o);
  }

  /**
   * Deletes objects (a Namespace with everything in it).
   * @param source names each request in errors (`scenario.json steps[2].delete[0]`)
   * @returns the deleted objects
   * @throws {BadInputError} for an unknown kind or an object that does not exist
   */
  delete(refs: readonly DeleteRef[], source: (index: number) => string): ManifestObject[] {
    const keys = refs.map((r, i) => {
      const kind = ksrKindOf(r.kind);
      if (!kind) {
        const kinds = Object.values(K8S_KINDS).map((k) => k.k8sKind).join(', ');
        throw new BadInputError(source(i), 'kind', `unsupported kind "${r.kind}" (supported: ${kinds})`);
      }
      const ns = NAMESPACED_KINDS.has(kind) ? (r.namespace ?? 'default') : undefined;
      const key = ksrKey(kind, r.name, ns);
      if (!this.#objects.has(key)) throw new BadInputError(source(i), 'name', `${r.kind} ${ns ? `${ns}/` : ''}${r.name} does not exist`);
      return { kind, key, name: r.name };
    });
    const removed: ManifestObject[] = [];
    for (const k of keys) {
      const own = this.#objects.get(k.key);
      if (!own) continue; // deleted with its namespace earlier in this list
      this.#objects.delete(k.key);
      removed.push(own);
      if (k.kind !== 'namespace') continue;
      for (const [key, o] of [...this.#objects]) {
        if (NAMESPACED_KINDS.has(o.kind) && (o.value as { namespace: string }).namespace === k.name) {
          this.#objects.delete(key);
          removed.push(o);
        }
      }
    }
    return removed;
  }

  /** The objects of one kind, sorted by key. */
  ofKind<K extends KsrKind>(kind: K): ObjectOf<K>[] {
    return [...this.#objects.values()]
      .filter((o): o is ObjectOf<K> => o.kind === kind)
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** An object by key. */
  get(key: string): ManifestObject | undefined {
    return this.#objects.get(key);
  }
}
