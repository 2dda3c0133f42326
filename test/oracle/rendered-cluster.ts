/**
 * @module Test harness: one PolicyPipeline per node of a cluster snapshot (the system under
 * test), with fake node facts, feeding the ACL and session-rule data-plane models so that
 * rendered output can be compared with the oracle. Not part of the oracle itself.
 */
import type { LocalPod } from '../../plugins/contiv/api.ts';
import type { KsrChange } from '../../plugins/ksr/api.ts';
import type { NetworkPolicy, Pod } from '../../plugins/ksr/model.ts';
import type { PolicyNode } from '../../plugins/policy/policy-pipeline.ts';
import { PolicyPipeline } from '../../plugins/policy/policy-pipeline.ts';
import type { RendererName } from '../../plugins/policy/policy-renderer.ts';
import type { Acl, SessionRule } from '../../plugins/vpp/model.ts';
import type { DataplaneVerdict, Location } from './acl-dataplane.ts';
import { AclDataplane } from './acl-dataplane.ts';
import type { Endpoint, OracleCluster, OracleNode, OracleProtocol } from './k8s-oracle.ts';
import { sessionVerdict } from './session-dataplane.ts';
import type { SessionLocation, SessionNodeState } from './session-dataplane.ts';
import { StateTxn } from './state-txn.ts';

/** A cluster with nodes (pods are placed by `nodeName`). */
export interface ClusterSpec extends OracleCluster {
  readonly nodes: readonly OracleNode[];
}

/** Interfaces every fake node has. */
export const HOST_INTERCONNECT = 'host-interconnect';
/** The interface inter-node traffic uses in the data-plane model. */
export const VXLAN_BVI = 'vxlanBVI';
const OUTBOUND = [HOST_INTERCONNECT, 'GbE', VXLAN_BVI];

/** Interface name of a pod in the fake nodes. */
export function podInterface(pod: { namespace: string; name: string }): string {
  return `tap-${pod.namespace}-${pod.name}`;
}

/** Whether a pod is wired (gets an interface) on `node`. */
function wiredOn(pod: Pod, node: string): boolean {
  return pod.nodeName === node && pod.ip !== undefined && !pod.hostNetwork;
}

class FakeNode implements PolicyNode {
  pods: LocalPod[] = [];
  constructor(readonly spec: OracleNode) {}
  localPods(): readonly LocalPod[] {
    return this.pods;
  }
  localPod(key: string): LocalPod | undefined {
    return this.pods.find((p) => `${p.id.namespace}/${p.id.name}` === key);
  }
  nodeAddresses(): readonly string[] {
    return this.spec.addresses;
  }
  outboundInterfaces(): readonly string[] {
    return OUTBOUND;
  }
}

/** One node's agent: its pipeline and the desired VPP state it produced. */
export class NodeUnderTest {
  readonly node: FakeNode;
  readonly pipeline: PolicyPipeline;
  readonly txn = new StateTxn();

  constructor(spec: OracleNode, renderers: readonly RendererName[]) {
    this.node = new FakeNode(spec);
    this.pipeline = new PolicyPipeline(this.node, { renderers });
  }

  /** Wires the pods of `cluster` placed on this node and resyncs from the whole state. */
  resync(cluster: OracleCluster): void {
    this.node.pods = localPodsOf(cluster.pods, this.node.spec.name);
    this.txn.beginResync();
    this.pipeline.resync(cluster, this.txn);
  }

  /** Applies KSR changes (and wires/unwires pods whose placement changed). */
  apply(changes: readonly KsrChange[], allPods: readonly Pod[]): void {
    const before = new Map(this.node.pods.map((p) => [`${p.id.namespace}/${p.id.name}`, p]));
    this.pipeline.applyKsrChanges(changes, this.txn);
    const after = localPodsOf(allPods, this.node.spec.name);
    const afterKeys = new Map(after.map((p) => [`${p.id.namespace}/${p.id.name}`, p]));
    for (const [k, p] of before) {
      const now = afterKeys.get(k);
      if (now && now.ip === p.ip) continue;
      this.node.pods = this.node.pods.filter((x) => x !== p);
      this.pipeline.localPodChanged({ type: 'removed', pod: p }, this.txn);
    }
    for (const [k, p] of afterKeys) {
      const was = before.get(k);
      if (was && was.ip === p.ip) continue;
      this.node.pods = [...this.node.pods, p];
      this.pipeline.localPodChanged({ type: 'added', pod: p }, this.txn);
    }
  }

