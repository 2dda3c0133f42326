/**
 * @module LocalPods: the wired pods of this node together with their IP pool — restoring them
 * from persisted records, and preparing, committing, aborting and removing a CNI ADD / DEL.
 * No I/O; the plugin persists the records in between.
 */
import { BadInputError, errorToJSON } from '../../../core/errors.ts';
import { formatIp4, parseIp4 } from '../../net/ipv4.ts';
import type { ObjectId } from '../../ksr/model.ts';
import { ContivNotReadyError } from '../errors.ts';
import type { PodSubnet } from '../ipam/node-addressing.ts';
import { PodIpPool } from '../ipam/pod-ip-pool.ts';
import { LocalPodRegistry, podKey, type WiredPod } from './local-pod-registry.ts';
import type { PodRecord } from './pod-record.ts';

/** A persisted pod that could not be restored (its record should be deleted). */
export interface DroppedPod {
  readonly record: PodRecord;
  readonly error: Record<string, unknown>;
}

/** A CNI ADD being prepared: the record to persist and what it replaces. */
export interface PodAddition {
  readonly record: PodRecord;
  /** The same container is already wired (a repeated ADD). */
  readonly existing: boolean;
  /** The pod was wired with another container (sandbox re-created); it is replaced. */
  readonly previous?: WiredPod;
}

/** The wired pods of this node and their IPs. */
export class LocalPods {
  /** Lookups of the wired pods. */
  readonly registry: LocalPodRegistry;
  private pool?: PodIpPool;

  /** @param tcpStack whether pods get app namespaces */
  constructor(tcpStack: boolean) {
    this.registry = new LocalPodRegistry(tcpStack);
  }

  /** Whether `reset` ran (the pod subnet is known). */
  get ready(): boolean {
    return this.pool !== undefined;
  }

  /** Rebuilds pool and pods from persisted records in `subnet`. @returns records that could not be restored */
  reset(subnet: PodSubnet, records: readonly PodRecord[]): readonly DroppedPod[] {
    const pool = new PodIpPool(subnet.subnet, subnet.gateway);
    this.pool = pool;
    this.registry.clear();
    const dropped: DroppedPod[] = [];
    for (const record of [...records].sort((a, b) => (podKey(a.id) < podKey(b.id) ? -1 : 1))) {
      const source = `pod record ${podKey(record.id)}`;
      try {
        pool.assign(podKey(record.id), parseIp4(record.ip), source);
        this.registry.add(record);
      } catch (err: unknown) {
        dropped.push({ record, error: errorToJSON(err) });
      }
    }
    return dropped;
  }

  /** Moves to another pod subnet; only while no pod is wired. @returns whether it moved */
  resubnet(subnet: PodSubnet): boolean {
    if (this.registry.size > 0) return false;
    this.pool = new PodIpPool(subnet.subnet, subnet.gateway);
    return true;
  }

  /**
   * Prepares a CNI ADD of container `containerId` for pod `id`: the existing record for a
   * repeated ADD, else a new record with the pod's IP (kept if the pod was wired before), or
   * with `requestedIp` when given (CNI_ARGS `IP=`).
   * @throws {PodIpExhaustedError} @throws {BadInputError} if the container is wired for another
   *   pod, or `requestedIp` is outside the pod subnet, reserved or held by another pod
   */
  prepare(id: ObjectId, containerId: string, netns: string, ifName: string, requestedIp?: string): PodAddition {
    if (!this.pool) throw new ContivNotReadyError('wire a pod');
    const same = this.registry.byContainer(containerId);
    if (same) {
      if (podKey(same.record.id) !== podKey(id)) {
        throw new BadInputError(`CNI ADD ${containerId}`, 'K8S_POD_NAME', `container is already wired for pod ${podKey(same.record.id)}`);
      }
      return { record: same.record, existing: true };
    }
    const previous = this.registry.get(id);
    if (requestedIp !== undefined) this.pool.assign(podKey(id), parseIp4(requestedIp), `CNI ADD ${containerId} (IP=${requestedIp})`);
    const ip = formatIp4(this.pool.allocate(podKey(id)));
    const record: PodRecord = { id, containerId, netns, ifName, ip };
    return { record, existing: false, ...(previous ? { previous } : {}) };
  }

  /** Undoes `prepare` after persisting failed. */
  abort(add: PodAddition): void {
    if (!add.existing && !add.previous) this.pool?.release(podKey(add.record.id));
  }

  /** Registers a prepared pod. */
  commit(add: PodAddition): WiredPod {
    const wired = add.existing ? this.registry.get(add.record.id) : undefined;
    return wired ?? this.registry.add(add.record);
  }

  /** Unwires the pod of container `containerId`; undefined if none. */
  remove(containerId: string): WiredPod | undefined {
    const pod = this.registry.byContainer(containerId);
    if (!pod) return undefined;
    this.registry.remove(pod.record.id);
    this.pool?.release(podKey(pod.record.id));
    return pod;
  }
}
