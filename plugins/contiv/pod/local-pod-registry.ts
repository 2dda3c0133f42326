/**
 * @module The pods wired on this node, with lookups by pod, container and VPP interface. In
 * memory; rebuilt from the persisted pod records on resync.
 */
import type { ObjectId } from '../../ksr/model.ts';
import type { LocalPod } from '../api.ts';
import { podNames, type PodNames } from './pod-names.ts';
import type { PodRecord } from './pod-record.ts';

/** A wired pod: its persisted record, its VPP names and the view other plugins get. */
export interface WiredPod {
  readonly record: PodRecord;
  readonly names: PodNames;
  readonly local: LocalPod;
}

/** `namespace/name`. */
export function podKey(id: ObjectId): string {
  return `${id.namespace}/${id.name}`;
}

/** The pods wired on this node. */
export class LocalPodRegistry {
  private readonly byPod = new Map<string, WiredPod>();

  /** @param tcpStack whether pods get an app namespace (VPP numbers it; we name it by id) */
  constructor(private readonly tcpStack = false) {}

  /** Registers (or replaces) the pod of `record`. */
  add(record: PodRecord): WiredPod {
    const names = podNames(record.containerId);
    const local: LocalPod = {
      id: record.id,
      ip: record.ip,
      interface: names.tap,
      containerId: record.containerId,
      ...(this.tcpStack ? { appNamespace: names.appNamespace } : {}),
    };
    const pod = { record, names, local };
    this.byPod.set(podKey(record.id), pod);
    return pod;
  }

  /** Unregisters a pod; returns it if it was wired. */
  remove(id: ObjectId): WiredPod | undefined {
    const key = podKey(id);
    const pod = this.byPod.get(key);
    this.byPod.delete(key);
    return pod;
  }

  /** Forgets every pod. */
  clear(): void {
    this.byPod.clear();
  }

  /** A pod by ID. */
  get(id: ObjectId): WiredPod | undefined {
    return this.byPod.get(podKey(id));
  }

  /** The pod of a CNI container ID. */
  byContainer(containerId: string): WiredPod | undefined {
    for (const p of this.byPod.values()) if (p.record.containerId === containerId) return p;
    return undefined;
  }

  /** The pod behind a VPP interface (its tap, or its loopback with the TCP stack). */
  byInterface(name: string): WiredPod | undefined {
    for (const p of this.byPod.values()) if (p.names.tap === name || p.names.loopback === name) return p;
    return undefined;
  }

  /** Every wired pod, sorted by namespace then name. */
  list(): readonly WiredPod[] {
    return [...this.byPod.values()].sort((a, b) => compareIds(a.record.id, b.record.id));
  }

  /** Number of wired pods. */
  get size(): number {
    return this.byPod.size;
  }
}

/** Orders pod IDs by namespace, then name. */
export function compareIds(a: ObjectId, b: ObjectId): number {
  return a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
