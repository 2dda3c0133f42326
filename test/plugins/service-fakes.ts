/**
 * @module Fakes for testing the service plugin in isolation: a KSR_API over in-memory objects,
 * a CONTIV_API with settable node facts, and a VPP_API recording each event's transaction.
 */
import type { EventContext } from '../../core/datasync/datasync.ts';
import type { ContivApi, LocalPod, LocalPodChange, RemoteNode } from '../../plugins/contiv/api.ts';
import type { KsrChange } from '../../plugins/ksr/api.ts';
import type { KsrKind, KsrKinds, Node, ObjectId } from '../../plugins/ksr/model.ts';
import type { VppApi, VppEventListener, VppTxn } from '../../plugins/vpp/api.ts';
import type { VppValue } from '../../plugins/vpp/model.ts';
import { MemoryKsr } from '../fakes/memory-ksr.ts';

const idOf = (kind: KsrKind, o: KsrKinds[KsrKind]): string =>
  kind === 'namespace' || kind === 'node' ? (o as Node).name : `${(o as ObjectId).namespace}/${(o as ObjectId).name}`;

/** KSR_API over objects held in memory; `put`/`remove` deliver a change event to subscribers. */
export class FakeKsr extends MemoryKsr {
  #seq = 0;

  /** Stores objects without notifying (state before a resync). */
  seed<K extends KsrKind>(kind: K, ...objects: KsrKinds[K][]): void {
    for (const o of objects) this.write(kind, idOf(kind, o), `k8s/${kind}/${idOf(kind, o)}`, o);
  }

  /** Stores objects and delivers their changes as one event. */
  async put<K extends KsrKind>(kind: K, ...objects: KsrKinds[K][]): Promise<void> {
    await this.#emit(objects.map((o) => this.write(kind, idOf(kind, o), `k8s/${kind}/${idOf(kind, o)}`, o)));
  }

  /** Removes an object and delivers the deletion as one event. */
  async remove(kind: KsrKind, id: string): Promise<void> {
    await this.#emit([this.write(kind, id, `k8s/${kind}/${id}`, undefined)]);
  }

  #emit(changes: readonly KsrChange[]): Promise<void> {
    return this.deliver(changes, { seq: ++this.#seq, kind: 'kv', isResync: false });
  }
}

/** Node facts the fake contiv API returns; every field can be changed by a test. */
export interface FakeNodeFacts {
  nodeName: string;
  nodeIp?: string;
  gateway?: string;
  podSubnet: string;
  podGateway: string;
  mainInterface: string;
  otherInterfaces: { name: string; ip?: string }[];
  vxlanBvi?: string;
  hostInterconnect: string;
  l2Mode: boolean;
  natExternalTraffic: boolean;
  remoteNodes: RemoteNode[];
}

/** CONTIV_API with settable facts; `setNodeIp` and `wirePod`/`unwirePod` notify listeners. */
export class FakeContiv implements ContivApi {
  readonly facts: FakeNodeFacts = {
    nodeName: 'node1',
    nodeIp: '192.168.16.1/24',
    gateway: '192.168.16.254',
    podSubnet: '10.1.1.0/24',
    podGateway: '10.1.1.1',
    mainInterface: 'GigabitEthernet0/8/0',
    otherInterfaces: [],
    vxlanBvi: 'vxlanBVI',
    hostInterconnect: 'tap-vpp2',
    l2Mode: false,
    natExternalTraffic: true,
    remoteNodes: [{ name: 'node2', id: 2, ip: '192.168.16.2', podSubnet: '10.1.2.0/24', vxlanIp: '192.168.30.2' }],
  };
  readonly #pods = new Map<string, LocalPod>();
  readonly #ipListeners: ((ip: string | undefined, gw: string | undefined) => void)[] = [];
  readonly #podListeners: ((c: LocalPodChange) => void)[] = [];

