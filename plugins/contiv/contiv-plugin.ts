/**
 * @module ContivPlugin: the shell around ContivNode. It allocates the node ID, feeds the node
 * registry, Kubernetes Nodes, DHCP leases and CNI requests into the state (each as an event
 * of the loop), persists pod records and the node's registry entry, and turns every change of
 * the desired VPP state into the event's transaction.
 */
import { stat } from 'node:fs/promises';
import { inject } from 'tsyringe';
import type { AgentInfo } from '../../core/agent-info.ts';
import type { Datasync } from '../../core/datasync/datasync.ts';
import { errorToJSON } from '../../core/errors.ts';
import type { HttpRoutes } from '../../core/http/http-routes.ts';
import type { KeyValueStore, KvChange } from '../../core/kv/key-value-store.ts';
import type { Logger } from '../../core/log/logger.ts';
import { plugin, type Plugin } from '../../core/plugin.ts';
import type { Snapshot } from '../../core/snapshot.ts';
import type { StatusReporter } from '../../core/status/agent-status.ts';
import { AGENT_INFO, DATASYNC, HTTP_ROUTES, KV_STORE, LOGGER, STATUS_REPORTER } from '../../core/tokens.ts';
import { KSR_API, type KsrApi, type KsrChange } from '../ksr/api.ts';
import type { Node, ObjectId } from '../ksr/model.ts';
import { VPP_API, type VppApi } from '../vpp/api.ts';
import { CONTIV_API, type LocalPodChange } from './api.ts';
import { CniRequestError, type CniRequest } from './cni/cni-request.ts';
import { CNI_CODES, cniAddResult, type CniResult } from './cni/cni-result.ts';
import { cniRoutes, type CniService } from './cni/cni-routes.ts';
import { CONTIV_CONFIG, contivConfig, type ContivConfig } from './config.ts';
import { ContivNode } from './contiv-node.ts';
import { contivRoutes } from './contiv-routes.ts';
import { decodeDhcpEvent } from './dhcp-lease.ts';
import { decodeDhcpLease, dhcpLeaseKey, encodeDhcpLease } from './dhcp-lease-record.ts';
import { ContivNotReadyError, NetnsNotFoundError } from './errors.ts';
import { NodeIdAllocator } from './node-id/node-id-allocator.ts';
import { ALLOCATED_IDS_PREFIX, decodeNodeInfo, encodeNodeInfo, nodeIdOfKey, nodeInfoKey, type NodeInfo } from './node-id/node-info.ts';
import { decodePodRecord, encodePodRecord, podRecordKey, podRecordPrefix } from './pod/pod-record.ts';
import { diffDesired, type DesiredState } from './vswitch/desired-state.ts';

/** The contiv plugin: node ID, IPAM, pod wiring (CNI), node interconnect, DHCP. */
@plugin({ name: 'contiv', provides: [CONTIV_API], config: contivConfig })
export class ContivPlugin extends ContivNode implements Plugin, CniService {
  readonly name = 'contiv';
  private readonly allocator: NodeIdAllocator;
  private applied: DesiredState = new Map();
  private published?: string;
  private readonly problems = new Map<string, Record<string, unknown>>();
  /** Set by close(): events still delivered must not re-create the released ID entry. */
  private closing = false;

  constructor(
    @inject(CONTIV_CONFIG) config: ContivConfig,
    @inject(KV_STORE) private readonly store: KeyValueStore,
    @inject(DATASYNC) private readonly datasync: Datasync,
    @inject(KSR_API) private readonly ksr: KsrApi,
    @inject(VPP_API) private readonly vpp: VppApi,
    @inject(AGENT_INFO) info: AgentInfo,
    @inject(LOGGER) private readonly log: Logger,
    @inject(STATUS_REPORTER) private readonly status: StatusReporter,
    @inject(HTTP_ROUTES) private readonly http: HttpRoutes,
  ) {
    super(config, info.label);
    this.allocator = new NodeIdAllocator(store, info.label, { maxAttempts: config.nodeIdMaxAttempts });
  }

