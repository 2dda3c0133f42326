/**
 * @module PolicyPipeline: the one place wiring cache → processor → configurator → renderer
 * caches → renderers. Pure: inputs are Kubernetes changes and node facts, output goes into the
 * event's VPP transaction.
 *
 * ```
 * KsrChange / LocalPodChange / node change
 *   → PolicyProcessor (PolicyCache, checked + resolved policies, affected local pods)
 *   → PodRulesChange[] (configurator output: per pod, ingress + egress rule lists)
 *   → per renderer: RendererCache.update … commit() → CacheChanges
 *   → renderer.render(changes, txn)  (ACLs | session rules)
 * ```
 */
import type { KsrChange } from '../ksr/api.ts';
import type { Namespace, NetworkPolicy, Pod } from '../ksr/model.ts';
import type { Ip4 } from '../net/ipv4.ts';
import { isIp4, parseIp4 } from '../net/ipv4.ts';
import type { LocalPod, LocalPodChange } from '../contiv/api.ts';
import type { VppTxn } from '../vpp/api.ts';
import { AclRenderer } from './acl-renderer.ts';
import type { FrontendTarget } from './frontend-rules.ts';
import { objectKey } from './policy-cache.ts';
import type { LocalPodRef, PolicyState, ProcessorStats } from './policy-processor.ts';
import { PolicyProcessor } from './policy-processor.ts';
import type { PolicyRenderer, RendererName, RenderStats } from './policy-renderer.ts';
import type { CacheStats } from './renderer-cache.ts';
import { VppTcpRenderer } from './vpptcp-renderer.ts';

/** What the pipeline needs to know about this node (the plugin adapts CONTIV_API to it). */
export interface PolicyNode {
  /** Pods wired on this node. */
  localPods(): readonly LocalPod[];
  /** A local pod by key (`namespace/name`). */
  localPod(key: string): LocalPod | undefined;
  /** Addresses of this node (always allowed to and from its pods), no prefix. */
  nodeAddresses(): readonly string[];
  /** Interfaces through which traffic leaves the node. */
  outboundInterfaces(): readonly string[];
  /** Service frontends with their backends, sorted by key (VPPTCP judges them; absent = none). */
  serviceFrontends?(): readonly FrontendTarget[];
}

/** Pipeline options. */
export interface PipelineOptions {
  /** Renderers to run, in order. @default ['acl'] */
  readonly renderers?: readonly RendererName[];
  /** VPPTCP: ports of one range expanded at most. @default 1024 */
  readonly maxRangePorts?: number;
}

/** Counters of the last event. */
export interface PipelineStats {
  readonly processor: ProcessorStats;
  readonly renderers: readonly { readonly name: RendererName; readonly cache: CacheStats; readonly render: RenderStats }[];
}

function localRef(p: LocalPod): LocalPodRef | undefined {
  return isIp4(p.ip) ? { key: objectKey(p.id), ip: parseIp4(p.ip) } : undefined;
}

function addressesOf(texts: readonly string[]): Ip4[] {
  return [...new Set(texts.filter(isIp4).map(parseIp4))].sort((a, b) => a - b);
}

/** The policy pipeline of one node. */
export class PolicyPipeline {
  readonly processor = new PolicyProcessor();
  readonly #node: PolicyNode;
  readonly #opts: PipelineOptions;
  #renderers: PolicyRenderer[] = [];
  #stats: PipelineStats = { processor: { policiesResolved: 0, podsRecomputed: 0, podsChanged: 0 }, renderers: [] };

  constructor(node: PolicyNode, opts: PipelineOptions = {}) {
    this.#node = node;
    this.#opts = opts;
    this.#renderers = this.#createRenderers();
  }

  /** The renderers, in configured order. */
  renderers(): readonly PolicyRenderer[] {
    return this.#renderers;
  }

  /** Rebuilds everything from `state` and puts the complete desired state into `txn`. */
  resync(state: PolicyState, txn: VppTxn): void {
    this.#renderers = this.#createRenderers();
    const locals = this.#node.localPods().flatMap((p) => localRef(p) ?? []);
    this.processor.resync(state, locals, addressesOf(this.#node.nodeAddresses()));
    this.#commit(txn, true, []);
  }

  /** Applies the decoded changes of one store revision. Other kinds are ignored. */
  applyKsrChanges(changes: readonly KsrChange[], txn: VppTxn): void {
    let relevant = false;
    for (const c of changes) {
      if (c.kind === 'namespace') this.processor.namespaceChanged(c.id, c.value as Namespace | undefined);
      else if (c.kind === 'pod') this.processor.podChanged(c.id, c.value as Pod | undefined);
      else if (c.kind === 'policy') this.processor.policyChanged(c.id, c.value as NetworkPolicy | undefined);
      else continue;
      relevant = true;
    }
    if (relevant) this.#commit(txn, false, []);
  }

  /** A pod was wired or unwired on this node. */
  localPodChanged(change: LocalPodChange, txn: VppTxn): void {
    const key = objectKey(change.pod.id);
    this.processor.localPodChanged(key, change.type === 'added' ? localRef(change.pod) : undefined);
    this.#commit(txn, false, [key]);
  }

  /** Node addresses or outbound interfaces changed. */
  nodeChanged(txn: VppTxn): void {
    this.processor.nodeAddressesChanged(addressesOf(this.#node.nodeAddresses()));
    this.#commit(txn, false, []);
  }

  /**
   * Services or their endpoints changed: renderers that judge Service frontends (VPPTCP)
   * re-read them and re-render the pods whose frontend rules changed.
   */
  servicesChanged(txn: VppTxn): void {
    const stats: { name: RendererName; cache: CacheStats; render: RenderStats }[] = [];
    for (const r of this.#renderers) {
      if (r instanceof VppTcpRenderer) stats.push({ name: r.name, cache: r.cache.stats(), render: r.frontendsChanged(txn) });
    }
    this.#stats = { processor: this.processor.stats(), renderers: stats };
  }

  /** Counters of the last event. */
  stats(): PipelineStats {
    return this.#stats;
  }

  #createRenderers(): PolicyRenderer[] {
    const names = [...new Set(this.#opts.renderers ?? ['acl'])];
    return names.map((n) =>
      n === 'acl'
        ? new AclRenderer({
          podInterface: (pod) => this.#node.localPod(pod)?.interface,
          outboundInterfaces: () => this.#node.outboundInterfaces(),
        })
        : new VppTcpRenderer({
          podAppNamespace: (pod) => this.#node.localPod(pod)?.appNamespace,
          serviceFrontends: () => this.#node.serviceFrontends?.() ?? [],
        }, { maxRangePorts: this.#opts.maxRangePorts })
    );
  }

  #commit(txn: VppTxn, resync: boolean, touched: readonly string[]): void {
    const changes = this.processor.flush();
    const stats: { name: RendererName; cache: CacheStats; render: RenderStats }[] = [];
    for (const r of this.#renderers) {
      for (const c of changes) r.cache.update(c);
      const cc = r.cache.commit();
      const render = r.render(cc, txn, resync, touched);
      stats.push({ name: r.name, cache: r.cache.stats(), render });
    }
    this.#stats = { processor: this.processor.stats(), renderers: stats };
  }
}
