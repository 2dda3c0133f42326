/**
 * @module MemoryKsr: the in-memory object store behind the `KSR_API` fakes (the plugin-isolation
 * tests' FakeKsr, the benchmark's BenchKsr). Subclasses decide how a change reaches subscribers.
 */
import type { EventContext } from '../../core/datasync/datasync.ts';
import type { BadKsrObject, KsrApi, KsrChange, KsrChangeHandler } from '../../plugins/ksr/api.ts';
import type { KsrKind, KsrKinds } from '../../plugins/ksr/model.ts';

/** A `KSR_API` over objects held in memory, listed in id order. */
export class MemoryKsr implements KsrApi {
  readonly #objects = new Map<KsrKind, Map<string, KsrKinds[KsrKind]>>();
  readonly #subs: { readonly kinds: readonly KsrKind[]; readonly handler: KsrChangeHandler }[] = [];

  list<K extends KsrKind>(kind: K): readonly KsrKinds[K][] {
    const m = this.#objects.get(kind);
    if (!m) return [];
    return [...m.keys()].sort().map((k) => m.get(k) as KsrKinds[K]);
  }

  get<K extends KsrKind>(kind: K, id: string): KsrKinds[K] | undefined {
    return this.#objects.get(kind)?.get(id) as KsrKinds[K] | undefined;
  }

  subscribe(_owner: string, kinds: readonly KsrKind[], handler: KsrChangeHandler): void {
    this.#subs.push({ kinds, handler });
  }

  badObjects(): readonly BadKsrObject[] {
    return [];
  }

  /** Forgets every object (no events). */
  protected clear(): void {
    this.#objects.clear();
  }

  /**
   * Stores (`value`) or removes (`value` undefined) object `id` without notifying; returns the
   * change a subscriber would see under `key`.
   */
  protected write<K extends KsrKind>(kind: K, id: string, key: string, value: KsrKinds[K] | undefined): KsrChange {
    let m = this.#objects.get(kind);
    if (!m) this.#objects.set(kind, (m = new Map()));
    const prev = m.get(id);
    if (value === undefined) m.delete(id);
    else m.set(id, value);
    return { kind, key, id, ...(prev ? { prev } : {}), ...(value ? { value } : {}) } as KsrChange;
  }

  /** Hands each subscriber the changes of its kinds, as one event `ctx`. */
  protected async deliver(changes: readonly KsrChange[], ctx: EventContext): Promise<void> {
    for (const s of this.#subs) {
      const mine = changes.filter((c) => s.kinds.includes(c.kind));
      if (mine.length > 0) await s.handler(mine, ctx);
    }
  }
}
