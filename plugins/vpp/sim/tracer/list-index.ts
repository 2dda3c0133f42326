/**
 * @module A hash index over a session list that other code may also change (the simulator's API
 * handlers delete or dump sessions). The index belongs to one array object; it is rebuilt when
 * that array's length differs from what the index last saw or after a removal, and is updated in
 * place when items are added through it. With duplicate keys the earliest item wins, as a linear
 * scan would.
 */

interface Entry<T> {
  seen: number;
  dirty: boolean;
  map: Map<string, T>;
}

/** An index of the items of arrays by string keys (an item may have several keys). */
export class ListIndex<T extends object> {
  readonly #entries = new WeakMap<T[], Entry<T>>();

  constructor(private readonly keysOf: (item: T) => readonly string[]) {}

  #entry(list: T[]): Entry<T> {
    let e = this.#entries.get(list);
    if (!e || e.dirty || e.seen !== list.length) {
      const map = new Map<string, T>();
      for (const item of list) for (const k of this.keysOf(item)) if (!map.has(k)) map.set(k, item);
      e = { seen: list.length, dirty: false, map };
      this.#entries.set(list, e);
    }
    return e;
  }

  /** The first item of `list` with key `key`. */
  get(list: T[], key: string): T | undefined {
    return this.#entry(list).map.get(key);
  }

  /** Whether some item of `list` has key `key`. */
  has(list: T[], key: string): boolean {
    return this.#entry(list).map.has(key);
  }

  /** Appends `item` to `list` and indexes it. */
  add(list: T[], item: T): void {
    const e = this.#entry(list);
    list.push(item);
    e.seen = list.length;
    for (const k of this.keysOf(item)) if (!e.map.has(k)) e.map.set(k, item);
  }

  /** Removes `item` from `list` (the index is rebuilt on next use). */
  remove(list: T[], item: T): void {
    const i = list.indexOf(item);
    if (i < 0) return;
    list.splice(i, 1);
    const e = this.#entries.get(list);
    if (e) e.dirty = true;
  }
}
