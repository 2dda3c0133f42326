/**
 * @module Cluster: the in-process cluster simulation. One shared memory store; per node a
 * whole agent of the full build with its own simulated VPP; the nodes joined by the simulated
 * underlay (one segment, a gateway router, the outside network) and one tracer world (shared
 * manual clock, seeded random), so NAT and ACL sessions persist from step to step. The
 * simulation plays the Kubernetes parts around the agents: node IPAM, scheduler, kubelet (CNI
 * through each agent's CNI endpoint), service IP/NodePort allocation and the EndpointSlice
 * controller; everything else is the agents reacting to the store through their event loops.
 */
import { fullBuild } from '../plugins/builds.ts';
import { ManualClock } from '../core/clock.ts';
import { BadInputError } from '../core/errors.ts';
import type { KvOp } from '../core/kv/key-value-store.ts';
import { MemoryStore } from '../core/kv/memory-store.ts';
import type { LogSink } from '../core/log/log-sink.ts';
import { decodeK8s } from '../plugins/ksr/k8s-decoders.ts';
import { ksrKey } from '../plugins/ksr/keys.ts';
import type { ManifestObject } from '../plugins/ksr/manifest-loader.ts';
import type { Pod } from '../plugins/ksr/model.ts';
import { cidrContains, formatCidr, formatIp4, parseCidr, parseIp4 } from '../plugins/net/ipv4.ts';
import { probe } from '../plugins/vpp/sim/tracer/probe.ts';
import { seededRandom } from '../plugins/vpp/sim/tracer/random.ts';
import { SimDhcpServer } from '../plugins/vpp/sim/dhcp-server.ts';
import { SimWorld } from '../plugins/vpp/sim/tracer/world.ts';
import { Underlay } from '../plugins/vpp/sim/underlay.ts';
import { podJson, type K8sJson } from './api-objects.ts';
import { ClusterObjects, type DeleteRef } from './cluster-objects.ts';
import { ClusterView } from './cluster-view.ts';
import { Kubelet } from './kubelet.ts';
import { NodeLayout, type NodeRequest } from './node-layout.ts';
import { placePods } from './placement.ts';
import { shapeProbeResult, type ProbeResultView } from './probe-result.ts';
import { resolveProbe, type ProbeSpec } from './probe-spec.ts';
import { ServiceAllocation, type ServiceAssignment } from './service-allocation.ts';
import { defaultVppTransport, type ClusterOptions } from './cluster-options.ts';
import { NODE_SEGMENT, SIM_NIC, SimNode, type SimulatorFactory, type SimVppTransport } from './sim-node.ts';
import { storedNode, storeImage, storeOps } from './store-image.ts';
import { TraceExplainer } from './trace-explainer.ts';
import { compareText } from './compare-text.ts';

/** Ranges besides pods and nodes (contiv's IPAM defaults). */
export const SERVICE_CIDR = '10.96.0.0/12';
const HOST_CIDR = '172.30.0.0/16';
const VXLAN_CIDR = '192.168.30.0/24';

export type { ClusterOptions } from './cluster-options.ts';

/** One change of the cluster: objects to apply, objects to delete. */
export interface ClusterStep {
  readonly apply?: readonly ManifestObject[];
  readonly delete?: readonly DeleteRef[];
  /** Names `delete[i]` in errors. @default `delete[i]` */
  readonly deleteSource?: (index: number) => string;
}

const silentSink: LogSink = { write: () => undefined };

/** A running simulated cluster. */
export class Cluster {
  readonly clock: ManualClock;
  readonly #store: MemoryStore;
  readonly #o: Required<Omit<ClusterOptions, 'sink' | 'simulator'>> & { sink: LogSink; simulator?: SimulatorFactory };
  readonly #objects = new ClusterObjects();
  readonly #nodes = new Map<string, SimNode>();
  readonly #placement = new Map<string, string>();
  readonly #services = new ServiceAllocation(parseCidr(SERVICE_CIDR));
  readonly #kubelet = new Kubelet();
  readonly #stored = new Map<string, string>();
  #layout?: NodeLayout;
  #assignments = new Map<string, ServiceAssignment>();
  #pods: Pod[] = [];
  #underlay?: Underlay;
  #world?: SimWorld;
  #view = new ClusterView([], [], new Map(), () => false);