  /** ACLs in the desired state. */
  acls(): Acl[] {
    return this.txn.values<Acl>('vpp/acl/');
  }

  /** Session rules in the desired state. */
  sessionRules(): SessionRule[] {
    return this.txn.values<SessionRule>('vpp/session/rule/');
  }
}

function localPodsOf(pods: readonly Pod[], node: string): LocalPod[] {
  return pods
    .filter((p) => wiredOn(p, node))
    .sort((a, b) => (`${a.namespace}/${a.name}` < `${b.namespace}/${b.name}` ? -1 : 1))
    .map((p) => ({
      id: { namespace: p.namespace, name: p.name },
      ip: p.ip!,
      interface: podInterface(p),
      containerId: `c-${p.namespace}-${p.name}`,
      appNamespace: `appns-${appNamespaceOf(`${p.namespace}/${p.name}`)}`,
    }));
}

/** A stable app namespace number per pod key (as a CNI would keep it for the pod's lifetime). */
function appNamespaceOf(key: string): number {
  let h = 17;
  for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) % 100000;
  return h + 1;
}

const PROTO_NUMBERS: Record<OracleProtocol, number> = { TCP: 6, UDP: 17, SCTP: 132, ICMP: 1 };

/** The rendered cluster: every node's pipeline, and verdicts through the data-plane models. */
export class RenderedCluster {
  readonly nodes: readonly NodeUnderTest[];
  cluster: ClusterSpec;

  constructor(cluster: ClusterSpec, renderers: readonly RendererName[] = ['acl', 'vpptcp']) {
    this.cluster = cluster;
    this.nodes = cluster.nodes.map((n) => new NodeUnderTest(n, renderers));
    for (const n of this.nodes) n.resync(cluster);
  }

  /** Feeds changes to every node (the cluster spec is replaced by `next`). */
  apply(changes: readonly KsrChange[], next: ClusterSpec): void {
    this.cluster = next;
    for (const n of this.nodes) n.apply(changes, next.pods);
  }

  #aclLocation(dp: AclDataplane, e: Endpoint): Location {
    if ('pod' in e) return dp.locate(`${e.pod.namespace}/${e.pod.name}`);
    const node = this.cluster.nodes.find((n) => n.addresses.includes(e.ip));
    return node ? { ip: e.ip, node: node.name, iface: HOST_INTERCONNECT } : { ip: e.ip };
  }

  /** Verdict of the ACL data-plane model. */
  aclVerdict(src: Endpoint, dst: Endpoint, protocol: OracleProtocol, port: number): DataplaneVerdict {
    const dp = new AclDataplane(this.nodes.map((n) => ({
      name: n.node.spec.name,
      acls: n.acls(),
      pods: n.node.pods.map((p) => ({ key: `${p.id.namespace}/${p.id.name}`, ip: p.ip, interface: p.interface })),
      outbound: VXLAN_BVI,
    })));
    return dp.connect(this.#aclLocation(dp, src), this.#aclLocation(dp, dst), PROTO_NUMBERS[protocol], port);
  }

  /** Verdict of the session-rule model (TCP and UDP only). */
  sessionVerdict(src: Endpoint, dst: Endpoint, protocol: 'TCP' | 'UDP', port: number): { allowed: boolean; trace: string[] } {
    const states: SessionNodeState[] = this.nodes.map((n) => ({
      name: n.node.spec.name,
      rules: n.sessionRules(),
      pods: n.node.pods.map((p) => ({ key: `${p.id.namespace}/${p.id.name}`, ip: p.ip, appns: p.appNamespace ?? 0 })),
    }));
    const locate = (e: Endpoint): SessionLocation => {
      if ('ip' in e) return { ip: e.ip };
      const key = `${e.pod.namespace}/${e.pod.name}`;
      for (const s of states) {
        const p = s.pods.find((x) => x.key === key);
        if (p) return { ip: p.ip, node: s.name, appns: p.appns };
      }
      throw new Error(`rendered-cluster: pod ${key} is on no node`);
    };
    return sessionVerdict(states, locate(src), locate(dst), protocol === 'TCP' ? 'tcp' : 'udp', port);
  }
}

/** A policy list → KSR changes creating them (for incremental tests). */
export function policyPuts(policies: readonly NetworkPolicy[]): KsrChange[] {
  return policies.map((p) => ({ kind: 'policy', key: `k8s/policy/${p.name}/namespace/${p.namespace}`, id: `${p.namespace}/${p.name}`, value: p }));
}
