/**
 * @module RendererCache: the tables of one renderer (one orientation), kept incrementally.
 *
 * - Local tables are immutable and content-addressed (ID = hash of the sorted rules), shared
 *   by every pod whose combined rules are identical, reference-counted by their pods.
 * - One global table.
 * - A pod update recomputes only what can change: its own table when its own rules or IP
 *   changed; the blocks it contributes to other pods' tables (and the global table) when its
 *   opposite rules or IP changed. Every pod whose combined table changed gets a new table
 *   (the original missed these in the VPPTCP renderer).
 * - `commit()` applies the pending work and returns the change list (spec §4.8).
 * Pods without an IP never enter the cache, so no table ever holds an unknown address (§4.9).
 */
import type { ContivRule } from './contiv-rule.ts';
import { rulesEqual } from './contiv-rule.ts';
import type { Orientation } from './orientation.ts';
import { directionsEqual } from './pod-rules.ts';
import type { PodRulesChange } from './policy-processor.ts';
import type { Block, TablePod } from './table-builder.ts';
import { buildBlock, buildGlobalTable, buildLocalTable, changedPoints, tablePodOf } from './table-builder.ts';
import { localPeerField, otherField } from './orientation.ts';
import { tableIdOf } from './table-id.ts';

/** A shared local table. */
export interface LocalTable {
  readonly id: string;
  readonly rules: readonly ContivRule[];
  /** Pods using it, sorted. */
  readonly pods: readonly string[];
}

/** What one commit changed. Lists are sorted by table ID / pod key. */
export interface CacheChanges {
  /** Tables that did not exist before. */
  readonly added: readonly LocalTable[];
  /** Tables whose pod set changed. */
  readonly repodded: readonly LocalTable[];
  /** Tables no pod uses any more (with their last pods). */
  readonly removed: readonly LocalTable[];
  /** Pods whose table (or table membership) changed, including pods removed from the cache. */
  readonly pods: readonly string[];
  /** The new global table when it changed. */
  readonly global?: readonly ContivRule[];
}

/** Counters of the last commit. */
export interface CacheStats {
  /** Local tables rebuilt (one per dirty pod). */
  readonly tablesRebuilt: number;
  /** Blocks recomputed. */
  readonly blocksComputed: number;
  readonly globalRebuilt: boolean;
}

interface CachedPod {
  readonly pod: TablePod;
  /** Blocks in this pod's table, by contributing pod. */
  readonly blocks: Map<string, Block>;
  tableId?: string;
}

interface TableEntry {
  readonly id: string;
  readonly rules: readonly ContivRule[];
  readonly pods: Set<string>;
}

/** The tables of one renderer. */
export class RendererCache {
  readonly #pods = new Map<string, CachedPod>();
  readonly #tables = new Map<string, TableEntry>();
  #global: readonly ContivRule[] = [];
  readonly #dirty = new Set<string>();
  #globalDirty = false;
  #blocksComputed = 0;
  #stats: CacheStats = { tablesRebuilt: 0, blocksComputed: 0, globalRebuilt: false };

  constructor(readonly orientation: Orientation) {}

