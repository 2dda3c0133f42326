/**
 * @module AppliedState: what the reconciler believes VPP holds of ours — values, metadata,
 * dependencies — indexed by dependency, group and descriptor.
 */
import type { AppliedValue, DescriptorContext } from './descriptor.ts';
import { compareKeys } from './key-order.ts';

/** The applied values with the indexes the planner and descriptors query. */
export class AppliedState implements DescriptorContext {
  readonly #values = new Map<string, AppliedValue>();
  /** dependency key → keys of applied values depending on it. */
  readonly #dependents = new Map<string, Set<string>>();
  readonly #groups = new Map<string, Map<string, AppliedValue>>();
  readonly #byDescriptor = new Map<string, Map<string, AppliedValue>>();

  /** Number of applied values. */
  get size(): number {
    return this.#values.size;
  }

  /** The applied value of `key`. */
  get(key: string): AppliedValue | undefined {
    return this.#values.get(key);
  }

  /** Whether `key` is applied. */
  has(key: string): boolean {
    return this.#values.has(key);
  }

  /** All applied keys (unsorted). */
  keys(): IterableIterator<string> {
    return this.#values.keys();
  }

  /** Records `v` as applied, replacing any previous value of its key. */
  set(v: AppliedValue): void {
    this.delete(v.key);
    this.#values.set(v.key, v);
    for (const d of v.deps) addTo(this.#dependents, d.key, v.key);
    if (v.group !== undefined) mapIn(this.#groups, v.group).set(v.key, v);
    mapIn(this.#byDescriptor, v.descriptor).set(v.key, v);
  }

  /** Forgets `key`. */
  delete(key: string): void {
    const v = this.#values.get(key);
    if (!v) return;
    this.#values.delete(key);
    for (const d of v.deps) {
      const set = this.#dependents.get(d.key);
      set?.delete(key);
      if (set?.size === 0) this.#dependents.delete(d.key);
    }
    if (v.group !== undefined) dropFrom(this.#groups, v.group, key);
    dropFrom(this.#byDescriptor, v.descriptor, key);
  }

  /** Applied keys that depend on `key`. */
  dependents(key: string): ReadonlySet<string> {
    return this.#dependents.get(key) ?? EMPTY;
  }

  /** {@inheritDoc DescriptorContext.metadata} */
  metadata(key: string): unknown {
    return this.#values.get(key)?.metadata;
  }

  /** {@inheritDoc DescriptorContext.group} */
  group(group: string): readonly AppliedValue[] {
    return sortedValues(this.#groups.get(group));
  }

  /** {@inheritDoc DescriptorContext.values} */
  values(descriptor: string): readonly AppliedValue[] {
    return sortedValues(this.#byDescriptor.get(descriptor));
  }
}

const EMPTY: ReadonlySet<string> = new Set();

function sortedValues(m: ReadonlyMap<string, AppliedValue> | undefined): readonly AppliedValue[] {
  if (!m) return [];
  return [...m.values()].sort((a, b) => compareKeys(a.key, b.key));
}

function addTo(m: Map<string, Set<string>>, k: string, v: string): void {
  let s = m.get(k);
  if (!s) m.set(k, (s = new Set()));
  s.add(v);
}

function mapIn(m: Map<string, Map<string, AppliedValue>>, k: string): Map<string, AppliedValue> {
  let inner = m.get(k);
  if (!inner) m.set(k, (inner = new Map()));
  return inner;
}

function dropFrom(m: Map<string, Map<string, AppliedValue>>, k: string, key: string): void {
  const inner = m.get(k);
  inner?.delete(key);
  if (inner?.size === 0) m.delete(k);
}
