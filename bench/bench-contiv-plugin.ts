/**
 * @module BenchContivPlugin: a `CONTIV_API` for the benchmarks. It wires node 1's local pods as
 * the contiv plugin would (one tap per pod, re-stated in every resync; with the TCP stack also
 * the session layer, a loopback and an app namespace per pod) and turns CNI ADD / DEL of one
 * pod into an event of the loop, whose VPP transaction holds the tap and the policy changes.
 */
import { inject, type InjectionToken } from 'tsyringe';
import type { Datasync } from '../core/datasync/datasync.ts';
import { plugin, type Plugin } from '../core/plugin.ts';
import { DATASYNC } from '../core/tokens.ts';
import { CONTIV_API, type ContivApi, type LocalPod, type LocalPodChange, type RemoteNode } from '../plugins/contiv/api.ts';
import type { ObjectId } from '../plugins/ksr/model.ts';
import { VPP_API, type VppApi, type VppTxn } from '../plugins/vpp/api.ts';
import { vppKeys } from '../plugins/vpp/model.ts';

/** What the benchmark node looks like. */
export interface BenchNodeSpec {
  /** Pods wired before the first resync (their taps exist before the measured resync). */
  readonly localPods: readonly LocalPod[];
  /** Whether the VPP TCP stack (session layer, app namespaces) is used. */
  readonly tcpStack: boolean;
}

/** Token of the node spec. */
export const BENCH_NODE: InjectionToken<BenchNodeSpec> = Symbol('bench.Node');

/** The NIC the benchmark simulator has. */
export const BENCH_NIC = 'GigabitEthernet0/8/0';
const HOST_TAP = 'tap-vpp2';
const BVI = 'vxlanBVI';

const idKey = (id: ObjectId): string => `${id.namespace}/${id.name}`;
const suffix = (pod: LocalPod): string => pod.interface.slice('tap-'.length);

/**
 * The local pod `n` of the benchmark node (`tap-0001`…; app namespace `n`, in creation order
 * after VPP's `default` namespace 0).
 */
export function benchLocalPod(id: ObjectId, ip: string, n: number): LocalPod {
  const s = String(n).padStart(4, '0');
  return { id, ip, interface: `tap-${s}`, containerId: `c-${s}`, appNsIndex: n, appNamespace: `appns-${s}` };
}

/** CONTIV_API of the benchmark node. */
@plugin({ name: 'contiv', provides: [CONTIV_API] })
export class BenchContivPlugin implements Plugin, ContivApi {
  readonly name = 'contiv';
  readonly #pods = new Map<string, LocalPod>();
  readonly #listeners: ((c: LocalPodChange) => void)[] = [];
  readonly #tcp: boolean;

  constructor(
    @inject(VPP_API) private readonly vpp: VppApi,
    @inject(DATASYNC) private readonly datasync: Datasync,
    @inject(BENCH_NODE) spec: BenchNodeSpec,
  ) {
    for (const p of spec.localPods) this.#pods.set(idKey(p.id), p);
    this.#tcp = spec.tcpStack;
  }