  nodeName(): string {
    return this.facts.nodeName;
  }
  nodeId(): number {
    return 1;
  }
  clusterPodSubnet(): string {
    return '10.1.0.0/16';
  }
  podSubnet(): string {
    return this.facts.podSubnet;
  }
  podGateway(): string {
    return this.facts.podGateway;
  }
  serviceCidr(): string {
    return '10.96.0.0/12';
  }
  nodeIp(): string | undefined {
    return this.facts.nodeIp;
  }
  defaultGateway(): string | undefined {
    return this.facts.gateway;
  }
  nodeAddresses(): readonly string[] {
    return this.facts.nodeIp === undefined ? [] : [this.facts.nodeIp.split('/')[0]!];
  }
  onNodeIpChange(listener: (ip: string | undefined, gateway: string | undefined) => void): void {
    this.#ipListeners.push(listener);
  }
  mainInterface(): string {
    return this.facts.mainInterface;
  }
  otherInterfaces(): readonly { readonly name: string; readonly ip?: string }[] {
    return this.facts.otherInterfaces;
  }
  vxlanBvi(): string | undefined {
    return this.facts.vxlanBvi;
  }
  hostInterconnect(): string {
    return this.facts.hostInterconnect;
  }
  hostInterconnectHostIp(): string {
    return '172.30.1.2';
  }
  outboundInterfaces(): readonly string[] {
    return [this.facts.mainInterface];
  }
  isL2Mode(): boolean {
    return this.facts.l2Mode;
  }
  tcpStackEnabled(): boolean {
    return false;
  }
  natExternalTraffic(): boolean {
    return this.facts.natExternalTraffic;
  }
  localPods(): readonly LocalPod[] {
    return [...this.#pods.keys()].sort().map((k) => this.#pods.get(k)!);
  }
  localPod(id: ObjectId): LocalPod | undefined {
    return this.#pods.get(`${id.namespace}/${id.name}`);
  }
  localPodByAppNs(): LocalPod | undefined {
    return undefined;
  }
  onLocalPodChange(listener: (change: LocalPodChange) => void): void {
    this.#podListeners.push(listener);
  }
  remoteNodes(): readonly RemoteNode[] {
    return this.facts.remoteNodes;
  }

  /** Changes the node IP and gateway (as a DHCP lease would) and notifies listeners. */
  setNodeIp(ip: string | undefined, gateway: string | undefined): void {
    if (ip === undefined) delete this.facts.nodeIp;
    else this.facts.nodeIp = ip;
    if (gateway === undefined) delete this.facts.gateway;
    else this.facts.gateway = gateway;
    for (const l of this.#ipListeners) l(ip, gateway);
  }

  /** Wires a pod without notifying (state before a resync). */
  seedPod(pod: LocalPod): void {
    this.#pods.set(`${pod.id.namespace}/${pod.id.name}`, pod);
  }

  /** Wires a pod and notifies listeners. */
  wirePod(pod: LocalPod): void {
    this.seedPod(pod);
    for (const l of this.#podListeners) l({ type: 'added', pod });
  }

  /** Unwires a pod and notifies listeners. */
  unwirePod(id: ObjectId): void {
    const pod = this.localPod(id);
    this.#pods.delete(`${id.namespace}/${id.name}`);
    if (pod) for (const l of this.#podListeners) l({ type: 'removed', pod });
  }
}

/**
 * VPP_API that records the operations of each transaction and keeps the resulting desired
 * state. `beginResync()` starts a resync transaction: like the reconciler, it then treats
 * every key not put during it as removed.
 */
export class RecordingVpp implements VppApi {
  readonly desiredState = new Map<string, VppValue>();
  /** Operations since the last `take()`: `put <key>` / `delete <key>`. */
  ops: string[] = [];
  #resyncPuts?: Map<string, VppValue>;

  txn(): VppTxn {
    return {
      put: (key, value) => {
        this.ops.push(`put ${key}`);
        if (this.#resyncPuts) this.#resyncPuts.set(key, value);
        else this.desiredState.set(key, value);
      },
      delete: (key) => {
        this.ops.push(`delete ${key}`);
        this.desiredState.delete(key);
      },
    };
  }

  desired(key: string): VppValue | undefined {
    return this.desiredState.get(key);
  }

  desiredKeys(prefix: string): readonly string[] {
    return [...this.desiredState.keys()].filter((k) => k.startsWith(prefix)).sort();
  }

  interfaceIndex(): number | undefined {
    return undefined;
  }

  onEvent<E>(_msgName: string, _listener: VppEventListener<E>): void {}

  /** Starts a resync transaction. */
  beginResync(): void {
    this.#resyncPuts = new Map();
  }

  /** Ends the resync transaction: the desired state becomes exactly what was put. */
  endResync(): void {
    const puts = this.#resyncPuts ?? new Map<string, VppValue>();
    this.#resyncPuts = undefined;
    this.desiredState.clear();
    for (const [k, v] of puts) this.desiredState.set(k, v);
  }

  /** Returns and clears the recorded operations. */
  take(): string[] {
    const out = this.ops;
    this.ops = [];
    return out;
  }
}