  init(): void {
    const node = this.nodeName();
    this.datasync.watch(this.name, [ALLOCATED_IDS_PREFIX, podRecordPrefix(node), dhcpLeaseKey(node)], (changes) => this.onStoreChanges(changes));
    this.ksr.subscribe(this.name, ['node'], (changes) => this.onNodeChanges(changes));
    this.vpp.onEvent<unknown>('dhcp_compl_event', (event) => this.onDhcpEvent(event));
    this.http.mount('/cni', cniRoutes(this));
    this.http.mount('/contiv', contivRoutes(this));
  }

  async afterInit(): Promise<void> {
    const ip = this.settings.ipSource === 'static' ? this.nodeIp() : undefined;
    const info = await this.allocator.allocate(ip ? { ipAddress: ip } : {});
    this.bindNodeId(info);
    this.log.info('node ID allocated', { node: info.name, id: info.id });
  }

  async resync(snapshot: Snapshot): Promise<void> {
    const node = this.nodeName();
    this.problems.clear();
    const infos = this.decodeAll(snapshot.withPrefix(ALLOCATED_IDS_PREFIX), (e) => decodeNodeInfo(e.key, e.value));
    const records = this.decodeAll(snapshot.withPrefix(podRecordPrefix(node)), (e) => decodePodRecord(node, e.key, e.value));
    const leases = this.decodeAll(snapshot.withPrefix(dhcpLeaseKey(node)), (e) => decodeDhcpLease(e.key, e.value));
    if (this.settings.ipSource === 'dhcp' && !this.currentLease() && leases[0]) this.setLease(leases[0]);
    const dropped = this.resyncState({ infos, records, k8sNodes: this.ksr.list('node') });
    for (const d of dropped) {
      this.log.warn('pod record dropped', { pod: `${d.record.id.namespace}/${d.record.id.name}`, error: d.error });
      this.problems.set(podRecordKey(node, d.record.id), d.error);
      await this.store.delete(podRecordKey(node, d.record.id));
    }
    const desired = this.desired();
    const txn = this.vpp.txn();
    for (const [key, value] of [...desired].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) txn.put(key, value);
    this.applied = desired;
    const stored = infos.find((i) => i.id === this.nodeId());
    this.published = stored?.name === node ? encodeNodeInfo(stored) : undefined;
    await this.publishOwnInfo();
    this.emitNodeIpChange(this.listenerError);
    this.reportStatus();
  }

  async close(): Promise<void> {
    this.closing = true;
    let id: number | undefined;
    try {
      id = this.nodeId();
    } catch {
      return; // afterInit never allocated one
    }
    if (!this.config.releaseNodeIdOnShutdown) return;
    const released = await this.allocator.release(id);
    this.log.info('node ID released', { id, released });
  }

  // ------------------------------------------------------------------ CNI

  /** CNI ADD: wires the pod in an event; a repeated ADD answers the same result. */
  async add(req: CniRequest): Promise<CniResult> {
    const pod = podOf(req);
    await this.checkNetns(req);
    return await this.datasync.push('cni-add', `ADD ${pod.namespace}/${pod.name} ${req.containerId}`, () => this.wirePod(req, pod));
  }

  /** CNI DEL: unwires the container's pod; unknown containers succeed. */
  async del(req: CniRequest): Promise<void> {
    await this.datasync.push('cni-del', `DEL ${req.containerId}`, () => this.unwirePod(req.containerId));
  }

  /** CNI CHECK: the container must be wired for the named pod. */
  async check(req: CniRequest): Promise<void> {
    const want = podOf(req);
    await this.datasync.push('cni-check', `CHECK ${req.containerId}`, () => {
      if (!this.isReady()) throw new ContivNotReadyError('check a pod');
      const wired = this.podByContainer(req.containerId);
      if (!wired || wired.record.id.namespace !== want.namespace || wired.record.id.name !== want.name) {
        throw new CniRequestError(`CNI CHECK ${req.containerId}`, 'containerId', `container is not wired for pod ${want.namespace}/${want.name} on this node`, CNI_CODES.UNKNOWN_CONTAINER);
      }
    });
  }

