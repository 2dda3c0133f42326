/**
 * @module A simulated cluster (`cluster/Cluster`, every agent of the full build over its own
 * simulated VPP, in-process or over the API socket as `CONTIV_E2E_VPP` says) together with the
 * objects the test applied, so each probe's traced result can be compared with the oracles
 * written independently of the plugins: the NetworkPolicy oracle (`test/oracle/k8s-oracle.ts`)
 * and the Service oracle (`test/oracle/service-oracle.ts`). The oracles see the user's objects
 * plus what the simulation's controllers assigned (nodes, pod IPs, cluster IPs), never the
 * agents' tables.
 */
import { Cluster, type ClusterOptions } from '../../cluster/cluster.ts';
import type { DeleteRef } from '../../cluster/cluster-objects.ts';
import type { ProbeResultView } from '../../cluster/probe-result.ts';
import type { ProbeSpec } from '../../cluster/probe-spec.ts';
import type { ManifestObject } from '../../plugins/ksr/manifest-loader.ts';
import type { Namespace, NetworkPolicy, Pod, Service } from '../../plugins/ksr/model.ts';
import type { OracleCluster, OracleNode } from '../oracle/k8s-oracle.ts';
import type { LogRecord } from '../../core/log/log-sink.ts';
import { ServiceOracle } from '../oracle/service-oracle.ts';
import { manifests, type Json } from './k8s-manifests.ts';

/** The pods' gateway of a node: the first address of its pod CIDR (also its twice-NAT address). */
export function podGateway(podCIDR: string): string {
  const [net] = podCIDR.split('/') as [string];
  const parts = net.split('.').map(Number);
  return `${parts[0]}.${parts[1]}.${parts[2]}.${parts[3]! + 1}`;
}

/** A running cluster and the objects applied to it. */
export class CheckedCluster {
  readonly #objects = new Map<string, ManifestObject>();

  private constructor(readonly cluster: Cluster, private readonly records: readonly LogRecord[]) {}

  /** Creates the cluster (nothing runs before the first step); the agents' warnings and errors are kept. */
  static async create(options: ClusterOptions = {}): Promise<CheckedCluster> {
    const records: LogRecord[] = [];
    const sink = { write: (r: LogRecord) => void (r.level === 'warn' || r.level === 'error' ? records.push(r) : undefined) };
    return new CheckedCluster(await Cluster.create({ sink, ...options }), records);
  }

  /** `logger: message fields` of every warning and error the agents logged so far. */
  problems(): string[] {
    return this.records.map((r) => `${r.logger}: ${r.msg} ${JSON.stringify(r.fields)}`);
  }

  /** Applies objects (a full object replaces the one of the same kind and name) and deletes others. */
  async step(apply: readonly Json[], remove: readonly DeleteRef[] = []): Promise<void> {
    const objs = manifests(...apply);
    await this.cluster.apply({ apply: objs, delete: remove });
    for (const o of objs) this.#objects.set(o.key, o);
    for (const d of remove) {
      for (const [k, o] of this.#objects) if (o.id === (d.namespace ? `${d.namespace}/${d.name}` : d.name) && String(o.json.kind) === d.kind) this.#objects.delete(k);
    }
  }

  /** Probes through the traced data plane. */
  probe(specs: readonly ProbeSpec[]): ProbeResultView[] {
    return this.cluster.probe(specs);
  }

  /** The pods as stored (bound, with their IPs and status). */
  pods(): Pod[] {
    return this.cluster.view().pods();
  }

  /** A pod's IP. @throws {Error} when it has none */
  ip(ref: string): string {
    const p = this.pods().find((x) => `${x.namespace}/${x.name}` === ref);
    if (!p?.ip) throw new Error(`no IP for pod ${ref}`);
    return p.ip;
  }

  /** A node's address on the node segment. */
  nodeAddress(name: string): string {
    return this.#node(name).address;
  }

  /** A Service's cluster IP. */
  clusterIP(ref: string): string {
    const row = this.cluster.view().serviceRows().find((s) => `${s.namespace}/${s.name}` === ref);
    if (!row?.clusterIP) throw new Error(`no cluster IP for ${ref}`);
    return row.clusterIP;
  }

  /** The NodePort of a Service port (as the manifest gives it: the e2e suites name their NodePorts). */
  nodePort(ref: string, port: number): number {
    const svc = this.#services().find((s) => `${s.namespace}/${s.name}` === ref);
    const np = svc?.ports.find((p) => p.port === port)?.nodePort;
    if (np === undefined) throw new Error(`no NodePort for ${ref}:${port}`);
    return np;
  }

  /** Every node with the addresses the oracles treat as the node's: its address, its pods' gateway, its host network. */
  oracleNodes(): OracleNode[] {
    return this.cluster.view().nodeRows().map((n) => {
      const host = this.cluster.view().node(n.name)?.hostAddress;
      return { name: n.name, addresses: [n.address, podGateway(n.podCIDR), ...(host ? [host] : [])] };
    });
  }

  /** The NetworkPolicy oracle's view of the cluster now. */
  policyState(): OracleCluster {
    const of = <T>(kind: string): T[] => [...this.#objects.values()].filter((o) => o.kind === kind).map((o) => o.value as T);
    return { namespaces: of<Namespace>('namespace'), pods: this.pods(), policies: of<NetworkPolicy>('policy'), nodes: this.oracleNodes() };
  }

  /** The Service oracle over the cluster now (endpoints derived from selectors, as the controllers would). */
  serviceOracle(): ServiceOracle {
    return new ServiceOracle({ nodes: this.oracleNodes(), pods: this.pods(), services: this.#services() });
  }

  /** Closes every agent; returns every warning and error the agents logged (a clean run has none). */
  async close(): Promise<string[]> {
    await this.cluster.close();
    return this.problems();
  }

  #node(name: string) {
    const n = this.cluster.view().nodeRows().find((x) => x.name === name);
    if (!n) throw new Error(`no node ${name}`);
    return n;
  }

  /** Services with the cluster IP the simulation assigned. */
  #services(): Service[] {
    const rows = this.cluster.view().serviceRows();
    return [...this.#objects.values()].filter((o) => o.kind === 'service').map((o) => {
      const svc = o.value as Service;
      const row = rows.find((s) => s.namespace === svc.namespace && s.name === svc.name);
      return { ...svc, clusterIPs: row?.clusterIP ? [row.clusterIP] : [] };
    });
  }
}
