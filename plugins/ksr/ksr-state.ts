/**
 * @module KsrState: the decoded Kubernetes objects of the store, per kind, with the objects
 * skipped as bad. Applies store changes (decoding each value once) and rebuilds from
 * snapshots. A bad update of a valid object removes it: subscribers see it deleted. Pure.
 */
import { BadInputError } from '../../core/errors.ts';
import type { KvChange } from '../../core/kv/key-value-store.ts';
import type { SnapshotEntry } from '../../core/snapshot.ts';
import type { BadKsrObject, KsrChange } from './api.ts';
import type { KsrKind, KsrKinds } from './model.ts';
import { decodeStoredObject } from './decode-value.ts';
import { KSR_KINDS, parseKsrKey } from './keys.ts';

/** What applying changes produced. */
export interface KsrApplyResult {
  /** Decoded changes in store order. */
  readonly changes: readonly KsrChange[];
  /** Objects skipped by this batch. */
  readonly bad: readonly BadKsrObject[];
}

type KindMaps = { [K in KsrKind]: Map<string, KsrKinds[K]> };

/** The decoded state. */
export class KsrState {
  #maps = emptyMaps();
  #sorted = new Map<KsrKind, readonly unknown[]>();
  #bad = new Map<string, BadKsrObject>();

  /** All valid objects of a kind, sorted by id. */
  list<K extends KsrKind>(kind: K): readonly KsrKinds[K][] {
    let sorted = this.#sorted.get(kind) as readonly KsrKinds[K][] | undefined;
    if (!sorted) {
      const map = this.#maps[kind] as Map<string, KsrKinds[K]>;
      sorted = [...map.keys()].sort().map((id) => map.get(id)!);
      this.#sorted.set(kind, sorted);
    }
    return sorted;
  }

  /** One object by id. */
  get<K extends KsrKind>(kind: K, id: string): KsrKinds[K] | undefined {
    return (this.#maps[kind] as Map<string, KsrKinds[K]>).get(id);
  }

  /** Objects currently skipped, sorted by key. */
  badObjects(): readonly BadKsrObject[] {
    return [...this.#bad.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** Number of valid objects per kind. */
  counts(): Record<KsrKind, number> {
    return Object.fromEntries(KSR_KINDS.map((k) => [k, this.#maps[k].size])) as Record<KsrKind, number>;
  }

  /** Applies one revision's changes (keys outside the KSR layout are reported as bad). */
  apply(changes: readonly KvChange[]): KsrApplyResult {
    const out: KsrChange[] = [];
    const bad: BadKsrObject[] = [];
    for (const c of changes) {
      if (c.type === 'delete') {
        this.#bad.delete(c.key);
        const k = safeParseKey(c.key);
        if (!k) continue;
        const prev = this.#maps[k.kind].get(k.id);
        if (prev === undefined) continue;
        this.#remove(k.kind, k.id);
        out.push({ kind: k.kind, key: c.key, id: k.id, prev } as KsrChange);
        continue;
      }
      try {
        const { key, object } = decodeStoredObject(c.key, c.value ?? '');
        const prev = this.#maps[key.kind].get(key.id);
        this.#set(key.kind, key.id, object.value);
        this.#bad.delete(c.key);
        out.push({ kind: key.kind, key: c.key, id: key.id, prev, value: object.value } as KsrChange);
      } catch (err: unknown) {
        const b = this.#markBad(c.key, err);
        bad.push(b);
        const k = safeParseKey(c.key);
        const prev = k ? this.#maps[k.kind].get(k.id) : undefined;
        if (k && prev !== undefined) {
          // The last valid version is gone; treating the object as deleted keeps consumers
          // from acting on a state the store no longer holds.
          this.#remove(k.kind, k.id);
          out.push({ kind: k.kind, key: c.key, id: k.id, prev } as KsrChange);
        }
      }
    }
    return { changes: out, bad };
  }

  /** Replaces the whole state with a snapshot's entries; returns the bad ones. */
  resync(entries: readonly SnapshotEntry[]): readonly BadKsrObject[] {
    this.#maps = emptyMaps();
    this.#sorted.clear();
    this.#bad.clear();
    const bad: BadKsrObject[] = [];
    for (const e of entries) {
      try {
        const { key, object } = decodeStoredObject(e.key, e.value);
        this.#set(key.kind, key.id, object.value);
      } catch (err: unknown) {
        bad.push(this.#markBad(e.key, err));
      }
    }
    return bad;
  }

  #set(kind: KsrKind, id: string, value: KsrKinds[KsrKind]): void {
    (this.#maps[kind] as Map<string, KsrKinds[KsrKind]>).set(id, value);
    this.#sorted.delete(kind);
  }

  #remove(kind: KsrKind, id: string): void {
    this.#maps[kind].delete(id);
    this.#sorted.delete(kind);
  }

  #markBad(key: string, err: unknown): BadKsrObject {
    const b: BadKsrObject =
      err instanceof BadInputError
        ? { key, field: err.field, detail: err.detail }
        : { key, field: '', detail: err instanceof Error ? err.message : String(err) };
    this.#bad.set(key, b);
    return b;
  }
}

function emptyMaps(): KindMaps {
  return {
    namespace: new Map(), node: new Map(), pod: new Map(), policy: new Map(),
    service: new Map(), endpoints: new Map(), endpointslice: new Map(),
  };
}

function safeParseKey(key: string): { kind: KsrKind; id: string } | undefined {
  try {
    return parseKsrKey(key);
  } catch {
    return undefined;
  }
}