  private async wirePod(req: CniRequest, pod: ObjectId): Promise<CniResult> {
    const add = this.preparePod(pod, req.containerId, req.netns, req.ifName, req.requestedIp);
    if (!add.existing) {
      try {
        await this.store.put(podRecordKey(this.nodeName(), add.record.id), encodePodRecord(add.record));
      } catch (err: unknown) {
        this.local.abort(add);
        throw err;
      }
    }
    const wired = this.local.commit(add);
    if (!add.existing) {
      this.apply();
      if (add.previous) this.emitPodChange({ type: 'removed', pod: add.previous.local }, this.listenerError);
      this.emitPodChange({ type: 'added', pod: wired.local }, this.listenerError);
      this.log.info('pod wired', { pod: `${wired.record.id.namespace}/${wired.record.id.name}`, ip: wired.record.ip, interface: wired.names.tap });
    }
    return cniAddResult(req.cniVersion, { ifName: wired.record.ifName, netns: wired.record.netns, mac: wired.names.podMac, ip: wired.record.ip, gateway: this.podGateway() });
  }

  private async unwirePod(containerId: string): Promise<void> {
    if (!this.isReady()) throw new ContivNotReadyError('unwire a pod');
    const pod = this.podByContainer(containerId);
    if (!pod) return;
    await this.store.delete(podRecordKey(this.nodeName(), pod.record.id));
    this.local.remove(containerId);
    this.apply();
    const change: LocalPodChange = { type: 'removed', pod: pod.local };
    this.emitPodChange(change, this.listenerError);
    this.log.info('pod unwired', { pod: `${pod.record.id.namespace}/${pod.record.id.name}`, ip: pod.record.ip });
  }

  private async checkNetns(req: CniRequest): Promise<void> {
    if (!this.config.cni.checkNetnsExists) return;
    try {
      await stat(req.netns);
    } catch {
      throw new NetnsNotFoundError(req.netns, req.containerId);
    }
  }

  // ------------------------------------------------------------------ events

  private async onStoreChanges(changes: readonly KvChange[]): Promise<void> {
    let ownDeleted = false;
    let registry = false;
    for (const c of changes) {
      const id = nodeIdOfKey(c.key);
      if (id === undefined) continue; // pod records and the lease are our own writes
      registry = true;
      if (c.type === 'delete') {
        ownDeleted = this.deleteNodeInfo(id) || ownDeleted;
        this.problems.delete(c.key);
        continue;
      }
      try {
        this.setNodeInfo(decodeNodeInfo(c.key, c.value ?? ''));
        this.problems.delete(c.key);
      } catch (err: unknown) {
        this.problems.set(c.key, errorToJSON(err));
        this.log.warn('bad node registry entry skipped', { key: c.key, error: errorToJSON(err) });
      }
    }
    // Our own pod-record writes change nothing here; recomputing the whole desired state for each would be quadratic.
    if (!registry || !this.isReady() || this.closing) return;
    this.apply();
    if (ownDeleted) {
      this.log.warn('own node registry entry was deleted; re-creating it', { id: this.nodeId() });
      this.published = undefined;
      await this.publishOwnInfo();
    }
    this.reportStatus();
  }

  private async onNodeChanges(changes: readonly KsrChange[]): Promise<void> {
    let own = false;
    for (const c of changes) {
      if (c.kind !== 'node') continue;
      if (this.setK8sNode(c.id, c.value as Node | undefined)) {
        this.log.warn('pod CIDR of this node changed while pods are wired; it applies at the next resync', { node: c.id });
      }
      own ||= c.id === this.nodeName();
    }
    if (!this.isReady()) return;
    this.apply();
    if (own) await this.publishOwnInfo();
    this.reportStatus();
  }

