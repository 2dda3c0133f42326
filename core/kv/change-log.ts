/** @module ChangeLog: the bounded history of store revisions that lets a watch replay from a revision. */
import type { KvChange } from './key-value-store.ts';

/** All changes of one revision. */
export interface LoggedRevision {
  readonly revision: number;
  readonly changes: readonly KvChange[];
}

/**
 * Keeps the changes of the last `limit` revisions. A watch may start at any revision
 * `>= oldestWatchable()`; older revisions are gone ("compacted"), as in etcd.
 */
export class ChangeLog {
  #entries: LoggedRevision[] = [];
  #oldestWatchable: number;

  /**
   * @param limit revisions kept
   * @param firstRevision the first revision whose changes will be logged (the store's revision + 1)
   */
  constructor(private readonly limit: number, firstRevision: number) {
    this.#oldestWatchable = firstRevision;
  }

  /** Records the changes of a new revision, dropping the oldest beyond the limit. */
  append(entry: LoggedRevision): void {
    this.#entries.push(entry);
    if (this.#entries.length > this.limit) {
      const dropped = this.#entries.splice(0, this.#entries.length - this.limit);
      this.#oldestWatchable = dropped[dropped.length - 1]!.revision + 1;
    }
  }

  /** The oldest revision a watch can start from. */
  oldestWatchable(): number {
    return this.#oldestWatchable;
  }

  /** Forgets history before `revision` (as etcd's compaction: watching from `revision` still works). */
  compact(revision: number): void {
    if (revision <= this.#oldestWatchable) return;
    this.#entries = this.#entries.filter((e) => e.revision >= revision);
    this.#oldestWatchable = revision;
  }

  /**
   * Logged revisions `>= from`, with only the changes under `prefix` (revisions without any are
   * left out). `undefined` when `from` is older than the history kept.
   */
  since(from: number, prefix: string): LoggedRevision[] | undefined {
    if (from < this.#oldestWatchable) return undefined;
    const out: LoggedRevision[] = [];
    for (const e of this.#entries) {
      if (e.revision < from) continue;
      const changes = e.changes.filter((c) => c.key.startsWith(prefix));
      if (changes.length > 0) out.push({ revision: e.revision, changes });
    }
    return out;
  }
}