  /** Records a pod's new rules (or its removal); nothing is visible before `commit()`. */
  update(change: PodRulesChange): void {
    const key = change.pod;
    const old = this.#pods.get(key);
    this.#dirty.add(key);
    if (!change.rules) {
      if (!old) return;
      this.#pods.delete(key);
      for (const other of this.#pods.values()) if (other.blocks.delete(key)) this.#dirty.add(other.pod.key);
      if (old.pod.opp.isolated) this.#globalDirty = true;
      this.#releaseLater(key, old);
      return;
    }
    const pod = tablePodOf(this.orientation, change.rules);
    const entry: CachedPod = { pod, blocks: old?.blocks ?? new Map(), tableId: old?.tableId };
    this.#pods.set(key, entry);
    const ipChanged = !old || old.pod.ip !== pod.ip;
    const field = localPeerField(this.orientation);
    // A block depends on the own rules at the other pod's address and the other pod's opposite
    // rules at this one's: only the peers a change names get their blocks recomputed.
    if (ipChanged || !directionsEqual(old.pod.own, pod.own)) {
      const changed = ipChanged ? undefined : changedPoints(old.pod.own, pod.own, field);
      if (!changed || changed.all) entry.blocks.clear();
      for (const other of this.#pods.values()) {
        if (!changed || changed.all || changed.hosts.has(other.pod.ip)) this.#setBlock(entry, other.pod);
      }
    }
    if (ipChanged || !directionsEqual(old.pod.opp, pod.opp)) {
      const changed = ipChanged ? undefined : changedPoints(old.pod.opp, pod.opp, otherField(field));
      for (const other of this.#pods.values()) {
        if (other === entry || (changed && !changed.all && !changed.hosts.has(other.pod.ip))) continue;
        if (this.#setBlock(other, pod)) this.#dirty.add(other.pod.key);
      }
      if (pod.opp.isolated || old?.pod.opp.isolated) this.#globalDirty = true;
    }
  }

  /** Applies pending updates; returns what changed. */
  commit(): CacheChanges {
    const before = new Map<string, readonly string[] | undefined>();
    const touch = (id: string): void => {
      if (!before.has(id)) before.set(id, this.#created.has(id) ? undefined : [...this.#tables.get(id)!.pods].sort());
    };
    const changedPods: string[] = [];
    const dirty = [...this.#dirty].sort();
    let rebuilt = 0;
    for (const key of dirty) {
      const entry = this.#pods.get(key);
      // A pod removed and re-added before this commit is still a member of its old table.
      const prevId = this.#released.has(key) ? this.#released.get(key) : entry?.tableId;
      this.#released.delete(key);
      let nextId: string | undefined;
      if (entry) {
        rebuilt++;
        const blocks = [...entry.blocks.keys()].sort().map((k) => entry.blocks.get(k)!);
        const rules = buildLocalTable(this.orientation, entry.pod, blocks);
        nextId = rules.length === 0 ? undefined : this.#intern(rules);
        entry.tableId = nextId;
      }
      if (prevId === nextId) continue;
      changedPods.push(key);
      if (prevId !== undefined) {
        touch(prevId);
        const t = this.#tables.get(prevId)!;
        t.pods.delete(key);
      }
      if (nextId !== undefined) {
        touch(nextId);
        this.#tables.get(nextId)!.pods.add(key);
      }
    }
    this.#dirty.clear();
    this.#created.clear();
    const added: LocalTable[] = [];
    const repodded: LocalTable[] = [];
    const removed: LocalTable[] = [];
    for (const id of [...before.keys()].sort()) {
      const prev = before.get(id);
      const t = this.#tables.get(id)!;
      const pods = [...t.pods].sort();
      if (pods.length === 0) {
        this.#tables.delete(id);
        if (prev && prev.length > 0) removed.push({ id, rules: t.rules, pods: prev });
      } else if (!prev) {
        added.push({ id, rules: t.rules, pods });
      } else if (prev.join('\n') !== pods.join('\n')) {
        repodded.push({ id, rules: t.rules, pods });
      }
    }
    let global: readonly ContivRule[] | undefined;
    if (this.#globalDirty) {
      const next = buildGlobalTable(this.orientation, [...this.#pods.keys()].sort().map((k) => this.#pods.get(k)!.pod));
      if (!rulesEqual(next, this.#global)) global = this.#global = next;
    }
    this.#stats = { tablesRebuilt: rebuilt, blocksComputed: this.#blocksComputed, globalRebuilt: this.#globalDirty };
    this.#blocksComputed = 0;
    this.#globalDirty = false;
    return { added, repodded, removed, pods: changedPods, global };
  }

  /** Counters of the last commit. */
  stats(): CacheStats {
    return this.#stats;
  }

  /** Number of local tables. */
  tableCount(): number {
    return this.#tables.size;
  }

  /** Every local table, sorted by ID. */
  localTables(): LocalTable[] {
    return [...this.#tables.keys()].sort().map((id) => this.#view(id));
  }

  /** A local table by ID. */
  table(id: string): LocalTable | undefined {
    return this.#tables.has(id) ? this.#view(id) : undefined;
  }

  /** The table of a pod (undefined = no rules, traffic unfiltered). */
  tableOf(pod: string): LocalTable | undefined {
    const id = this.#pods.get(pod)?.tableId;
    return id === undefined ? undefined : this.#view(id);
  }

  /** The global table ([] = empty, allow everything). */
  globalTable(): readonly ContivRule[] {
    return this.#global;
  }

  /** Pods with a non-empty local table, sorted. */
  isolatedPods(): string[] {
    return [...this.#pods.keys()].filter((k) => this.#pods.get(k)!.tableId !== undefined).sort();
  }

  /** The pod as this cache sees it (own/opposite rules, blocks by contributing pod). */
  pod(key: string): { readonly pod: TablePod; readonly blocks: ReadonlyMap<string, Block> } | undefined {
    return this.#pods.get(key);
  }

  /** Pods in the cache, sorted. */
  podKeys(): string[] {
    return [...this.#pods.keys()].sort();
  }

  // Table IDs of pods removed since the last commit (their membership is released there).
  readonly #released = new Map<string, string | undefined>();
  // Tables interned during the current commit.
  readonly #created = new Set<string>();

  #releaseLater(key: string, old: CachedPod): void {
    if (!this.#released.has(key)) this.#released.set(key, old.tableId);
  }

  /** Recomputes the block `from` contributes to `to`'s table; returns whether it changed. */
  #setBlock(to: CachedPod, from: TablePod): boolean {
    this.#blocksComputed++;
    const next = buildBlock(this.orientation, to.pod, from);
    const prev = to.blocks.get(from.key);
    if (!next) return to.blocks.delete(from.key);
    to.blocks.set(from.key, next);
    return !prev || prev.peer !== next.peer || !rulesEqual(prev.rules, next.rules);
  }

  /** The table ID for `rules`, creating the table (without pods) if new. */
  #intern(rules: readonly ContivRule[]): string {
    const base = tableIdOf(rules);
    for (let n = 0; ; n++) {
      const id = n === 0 ? base : `${base}-${n}`;
      const t = this.#tables.get(id);
      if (!t) {
        this.#tables.set(id, { id, rules, pods: new Set() });
        this.#created.add(id);
        return id;
      }
      // A hash collision is astronomically unlikely; if it happens, the suffix keeps tables apart.
      if (rulesEqual(t.rules, rules)) return id;
    }
  }

  #view(id: string): LocalTable {
    const t = this.#tables.get(id)!;
    return { id, rules: t.rules, pods: [...t.pods].sort() };
  }
}