  /** Re-states the node's interfaces and every wired pod's. */
  resync(): void {
    const txn = this.vpp.txn();
    txn.put(vppKeys.interface(BENCH_NIC), { name: BENCH_NIC, type: 'ethernet', enabled: true, ipAddresses: ['192.168.16.1/24'], vrf: 0 });
    txn.put(vppKeys.interface(HOST_TAP), {
      name: HOST_TAP, type: 'tap', enabled: true, ipAddresses: ['172.30.1.1/24'], vrf: 0,
      tap: { hostIfName: 'vpp1', hostIp: '172.30.1.2/24' },
    });
    txn.put(vppKeys.interface(BVI), { name: BVI, type: 'loopback', enabled: true, ipAddresses: ['192.168.30.1/24'], vrf: 0 });
    if (this.#tcp) txn.put(vppKeys.sessionLayer(), { enabled: true });
    for (const p of this.#pods.values()) this.#putPod(txn, p);
  }

  /** CNI ADD of `pod` as one event (tap + listeners); resolves when the event ended. */
  wire(pod: LocalPod): Promise<void> {
    return this.datasync.push('cni-add', idKey(pod.id), () => {
      this.#pods.set(idKey(pod.id), pod);
      this.#putPod(this.vpp.txn(), pod);
      for (const l of this.#listeners) l({ type: 'added', pod });
    });
  }

  /** CNI DEL of a pod as one event; resolves when the event ended. */
  unwire(id: ObjectId): Promise<void> {
    return this.datasync.push('cni-del', idKey(id), () => {
      const pod = this.#pods.get(idKey(id));
      if (!pod) return;
      this.#pods.delete(idKey(id));
      const txn = this.vpp.txn();
      txn.delete(vppKeys.interface(pod.interface));
      if (this.#tcp) {
        txn.delete(vppKeys.interface(`loop-${suffix(pod)}`));
        txn.delete(vppKeys.appNamespace(`appns-${suffix(pod)}`));
      }
      for (const l of this.#listeners) l({ type: 'removed', pod });
    });
  }

  #putPod(txn: VppTxn, p: LocalPod): void {
    const s = suffix(p);
    txn.put(vppKeys.interface(p.interface), {
      name: p.interface, type: 'tap', enabled: true, ipAddresses: [], vrf: 0,
      tap: { hostIfName: `veth${s}`, hostIp: `${p.ip}/32` },
    });
    if (!this.#tcp) return;
    txn.put(vppKeys.interface(`loop-${s}`), { name: `loop-${s}`, type: 'loopback', enabled: true, ipAddresses: [`${p.ip}/32`], vrf: 0 });
    txn.put(vppKeys.appNamespace(`appns-${s}`), { namespaceId: `appns-${s}`, secret: 42, interface: `loop-${s}` });
  }

  nodeName(): string {
    return 'node-1';
  }
  nodeId(): number {
    return 1;
  }
  clusterPodSubnet(): string {
    return '10.1.0.0/16';
  }
  podSubnet(): string {
    return '10.1.1.0/24';
  }
  podGateway(): string {
    return '10.1.1.1';
  }
  serviceCidr(): string {
    return '10.96.0.0/12';
  }
  nodeIp(): string | undefined {
    return '192.168.16.1/24';
  }
  defaultGateway(): string | undefined {
    return '192.168.16.254';
  }
  nodeAddresses(): readonly string[] {
    return ['192.168.16.1'];
  }
  onNodeIpChange(): void {
    // The benchmark node's address never changes.
  }
  mainInterface(): string {
    return BENCH_NIC;
  }
  otherInterfaces(): readonly { readonly name: string; readonly ip?: string }[] {
    return [];
  }
  vxlanBvi(): string | undefined {
    return BVI;
  }
  hostInterconnect(): string {
    return HOST_TAP;
  }
  hostInterconnectHostIp(): string {
    return '172.30.1.2';
  }
  outboundInterfaces(): readonly string[] {
    return [BENCH_NIC, BVI, HOST_TAP];
  }
  isL2Mode(): boolean {
    return false;
  }
  tcpStackEnabled(): boolean {
    return this.#tcp;
  }
  natExternalTraffic(): boolean {
    return true;
  }
  localPods(): readonly LocalPod[] {
    return [...this.#pods.keys()].sort().map((k) => this.#pods.get(k)!);
  }
  localPod(id: ObjectId): LocalPod | undefined {
    return this.#pods.get(idKey(id));
  }
  localPodByAppNs(index: number): LocalPod | undefined {
    return [...this.#pods.values()].find((p) => p.appNsIndex === index);
  }
  onLocalPodChange(listener: (change: LocalPodChange) => void): void {
    this.#listeners.push(listener);
  }
  remoteNodes(): readonly RemoteNode[] {
    return [];
  }
}
