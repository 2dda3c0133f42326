/**
 * @module The model of the upstream NetworkPolicy e2e suite (kubernetes test/e2e/network/netpol):
 * namespaces x, y, z (labelled `ns: <name>`, plus `kubernetes.io/metadata.name`), pods a, b, c
 * in each (labelled `pod: <name>`), every pod serving ports 80 and 81 over TCP, UDP and SCTP
 * with named container ports `serve-<port>-<protocol>`. Pods a and c run on node-1, pods b on
 * node-2, so every case has same-node and cross-node pairs. Reachability expectations use the
 * suite's style: everything allowed, then patterns override it in order.
 */
import type { Namespace, NetworkPolicy, Pod, Protocol } from '../../plugins/ksr/model.ts';
import type { ClusterSpec } from '../oracle/rendered-cluster.ts';

/** Namespaces of the model. */
export const NAMESPACES = ['x', 'y', 'z'] as const;
/** Pod names of the model (one of each per namespace). */
export const POD_NAMES = ['a', 'b', 'c'] as const;
/** Served ports. */
export const PORTS = [80, 81] as const;
/** Served protocols. */
export const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

/** The two nodes (address = the node's own IP, always allowed to and from its pods). */
export const MODEL_NODES = [
  { name: 'node-1', addresses: ['192.168.16.1'] },
  { name: 'node-2', addresses: ['192.168.16.2'] },
];

/** `x/a` → its IP. */
export function podIp(key: string): string {
  const [ns, name] = key.split('/') as [string, string];
  const n = NAMESPACES.indexOf(ns as 'x') + 1;
  const p = POD_NAMES.indexOf(name as 'a');
  return `10.1.${name === 'b' ? 2 : 1}.${n * 10 + p}`;
}

/** Every pod key of the model, `x/a` … `z/c`. */
export const POD_KEYS: readonly string[] = NAMESPACES.flatMap((ns) => POD_NAMES.map((p) => `${ns}/${p}`));

/** A model namespace with its labels. */
export function modelNamespace(name: string, labels: Record<string, string> = { ns: name }): Namespace {
  return { name, labels };
}

/** A model pod with its labels. */
export function modelPod(key: string, labels?: Record<string, string>): Pod {
  const [namespace, name] = key.split('/') as [string, string];
  return {
    namespace, name, labels: labels ?? { pod: name }, nodeName: name === 'b' ? 'node-2' : 'node-1', ip: podIp(key),
    hostNetwork: false, phase: 'Running', ready: true, terminating: false,
    containerPorts: PORTS.flatMap((port) => PROTOCOLS.map((protocol) => ({ name: `serve-${port}-${protocol.toLowerCase()}`, containerPort: port, protocol }))),
  };
}

/** The model cluster with `policies`. */
export function modelCluster(policies: readonly NetworkPolicy[] = []): ClusterSpec {
  return {
    namespaces: NAMESPACES.map((n) => modelNamespace(n)),
    pods: POD_KEYS.map((k) => modelPod(k)),
    policies,
    nodes: MODEL_NODES,
  };
}

/** `[from, to, allowed]`: patterns `*`, `x/*` or `x/a`; applied in order over "all allowed". */
export type Expectation = readonly [from: string, to: string, allowed: boolean];

function matches(pattern: string, key: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('/*')) return key.startsWith(pattern.slice(0, -1));
  return pattern === key;
}

/** The expected verdict of `from` → `to` under `expectations` (loopback is not checked upstream). */
export function expected(expectations: readonly Expectation[], from: string, to: string): boolean {
  let v = true;
  for (const [f, t, allowed] of expectations) if (matches(f, from) && matches(t, to)) v = allowed;
  return v;
}
