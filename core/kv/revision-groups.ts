/** @module Turning etcd watch events into KvChanges grouped per revision (one store transaction each). */
import type { KvChange } from './key-value-store.ts';

/** The parts of an etcd key-value this module reads (structurally matches etcd3's `IKeyValue`). */
export interface RawKeyValue {
  readonly key: Uint8Array;
  readonly value: Uint8Array;
  readonly mod_revision: string;
}

/** The parts of an etcd watch event this module reads (structurally matches etcd3's `IEvent`). */
export interface RawWatchEvent {
  readonly type: string;
  readonly kv: RawKeyValue;
  readonly prev_kv?: RawKeyValue | null;
}

/** The changes of one revision. */
export interface RevisionGroup {
  readonly revision: number;
  readonly changes: readonly KvChange[];
}

const decoder = new TextDecoder();

/** Converts one etcd event. A delete's `kv.mod_revision` is the revision of the delete. */
export function toKvChange(ev: RawWatchEvent): KvChange {
  const key = decoder.decode(ev.kv.key);
  const revision = Number(ev.kv.mod_revision);
  const prevValue = ev.prev_kv ? decoder.decode(ev.prev_kv.value) : undefined;
  return ev.type === 'Delete'
    ? { type: 'delete', key, prevValue, revision }
    : { type: 'put', key, value: decoder.decode(ev.kv.value), prevValue, revision };
}

/**
 * Groups events by revision, in order. etcd never splits one revision across watch responses
 * (without the `fragment` option) and sends revisions in increasing order, so every group is the
 * complete set of changes of one transaction under the watched range.
 */
export function groupByRevision(events: readonly RawWatchEvent[]): RevisionGroup[] {
  const groups: { revision: number; changes: KvChange[] }[] = [];
  for (const ev of events) {
    const change = toKvChange(ev);
    const last = groups[groups.length - 1];
    if (last && last.revision === change.revision) last.changes.push(change);
    else groups.push({ revision: change.revision, changes: [change] });
  }
  return groups;
}

/** The exclusive end of the key range holding every key that starts with `prefix` (etcd's convention). */
export function prefixRangeEnd(prefix: Uint8Array): Uint8Array {
  const end = Uint8Array.from(prefix);
  for (let i = end.length - 1; i >= 0; i--) {
    if (end[i]! < 0xff) {
      end[i]! += 1;
      return end.slice(0, i + 1);
    }
  }
  // An empty prefix (or all 0xff) means "to the end of the key space", written as a zero byte.
  return Uint8Array.of(0);
}
