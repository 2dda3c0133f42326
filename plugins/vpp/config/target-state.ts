/**
 * @module TargetState: the desired values plugins put (base values) and everything they
 * derive, validated, with their dependencies and a waiters index (dependency → dependents).
 */
import { BadInputError, ContivError, errorMessage } from '../../../core/errors.ts';
import type { Dependency, KeyValue } from './descriptor.ts';
import type { DescriptorRegistry } from './descriptor-registry.ts';
import { compareKeys } from './key-order.ts';
import { UnknownKeyError } from './reconciler-errors.ts';

/** A wanted value (base or derived) that passed validation. */
export interface TargetValue {
  readonly key: string;
  readonly value: unknown;
  readonly descriptor: string;
  /** Descriptor dependencies, plus the base value for a derived one. */
  readonly deps: readonly Dependency[];
  readonly group?: string;
  /** The base key this value was derived from. */
  readonly derivedFrom?: string;
}

/** Label of the implicit dependency of a derived value on its base. */
export const DERIVED_FROM = 'derived-from';

/** Derived values may derive further ones; this bounds a runaway descriptor. */
const MAX_DERIVATION_DEPTH = 4;

/** The desired state of one reconciler. */
export class TargetState {
  readonly #registry: DescriptorRegistry;
  readonly #base = new Map<string, unknown>();
  readonly #values = new Map<string, TargetValue>();
  readonly #invalid = new Map<string, ContivError>();
  /** key → keys derived from it (directly). */
  readonly #derivedOf = new Map<string, readonly string[]>();
  /** dependency key → target keys waiting for it. */
  readonly #waiters = new Map<string, Set<string>>();

  constructor(registry: DescriptorRegistry) {
    this.#registry = registry;
  }

  /** The base (plugin-put) value of `key`. */
  desired(key: string): unknown {
    return this.#base.get(key);
  }

  /** Base keys under `prefix`, sorted. */
  desiredKeys(prefix: string): readonly string[] {
    const out: string[] = [];
    for (const k of this.#base.keys()) if (k.startsWith(prefix)) out.push(k);
    return out.sort(compareKeys);
  }

  /** Every base key with its value, sorted by key. */
  desiredEntries(): readonly KeyValue[] {
    return [...this.#base.keys()].sort(compareKeys).map((key) => ({ key, value: this.#base.get(key) }));
  }

  /** The valid wanted value of `key` (base or derived). */
  get(key: string): TargetValue | undefined {
    return this.#values.get(key);
  }

  /** Every wanted key, valid or not (unsorted). */
  *keys(): IterableIterator<string> {
    yield* this.#values.keys();
    yield* this.#invalid.keys();
  }

  /** The validation error of a wanted but invalid key. */
  invalid(key: string): ContivError | undefined {
    return this.#invalid.get(key);
  }

  /** Target keys that list `key` as a dependency. */
  waiters(key: string): ReadonlySet<string> {
    return this.#waiters.get(key) ?? EMPTY;
  }

  /**
   * Sets (or with `undefined` removes) a base value.
   * @returns every key whose wanted value may have changed (the key and all derived keys, old and new)
   */
  setBase(key: string, value: unknown): readonly string[] {
    const touched = new Set<string>([key]);
    this.#dropTree(key, touched);
    if (value === undefined) this.#base.delete(key);
    else {
      this.#base.set(key, value);
      this.#addTree(key, value, undefined, 0, touched);
    }
    return [...touched];
  }

  /** Replaces the whole desired state (full resync). */
  replaceAll(entries: Iterable<KeyValue>): void {
    this.#base.clear();
    this.#values.clear();
    this.#invalid.clear();
    this.#derivedOf.clear();
    this.#waiters.clear();
    for (const { key, value } of entries) this.setBase(key, value);
  }

  #addTree(key: string, value: unknown, derivedFrom: string | undefined, depth: number, touched: Set<string>): void {
    touched.add(key);
    const d = this.#registry.forKey(key);
    if (!d) {
      this.#invalid.set(key, new UnknownKeyError(key));
      return;
    }
    let deps: Dependency[];
    let derived: readonly KeyValue[];
    let group: string | undefined;
    try {
      d.validate?.(key, value);
      deps = [...(d.dependencies?.(key, value) ?? [])];
      derived = depth < MAX_DERIVATION_DEPTH ? (d.derived?.(key, value) ?? []) : [];
      group = d.group?.(key, value);
    } catch (err: unknown) {
      this.#invalid.set(key, err instanceof ContivError ? err : new BadInputError(key, '', errorMessage(err), { cause: err }));
      return;
    }
    if (derivedFrom !== undefined && !deps.some((x) => x.key === derivedFrom)) deps.push({ label: DERIVED_FROM, key: derivedFrom });
    const tv: TargetValue = { key, value, descriptor: d.name, deps, ...(group === undefined ? {} : { group }), ...(derivedFrom === undefined ? {} : { derivedFrom }) };
    this.#values.set(key, tv);
    for (const dep of deps) addTo(this.#waiters, dep.key, key);
    // A derived key already wanted (by a plugin or another base) keeps its first owner.
    const children = derived.filter((x) => x.key !== key && !this.#values.has(x.key) && !this.#invalid.has(x.key));
    this.#derivedOf.set(key, children.map((x) => x.key));
    for (const x of children) this.#addTree(x.key, x.value, key, depth + 1, touched);
  }

  #dropTree(key: string, touched: Set<string>): void {
    touched.add(key);
    for (const child of this.#derivedOf.get(key) ?? []) this.#dropTree(child, touched);
    this.#derivedOf.delete(key);
    const tv = this.#values.get(key);
    if (tv) {
      for (const dep of tv.deps) {
        const s = this.#waiters.get(dep.key);
        s?.delete(key);
        if (s?.size === 0) this.#waiters.delete(dep.key);
      }
      this.#values.delete(key);
    }
    this.#invalid.delete(key);
  }
}

const EMPTY: ReadonlySet<string> = new Set();

function addTo(m: Map<string, Set<string>>, k: string, v: string): void {
  let s = m.get(k);
  if (!s) m.set(k, (s = new Set()));
  s.add(v);
}
