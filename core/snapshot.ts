/** @module Snapshot: the keys a plugin watches, at one store revision, handed to its resync hook. */

/** One key-value pair of a snapshot. Values are the raw stored strings. */
export interface SnapshotEntry {
  readonly key: string;
  readonly value: string;
}

/** The state of a plugin's watched prefixes at one revision. Keys are sorted. */
export interface Snapshot {
  /** Store revision the snapshot was read at (0 for stores without revisions). */
  readonly revision: number;
  /** Why the resync runs (`startup`, `kv-reconnect`, `watch-compacted`, `vpp-reconnect`, `request`). */
  readonly reason: string;
  /** All entries, sorted by key. */
  readonly entries: readonly SnapshotEntry[];
  /** Entries under one prefix, sorted by key. */
  withPrefix(prefix: string): readonly SnapshotEntry[];
}

/** Builds a snapshot from entries (sorted here). */
export function createSnapshot(revision: number, reason: string, entries: Iterable<SnapshotEntry>): Snapshot {
  const sorted = [...entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    revision,
    reason,
    entries: sorted,
    withPrefix: (prefix) => sorted.filter((e) => e.key.startsWith(prefix)),
  };
}

/** An empty snapshot (plugins resynced without a store). */
export const emptySnapshot = (reason: string): Snapshot => createSnapshot(0, reason, []);
