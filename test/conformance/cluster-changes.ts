/**
 * @module Applies a generated {@linkcode ClusterChange} to a cluster snapshot, returning the
 * next snapshot and the KSR changes the ksr plugin would deliver for it.
 */
import type { KsrChange } from '../../plugins/ksr/api.ts';
import type { Pod } from '../../plugins/ksr/model.ts';
import type { ClusterSpec } from '../oracle/rendered-cluster.ts';
import type { ClusterChange } from './cluster-arbitrary.ts';
import { NODES } from './cluster-arbitrary.ts';

const podChange = (prev: Pod | undefined, value: Pod | undefined): KsrChange => {
  const p = (value ?? prev)!;
  return { kind: 'pod', key: `k8s/pod/${p.name}/namespace/${p.namespace}`, id: `${p.namespace}/${p.name}`, prev, value };
};

/** The cluster after `change`, with the KSR changes describing it (none when it does not apply). */
export function applyChange(cluster: ClusterSpec, change: ClusterChange, seq: number): { next: ClusterSpec; changes: KsrChange[] } {
  const pods = [...cluster.pods];
  const pick = (i: number): number | undefined => (pods.length === 0 ? undefined : i % pods.length);
  switch (change.kind) {
    case 'podLabels':
    case 'podMove':
    case 'podGetsIp':
    case 'podDelete': {
      const i = pick(change.index);
      if (i === undefined) return { next: cluster, changes: [] };
      const prev = pods[i]!;
      if (change.kind === 'podDelete') {
        pods.splice(i, 1);
        return { next: { ...cluster, pods }, changes: [podChange(prev, undefined)] };
      }
      let value: Pod = prev;
      if (change.kind === 'podLabels') value = { ...prev, labels: change.labels };
      if (change.kind === 'podMove') value = { ...prev, nodeName: NODES[change.node]!.name, ip: `10.1.${change.node + 1}.${100 + seq}` };
      if (change.kind === 'podGetsIp') {
        if (prev.ip !== undefined) return { next: cluster, changes: [] };
        const node = prev.nodeName === NODES[0].name ? 0 : 1;
        value = { ...prev, ip: `10.1.${node + 1}.${100 + seq}` };
      }
      pods[i] = value;
      return { next: { ...cluster, pods }, changes: [podChange(prev, value)] };
    }
    case 'podAdd': {
      const pod: Pod = {
        namespace: change.ns, name: `n${seq}`, labels: change.labels, nodeName: NODES[change.node]!.name,
        ip: change.withIp ? `10.1.${change.node + 1}.${100 + seq}` : undefined,
        hostNetwork: false, phase: 'Running', ready: true, terminating: false,
        containerPorts: [{ name: 'http', containerPort: 80, protocol: 'TCP' }],
      };
      return { next: { ...cluster, pods: [...pods, pod] }, changes: [podChange(undefined, pod)] };
    }
    case 'nsLabels': {
      const namespaces = [...cluster.namespaces];
      const prev = namespaces[change.index % namespaces.length]!;
      const value = { ...prev, labels: change.labels };
      namespaces[change.index % namespaces.length] = value;
      return { next: { ...cluster, namespaces }, changes: [{ kind: 'namespace', key: `k8s/namespace/${prev.name}`, id: prev.name, prev, value }] };
    }
    case 'policyDelete': {
      const policies = [...cluster.policies];
      if (policies.length === 0) return { next: cluster, changes: [] };
      const prev = policies.splice(change.index % policies.length, 1)[0]!;
      return { next: { ...cluster, policies }, changes: [{ kind: 'policy', key: `k8s/policy/${prev.name}/namespace/${prev.namespace}`, id: `${prev.namespace}/${prev.name}`, prev }] };
    }
    case 'policyPut': {
      const policies = [...cluster.policies];
      const replace = policies.length > 0 && change.index % 2 === 0 ? change.index % policies.length : undefined;
      const prev = replace === undefined ? undefined : policies[replace];
      // A replaced policy keeps its name and namespace (an update); otherwise a new one is created.
      const value = prev ? { ...change.policy, name: prev.name, namespace: prev.namespace } : { ...change.policy, name: `np${seq}` };
      if (replace === undefined) policies.push(value);
      else policies[replace] = value;
      return {
        next: { ...cluster, policies },
        changes: [{ kind: 'policy', key: `k8s/policy/${value.name}/namespace/${value.namespace}`, id: `${value.namespace}/${value.name}`, prev, value }],
      };
    }
  }
}
