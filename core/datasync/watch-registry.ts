/**
 * @module WatchRegistry: which plugin watches which key prefixes with which handler, and the
 * end-of-event hooks; orders them by plugin start order. Pure: no I/O.
 */
import type { KvChange } from '../kv/key-value-store.ts';
import type { SnapshotEntry } from '../snapshot.ts';
import type { ChangeHandler, EventEndHook } from './datasync.ts';

interface Registration<T> {
  readonly owner: string;
  readonly index: number;
  readonly value: T;
}

/** One handler call an event makes: the owner's handler with the changes under its prefixes. */
export interface HandlerCall {
  readonly owner: string;
  readonly handler: ChangeHandler;
  readonly changes: readonly KvChange[];
}

/** Registered watches and hooks. */
export class WatchRegistry {
  readonly #watches: Registration<{ prefixes: readonly string[]; handler: ChangeHandler }>[] = [];
  readonly #hooks: Registration<EventEndHook>[] = [];
  #next = 0;

  /** Adds a watch of `owner` on `prefixes`. */
  addWatch(owner: string, prefixes: readonly string[], handler: ChangeHandler): void {
    this.#watches.push({ owner, index: this.#next++, value: { prefixes: [...prefixes], handler } });
  }

  /** Adds an end-of-event hook of `owner`. */
  addHook(owner: string, hook: EventEndHook): void {
    this.#hooks.push({ owner, index: this.#next++, value: hook });
  }

  /** Every watched prefix, deduplicated and sorted. */
  prefixes(): string[] {
    return [...new Set(this.#watches.flatMap((w) => w.value.prefixes))].sort();
  }

  /** Owners with at least one watch. */
  owners(): Set<string> {
    return new Set(this.#watches.map((w) => w.owner));
  }

  /** The handler calls for a batch of changes, in plugin order (`order` = plugin names in start order). */
  calls(changes: readonly KvChange[], order: readonly string[]): HandlerCall[] {
    const out: HandlerCall[] = [];
    for (const w of sortByOrder(this.#watches, order)) {
      const mine = changes.filter((c) => w.value.prefixes.some((p) => c.key.startsWith(p)));
      if (mine.length > 0) out.push({ owner: w.owner, handler: w.value.handler, changes: mine });
    }
    return out;
  }

  /** The end-of-event hooks in plugin order. */
  hooks(order: readonly string[]): { readonly owner: string; readonly hook: EventEndHook }[] {
    return sortByOrder(this.#hooks, order).map((h) => ({ owner: h.owner, hook: h.value }));
  }

  /** The entries (sorted input stays sorted) under any prefix `owner` watches. */
  entriesOf(owner: string, entries: readonly SnapshotEntry[]): SnapshotEntry[] {
    const prefixes = this.#watches.filter((w) => w.owner === owner).flatMap((w) => w.value.prefixes);
    return entries.filter((e) => prefixes.some((p) => e.key.startsWith(p)));
  }
}

/** Longest common prefix of all strings ('' for none): one watch and one listing cover them all. */
export function commonPrefix(strings: readonly string[]): string {
  if (strings.length === 0) return '';
  let p = strings[0]!;
  for (const s of strings) {
    let i = 0;
    while (i < p.length && i < s.length && p[i] === s[i]) i++;
    p = p.slice(0, i);
  }
  return p;
}

/** Sorts by the owner's position in `order` (unknown owners last), then by registration. */
function sortByOrder<T>(regs: readonly Registration<T>[], order: readonly string[]): Registration<T>[] {
  const rank = (owner: string): number => {
    const i = order.indexOf(owner);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return [...regs].sort((a, b) => rank(a.owner) - rank(b.owner) || a.index - b.index);
}
