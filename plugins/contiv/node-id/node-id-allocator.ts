/**
 * @module Node ID allocation in the store: the first free ID from 1, claimed with a
 * create-if-absent transaction and retried when another node wins the race. A node keeps its
 * entry across restarts; after a clean shutdown released it, the node tries its previous ID
 * first (remembered under its own prefix), so its subnets stay the same unless that ID was
 * taken meanwhile. IDs are plain numbers: nothing is truncated.
 */
import type { KeyValueStore, KvEntry } from '../../../core/kv/key-value-store.ts';
import { NodeIdAllocationError } from '../errors.ts';
import { decodeNodeInfo, encodeNodeInfo, nodeIdOfKey, nodeInfoKey, ALLOCATED_IDS_PREFIX, type NodeInfo } from './node-info.ts';

/** Addresses a node publishes with its ID. */
export interface NodeAddresses {
  readonly ipAddress?: string;
  readonly managementIpAddress?: string;
}

/** Options of {@linkcode NodeIdAllocator}. */
export interface NodeIdAllocatorOptions {
  /** How many claims to try before giving up. @default 100 */
  readonly maxAttempts?: number;
  /** Where the registry lives. @default `/vnf-agent/contiv-ksr/allocatedIDs/` */
  readonly registryPrefix?: string;
  /** Where this node remembers its last ID. @default {@linkcode nodeIdHintKey} */
  readonly hintKey?: string;
}

/** The key under a node's own prefix remembering its last ID (survives a release). */
export function nodeIdHintKey(nodeName: string): string {
  return `/vnf-agent/${nodeName}/contiv/node-id`;
}

/** Claims, updates and releases one node's `allocatedIDs/<id>` entry. */
export class NodeIdAllocator {
  private readonly maxAttempts: number;
  private readonly prefix: string;
  private readonly hintKey: string;

  constructor(private readonly store: KeyValueStore, readonly nodeName: string, options: NodeIdAllocatorOptions = {}) {
    this.maxAttempts = options.maxAttempts ?? 100;
    this.prefix = options.registryPrefix ?? ALLOCATED_IDS_PREFIX;
    this.hintKey = options.hintKey ?? nodeIdHintKey(nodeName);
  }

  /**
   * Returns this node's entry: its existing one (addresses updated to `addresses`), or a newly
   * claimed ID — the previous ID of this node if free, else the lowest free ID from 1.
   * @throws {NodeIdAllocationError} after `maxAttempts` lost races or a store failure
   */
  async allocate(addresses: NodeAddresses = {}): Promise<NodeInfo> {
    let attempt = 0;
    try {
      const hint = await this.readHint();
      while (attempt < this.maxAttempts) {
        attempt++;
        const listing = await this.store.list(this.prefix);
        const own = this.ownEntry(listing.entries);
        if (own) {
          const wanted = { ...own, ...definedOnly(addresses) };
          if (!sameInfo(own, wanted)) await this.publish(wanted);
          await this.writeHint(own.id);
          return wanted;
        }
        const taken = new Set(listing.entries.map((e) => nodeIdOfKey(e.key, this.prefix)).filter((id) => id !== undefined));
        const id = hint !== undefined && !taken.has(hint) ? hint : firstFree(taken);
        const info: NodeInfo = { id, name: this.nodeName, ...definedOnly(addresses) };
        const key = nodeInfoKey(id, this.prefix);
        const res = await this.store.txn([{ key, op: 'absent' }], [{ type: 'put', key, value: encodeNodeInfo(info) }]);
        if (res.succeeded) {
          await this.writeHint(id);
          return info;
        }
      }
    } catch (err: unknown) {
      throw new NodeIdAllocationError(this.nodeName, attempt, { cause: err });
    }
    throw new NodeIdAllocationError(this.nodeName, attempt);
  }

  /**
   * Writes `info` over this node's entry if it changed (compare-and-swap on the stored value,
   * so another node's entry is never overwritten). Re-creates the entry if it vanished.
   * @returns whether the stored entry now equals `info`
   */
  async publish(info: NodeInfo): Promise<boolean> {
    const key = nodeInfoKey(info.id, this.prefix);
    for (let i = 0; i < this.maxAttempts; i++) {
      const cur = await this.store.get(key);
      if (!cur) {
        const res = await this.store.txn([{ key, op: 'absent' }], [{ type: 'put', key, value: encodeNodeInfo(info) }]);
        if (res.succeeded) return true;
        continue;
      }
      const stored = this.decode(cur);
      if (!stored || stored.name !== this.nodeName) return false;
      if (sameInfo(stored, info)) return true;
      const res = await this.store.txn(
        [{ key, op: 'value-equals', value: cur.value }],
        [{ type: 'put', key, value: encodeNodeInfo(info) }],
      );
      if (res.succeeded) return true;
    }
    return false;
  }

  /** Deletes this node's entry `id` if it is still ours. @returns whether it was deleted */
  async release(id: number): Promise<boolean> {
    const key = nodeInfoKey(id, this.prefix);
    const cur = await this.store.get(key);
    if (!cur || this.decode(cur)?.name !== this.nodeName) return false;
    const res = await this.store.txn([{ key, op: 'value-equals', value: cur.value }], [{ type: 'delete', key }]);
    return res.succeeded;
  }

  private ownEntry(entries: readonly KvEntry[]): NodeInfo | undefined {
    return entries
      .map((e) => this.decode(e))
      .filter((i): i is NodeInfo => i?.name === this.nodeName)
      .sort((a, b) => a.id - b.id)[0];
  }

  private decode(e: KvEntry): NodeInfo | undefined {
    try {
      return decodeNodeInfo(e.key, e.value, this.prefix);
    } catch {
      return undefined;
    }
  }

  private async readHint(): Promise<number | undefined> {
    const e = await this.store.get(this.hintKey);
    const n = e ? Number(e.value) : NaN;
    return Number.isInteger(n) && n >= 1 ? n : undefined;
  }

  private async writeHint(id: number): Promise<void> {
    const cur = await this.store.get(this.hintKey);
    if (cur?.value !== String(id)) await this.store.put(this.hintKey, String(id));
  }
}

/** The lowest ID >= 1 not in `taken`. */
export function firstFree(taken: ReadonlySet<number>): number {
  let id = 1;
  while (taken.has(id)) id++;
  return id;
}


function sameInfo(a: NodeInfo, b: NodeInfo): boolean {
  return encodeNodeInfo(a) === encodeNodeInfo(b);
}

function definedOnly(a: NodeAddresses): NodeAddresses {
  return {
    ...(a.ipAddress ? { ipAddress: a.ipAddress } : {}),
    ...(a.managementIpAddress ? { managementIpAddress: a.managementIpAddress } : {}),
  };
}