  private constructor(store: MemoryStore, o: ClusterOptions) {
    this.#store = store;
    this.#o = {
      nodes: o.nodes ?? 2, renderer: o.renderer ?? 'acl', build: o.build ?? fullBuild, sink: o.sink ?? silentSink,
      logLevel: o.logLevel ?? 'warn', seed: o.seed ?? 1, startTime: o.startTime ?? 1_700_000_000_000,
      vppTransport: o.vppTransport ?? defaultVppTransport(), l2Interconnect: o.l2Interconnect ?? false, dhcp: o.dhcp ?? false,
      ...(o.simulator ? { simulator: o.simulator } : {}),
    };
    this.clock = new ManualClock(this.#o.startTime);
  }

  /** An empty cluster; nodes start with the first step. */
  static async create(options: ClusterOptions = {}): Promise<Cluster> {
    if (!Number.isInteger(options.nodes ?? 2) || (options.nodes ?? 2) < 1) throw new RangeError(`nodes must be a positive integer, got ${options.nodes}`);
    return new Cluster(await MemoryStore.open(), options);
  }

  /** The running nodes, sorted by name. */
  nodes(): SimNode[] {
    return [...this.#nodes.values()].sort((a, b) => compareText(a.name, b.name));
  }

  /** Pods, nodes and services as they are now. */
  view(): ClusterView {
    return this.#view;
  }

  /** The tracer world (after the first step). */
  world(): SimWorld | undefined {
    return this.#world;
  }

  /** The node named `name`. */
  node(name: string): SimNode | undefined {
    return this.#nodes.get(name);
  }

  /** How the agents reach their simulated VPPs. */
  get vppTransport(): SimVppTransport {
    return this.#o.vppTransport;
  }

  /**
   * Stops node `name`'s agent; its simulator keeps its state (VPP outlives the agent). Until
   * {@linkcode startNode}, steps may change the store (policies, labels, Services) but must not
   * wire or unwire pods on that node (its CNI endpoint is down).
   * @throws {Error} for an unknown node
   */
  async stopNode(name: string): Promise<void> {
    await this.#known(name).stopAgent();
  }

  /** Starts node `name`'s agent again over the same store and simulator, then waits until every agent is idle. */
  async startNode(name: string): Promise<void> {
    await this.#known(name).startAgent();
    await this.settle();
  }

  /**
   * Offers node `name` a (new) DHCP lease on its main NIC — a lease change when it had one —
   * and waits until every agent is idle. Needs `dhcp: true`. Nodes' `status.addresses` and
   * `node:NAME` probes keep the first address.
   * @throws {Error} for an unknown node or a node without a DHCP client
   */
  async offerLease(name: string, address: string): Promise<void> {
    const layout = this.#layout;
    if (!layout) throw new Error('simulate: offerLease() before the first step');
    new SimDhcpServer(this.#known(name).sim).offer(SIM_NIC, { address, prefixLength: layout.segment.len, router: formatIp4(layout.gateway) });
    await this.settle();
  }

  #known(name: string): SimNode {
    const node = this.#nodes.get(name);
    if (!node) throw new Error(`simulate: no node ${name} (nodes: ${[...this.#nodes.keys()].join(', ')})`);
    return node;
  }

  /** Moves the simulated clock (session-affinity and NAT-session timeouts follow it). */
  advance(seconds: number): void {
    this.clock.advance(Math.round(seconds * 1000));
  }

  /**
   * Applies one step through the store and the agents' event loops, then waits until every
   * agent is idle.
   * @throws {BadInputError} naming the object and field the controllers cannot accept
   */
  async apply(step: ClusterStep): Promise<void> {
    this.#objects.apply(step.apply ?? []);
    const removed = this.#objects.delete(step.delete ?? [], step.deleteSource ?? ((i) => `delete[${i}]`));
    const gone = removed.find((o) => o.kind === 'node');
    if (gone) throw new BadInputError(gone.source, 'kind', `deleting Node ${gone.id} is not supported: simulate keeps the nodes it started`);

    const layout = this.#layNodes();
    const pods = this.#schedule(layout);
    this.#assignments = this.#services.assign(this.#objects.ofKind('service').map((s) => ({ id: s.id, source: s.source, value: s.value })));
    await this.#startNodes(layout);
    const podJsons = await this.#runKubelets(layout, pods);
    await this.#write(layout, podJsons);
    await this.settle();
    this.#refreshWorld(layout);
  }

  /** Waits until no agent has an event queued and the store stopped changing. */
  async settle(): Promise<void> {
    for (let round = 0; round < 1000; round++) {
      const revision = this.#store.revision();
      for (const n of this.nodes()) await n.drain();
      if (this.#store.revision() === revision) return;
    }
    throw new Error('simulate: the agents did not settle after 1000 rounds');
  }

  /**
   * Probes connections through the traced data plane of every node.
   * @param source names probe `i` in errors (`probes.json probes[3]`)
   * @throws {BadInputError} for a probe naming an unknown pod, node or service (before any probe runs)
   */
  probe(specs: readonly ProbeSpec[], source: (index: number) => string = (i) => `probes[${i}]`): ProbeResultView[] {
    const world = this.#world;
    if (!world) throw new Error('simulate: probe() before the first step');
    const view = this.#view;
    const resolved = specs.map((s, i) => resolveProbe(s, view, source(i)));
    const explainer = new TraceExplainer((node) => this.#nodes.get(node)?.apis());
    return resolved.map((r) => {
      const { srcPort: _first, ...fresh } = r.request;
      const attempts = Array.from({ length: r.attempts }, (_, i) => probe(world, i === 0 ? r.request : fresh));
      return shapeProbeResult(r.spec, attempts, view, explainer);
    });
  }

  /**
   * Closes every agent (reverse order), letting the others finish reacting to each departure
   * (a node leaving removes its tunnels elsewhere) before the next closes, then the simulators'
   * sockets and the store.
   */
  async close(): Promise<void> {
    for (const n of this.nodes().reverse()) {
      await n.stopAgent();
      await this.settle();
    }
    for (const n of this.nodes()) await n.close();
    await this.#store.close();
  }

  #layNodes(): NodeLayout {
    const requests: NodeRequest[] = this.#objects.ofKind('node').map((n) => {
      const internal = n.value.addresses.find((a) => a.type === 'InternalIP')?.address;
      return { name: n.value.name, source: n.source, ...(n.value.podCIDR ? { podCIDR: n.value.podCIDR } : {}), ...(internal ? { internalIp: internal } : {}) };
    });
    if (!this.#layout) {
      const initial = requests.length > 0
        ? requests
        : Array.from({ length: this.#o.nodes }, (_, i) => ({ name: `node-${i + 1}`, source: `simulate --nodes ${this.#o.nodes}` }));
      this.#layout = new NodeLayout(initial, {
        reserved: [{ name: 'service CIDR', cidr: SERVICE_CIDR }, { name: 'host interconnect range', cidr: HOST_CIDR }, { name: 'VXLAN range', cidr: VXLAN_CIDR }],
      });
    } else {
      for (const r of requests) this.#layout.add(r);
    }
    return this.#layout;
  }

