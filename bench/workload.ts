/**
 * @module The shared benchmark workloads (`../shared/bench/workloads/{S,M,L,XL}.json`, format in
 * that folder's README): reading them, turning them into the Kubernetes objects a KSR would
 * reflect, and decoding those into the agent's model exactly as the ksr plugin does.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeK8s, ksrKindOf } from '../plugins/ksr/k8s-decoders.ts';
import { ksrKey, NAMESPACED_KINDS } from '../plugins/ksr/keys.ts';
import type { KsrKind, Namespace, NetworkPolicy, Node, Pod } from '../plugins/ksr/model.ts';

/** The workload sizes shipped in `../shared/bench/workloads`. */
export const SIZES = ['S', 'M', 'L', 'XL'] as const;

/** A workload size name. */
export type Size = (typeof SIZES)[number];

/** A pod of a workload (node `n` owns `10.1.n.0/24`). */
export interface WorkloadPod {
  readonly namespace: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly ip: string;
  readonly node: number;
}

/** A workload file. */
export interface Workload {
  readonly meta: { readonly size: string; readonly localNode: number; readonly counts: Readonly<Record<string, number>> };
  readonly nodes: readonly { readonly name: string; readonly id: number; readonly podCIDR: string }[];
  readonly namespaces: readonly { readonly name: string; readonly labels: Readonly<Record<string, string>> }[];
  readonly pods: readonly WorkloadPod[];
  readonly policies: readonly Record<string, unknown>[];
  readonly probe: WorkloadPod & { readonly selectedBy?: { readonly asTarget: number; readonly asPeer: number } };
}

/** A Kubernetes API object as JSON. */
export type K8sObject = Record<string, unknown> & { readonly kind: string; readonly metadata: { readonly name: string; readonly namespace?: string; readonly labels?: Readonly<Record<string, string>> } };

/** The decoded model of a workload (what `KSR_API.list()` would return, sorted by id). */
export interface WorkloadState {
  readonly namespaces: readonly Namespace[];
  readonly nodes: readonly Node[];
  readonly pods: readonly Pod[];
  readonly policies: readonly NetworkPolicy[];
}

/** The repository root: the first folder above this module with a `package.json` (also when run compiled from `bench/tmp/node`). */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** Path of a shipped workload (`S`…`XL`, in `../shared/bench/workloads` next to the repository), or `sizeOrPath` itself when it names a file. */
export function workloadPath(sizeOrPath: string): string {
  if (sizeOrPath.endsWith('.json')) return sizeOrPath;
  return join(repoRoot(), '..', 'shared', 'bench', 'workloads', `${sizeOrPath}.json`);
}

/** Reads and parses a workload file. */
export function readWorkload(path: string): Workload {
  return JSON.parse(readFileSync(path, 'utf8')) as Workload;
}

/** The Kubernetes Pod object of a workload pod (one named container port, Running and Ready). */
export function k8sPod(p: WorkloadPod, extraLabels: Readonly<Record<string, string>> = {}): K8sObject {
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: p.name, namespace: p.namespace, labels: { ...p.labels, ...extraLabels } },
    spec: { nodeName: `node-${p.node}`, containers: [{ name: 'app', ports: [{ name: 'http', containerPort: 8080 }] }] },
    status: { phase: 'Running', podIP: p.ip, hostIP: `192.168.16.${p.node}`, conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

/** The workload as the Kubernetes API objects a KSR would reflect (namespaces and nodes first). */
export function k8sObjects(w: Workload): K8sObject[] {
  return [
    ...w.namespaces.map((n) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: n.name, labels: n.labels } })),
    ...w.nodes.map((n) => ({
      apiVersion: 'v1', kind: 'Node', metadata: { name: n.name },
      spec: { podCIDR: n.podCIDR },
      status: { addresses: [{ type: 'InternalIP', address: `192.168.16.${n.id}` }, { type: 'Hostname', address: n.name }] },
    })),
    ...w.pods.map((p) => k8sPod(p)),
    ...(w.policies as K8sObject[]),
  ];
}

/** One object's KSR kind, store key and decoded value. @throws {BadInputError} for an invalid object */
export function decodeObject(o: K8sObject): { readonly kind: KsrKind; readonly key: string; readonly id: string; readonly value: unknown } {
  const kind = ksrKindOf(o.kind);
  if (!kind) throw new TypeError(`workload object of unknown kind ${o.kind}`);
  const value = decodeK8s(kind, o, `${o.kind} ${o.metadata.name}`, 'default');
  const ns = NAMESPACED_KINDS.has(kind) ? (value as { namespace: string }).namespace : undefined;
  const name = (value as { name: string }).name;
  return { kind, key: ksrKey(kind, name, ns), id: ns === undefined ? name : `${ns}/${name}`, value };
}

/** Decodes every object of the workload into the agent's model, each kind sorted by id. */
export function decodeWorkload(w: Workload): WorkloadState {
  const byKind = new Map<KsrKind, { id: string; value: unknown }[]>();
  for (const o of k8sObjects(w)) {
    const d = decodeObject(o);
    const list = byKind.get(d.kind) ?? [];
    list.push(d);
    byKind.set(d.kind, list);
  }
  const sorted = <T>(kind: KsrKind): T[] =>
    (byKind.get(kind) ?? []).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((x) => x.value as T);
  return { namespaces: sorted('namespace'), nodes: sorted('node'), pods: sorted('pod'), policies: sorted('policy') };
}