  private onDhcpEvent(event: unknown): void {
    if (this.settings.ipSource !== 'dhcp') return;
    const lease = decodeDhcpEvent(event);
    if (!lease) {
      this.log.warn('DHCP event without a usable IPv4 lease ignored');
      return;
    }
    const main = this.vpp.interfaceIndex(this.mainInterface());
    if (lease.swIfIndex !== undefined && main !== undefined && lease.swIfIndex !== main) return;
    if (!this.setLease(lease) || !this.isReady()) return;
    this.log.info('DHCP lease changed the node IP or gateway', { nodeIp: this.nodeIp(), gateway: this.defaultGateway() });
    this.apply();
    this.emitNodeIpChange(this.listenerError);
    // Store writes wait for their own event (listeners cannot await).
    void this.datasync
      .push('contiv-dhcp-publish', `publish node IP ${this.nodeIp() ?? ''}`, async () => {
        await this.store.put(dhcpLeaseKey(this.nodeName()), encodeDhcpLease(lease));
        await this.publishOwnInfo();
      })
      .catch((err: unknown) => this.log.error('publishing the DHCP lease failed', { error: errorToJSON(err) }));
  }

  // ------------------------------------------------------------------ helpers

  /** Puts the difference between the applied and the desired state into the event's transaction. */
  private apply(): void {
    const next = this.desired();
    const diff = diffDesired(this.applied, next);
    if (diff.puts.length > 0 || diff.deletes.length > 0) {
      const txn = this.vpp.txn();
      for (const key of diff.deletes) txn.delete(key);
      for (const [key, value] of diff.puts) txn.put(key, value);
    }
    this.applied = next;
  }

  /** Writes this node's registry entry if node IP or management IP changed. */
  private async publishOwnInfo(): Promise<void> {
    if (this.closing) return;
    const wanted: NodeInfo = this.wantedInfo();
    const encoded = encodeNodeInfo(wanted);
    if (encoded === this.published) return;
    if (await this.allocator.publish(wanted)) {
      this.published = encoded;
      this.problems.delete(nodeInfoKey(wanted.id));
    } else {
      const error = { name: 'NodeIdTaken', message: `allocatedIDs/${wanted.id} is held by another node` };
      this.problems.set(nodeInfoKey(wanted.id), error);
      this.log.error('cannot publish the node registry entry', { id: wanted.id, error });
    }
  }

  private decodeAll<T>(entries: readonly { key: string; value: string }[], decode: (e: { key: string; value: string }) => T): T[] {
    const out: T[] = [];
    for (const e of entries) {
      try {
        out.push(decode(e));
      } catch (err: unknown) {
        this.problems.set(e.key, errorToJSON(err));
        this.log.warn('bad stored value skipped', { key: e.key, error: errorToJSON(err) });
      }
    }
    return out;
  }

  private readonly listenerError = (err: unknown, what: string): void => {
    this.log.error(`${what} failed`, { error: errorToJSON(err) });
  };

  private reportStatus(): void {
    const remote = this.remoteProblems();
    const podCidr = this.podCidrIssue();
    const problems = [
      ...[...this.problems].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, error]) => ({ key, error })),
      ...remote.map((p) => ({ key: nodeInfoKey(p.id), error: p.error })),
      ...(podCidr ? [{ key: `k8s/node/${this.nodeName()}`, error: podCidr }] : []),
    ];
    this.status.details({
      nodeId: this.nodeId(),
      nodeIp: this.nodeIp() ?? null,
      podSubnet: this.podSubnet(),
      pods: this.localPods().length,
      remoteNodes: this.remoteNodes().length,
      problems,
    });
    this.status.report('ok');
  }
}

/** The pod of an ADD or CHECK request (validation guarantees it; a DEL may lack it). */
function podOf(req: CniRequest): ObjectId {
  if (!req.pod) throw new CniRequestError(`CNI ${req.command} request`, 'args.K8S_POD_NAME', 'missing pod namespace and name (CNI_ARGS)', CNI_CODES.INVALID_ENVIRONMENT);
  return req.pod;
}