  /** Binds every pod to a node (given, kept from before, or placed) and checks requested IPs. */
  #schedule(layout: NodeLayout): ManifestObject[] {
    const pods = this.#objects.ofKind('pod');
    const names = layout.nodes().map((n) => n.name);
    const present = new Set(pods.map((p) => p.id));
    for (const k of [...this.#placement.keys()]) if (!present.has(k)) this.#placement.delete(k);
    for (const p of pods) {
      const given = p.value.nodeName;
      if (given === undefined) continue;
      if (!layout.node(given)) throw new BadInputError(p.source, 'spec.nodeName', `"${given}" is not a node of the cluster (nodes: ${names.join(', ')})`);
      const held = this.#placement.get(p.id);
      if (held !== undefined && held !== given) throw new BadInputError(p.source, 'spec.nodeName', `"${given}" differs from the node the pod runs on (${held}); spec.nodeName is immutable`);
      this.#placement.set(p.id, given);
    }
    const load = new Map<string, number>();
    for (const n of this.#placement.values()) load.set(n, (load.get(n) ?? 0) + 1);
    const unplaced = pods.filter((p) => !this.#placement.has(p.id)).map((p) => p.id);
    for (const [id, node] of placePods(unplaced, names, load)) this.#placement.set(id, node);

    const owners = new Map<string, string>();
    for (const p of pods) {
      const ip = p.value.ip;
      if (ip === undefined || p.value.hostNetwork) continue;
      const node = layout.node(this.#placement.get(p.id)!)!;
      if (!cidrContains(parseCidr(node.podCIDR), parseIp4(ip))) {
        throw new BadInputError(p.source, 'status.podIP', `${ip} is not in the pod CIDR ${node.podCIDR} of node ${node.name}`);
      }
      const other = owners.get(ip);
      if (other !== undefined) throw new BadInputError(p.source, 'status.podIP', `${ip} is also the IP of pod ${other}`);
      owners.set(ip, p.id);
      const wired = this.#kubelet.wired(p.value);
      if (wired && wired.ip !== ip) throw new BadInputError(p.source, 'status.podIP', `${ip} differs from the pod's IP ${wired.ip} (the IP of a running pod cannot change)`);
    }
    return pods;
  }

  async #startNodes(layout: NodeLayout): Promise<void> {
    const fresh = layout.nodes().filter((n) => !this.#nodes.has(n.name));
    if (fresh.length === 0) return;
    // Node objects first: each agent reads its pod CIDR and InternalIP at its start-up resync.
    const nodes = new Map(fresh.map((n) => [ksrKey('node', n.name), storedNode(this.#objects, layout, n.name)]));
    await this.#commit(storeOps(new Map(), nodes));
    const dhcp = this.#o.dhcp;
    const contiv = {
      ipam: { podSubnetCIDR: formatCidr(layout.podSubnet), nodeInterconnectCIDR: formatCidr(layout.segment), serviceCIDR: SERVICE_CIDR, ...(dhcp ? { nodeInterconnectDHCP: true } : {}) },
      nodes: layout.nodes().map((n) => ({
        name: n.name,
        ...(dhcp
          ? { mainInterface: { name: SIM_NIC, dhcp: true } }
          : { mainInterface: { name: SIM_NIC, ip: `${n.address}/${layout.segment.len}` }, gateway: formatIp4(layout.gateway) }),
      })),
      ...(this.#o.l2Interconnect ? { l2Interconnect: true } : {}),
    };
    for (const n of fresh) {
      const node = await SimNode.start({
        build: this.#o.build, name: n.name, store: this.#store, clock: this.clock, contiv, renderer: this.#o.renderer, sink: this.#o.sink,
        logLevel: this.#o.logLevel, vppTransport: this.#o.vppTransport, ...(this.#o.simulator ? { simulator: this.#o.simulator } : {}),
      });
      this.#nodes.set(n.name, node);
      if (dhcp) {
        new SimDhcpServer(node.sim).offer(SIM_NIC, { address: n.address, prefixLength: layout.segment.len, router: formatIp4(layout.gateway) });
        await this.settle();
      }
    }
  }

  /** CNI DEL for pods that no longer need a sandbox, CNI ADD for new ones; the pods' stored JSON. */
  async #runKubelets(layout: NodeLayout, pods: readonly ManifestObject[]): Promise<Map<string, K8sJson>> {
    const wants = (p: Pod) => !p.hostNetwork && p.phase !== 'Succeeded' && p.phase !== 'Failed';
    const byId = new Map(pods.map((p) => [p.id, p]));
    for (const old of this.#pods) {
      const now = byId.get(`${old.namespace}/${old.name}`);
      const wired = this.#kubelet.wired(old);
      if (wired && (!now || !wants(now.value as Pod))) await this.#kubelet.del(this.#nodes.get(wired.node)!, old, now?.source ?? `Pod ${old.namespace}/${old.name}`);
    }
    const out = new Map<string, K8sJson>();
    for (const p of pods) {
      const pod = p.value as Pod;
      const node = layout.node(this.#placement.get(p.id)!)!;
      let podIP: string | undefined;
      if (pod.hostNetwork) podIP = node.address;
      else if (wants(pod)) podIP = this.#kubelet.wired(pod)?.ip ?? (await this.#kubelet.add(this.#nodes.get(node.name)!, pod, p.source, pod.ip));
      else podIP = pod.ip;
      out.set(p.key, podJson(p.json, { nodeName: node.name, hostIP: node.address, ...(podIP !== undefined ? { podIP } : {}) }));
    }
    this.#pods = [...out.entries()].map(([key, json]) => decodeK8s('pod', json, key));
    return out;
  }

  /** Everything the store should hold now, written as the difference to what it holds. */
  async #write(layout: NodeLayout, podJsons: ReadonlyMap<string, K8sJson>): Promise<void> {
    const image = storeImage({ objects: this.#objects, layout, podJsons, pods: this.#pods, assignments: this.#assignments });
    await this.#commit(storeOps(this.#stored, image));
  }

  async #commit(ops: readonly KvOp[]): Promise<void> {
    for (const op of ops) {
      if (op.type === 'put') this.#stored.set(op.key, op.value);
      else this.#stored.delete(op.key);
    }
    if (ops.length > 0) await this.#store.batch(ops);
  }

  #refreshWorld(layout: NodeLayout): void {
    const nodes = this.nodes();
    if (!this.#underlay) {
      this.#underlay = new Underlay({
        segments: [{ name: NODE_SEGMENT, prefix: layout.segment, gateway: layout.gateway }],
        internalPrefixes: [formatCidr(layout.podSubnet), HOST_CIDR, VXLAN_CIDR, SERVICE_CIDR].map(parseCidr),
      });
    }
    const underlay = this.#underlay;
    for (const n of nodes) underlay.addNode(n.underlayNode());
    const services = this.#objects.ofKind('service').map((s) => s.value);
    const nodeObjects = this.#objects.ofKind('node').map((n) => n.value);
    const hosts = new Map(nodes.flatMap((n) => {
      const u = underlay.node(n.name);
      const ip = u ? underlay.hostAddresses(u)[0] : undefined;
      return ip === undefined ? [] : [[n.name, formatIp4(ip)] as const];
    }));
    const clusterIPs = new Map(this.#objects.ofKind('service').map((s) => [s.id, this.#assignments.get(s.id)?.clusterIP ?? s.value.clusterIPs[0]]));
    this.#view = new ClusterView(this.#pods, layout.nodes(), clusterIPs, (ip) => underlay.isOutside(ip), hosts);
    underlay.setGatewayRoutes(this.#view.gatewayRoutes(services, nodeObjects));
    this.#world ??= new SimWorld({ underlay, clock: this.clock, random: seededRandom(this.#o.seed), listening: (e, proto, port) => this.#view.listens(e, proto, port) });
  }
}
