/**
 * @module fast-check arbitraries of small clusters for the randomized differential test:
 * namespaces and pods with labels from a small vocabulary (so selectors hit), pods spread
 * over two nodes, named container ports that differ between pods, and policies using every
 * selector operator, both peer kinds and their combination, ipBlocks with excepts
 * (non-canonical CIDRs included), numeric, named and ranged ports of every protocol.
 */
import fc from 'fast-check';
import type { ContainerPort, IpBlock, Labels, LabelSelector, LabelSelectorRequirement, Namespace, NetworkPolicy, Pod, PolicyPeer, PolicyPort, PolicyRule } from '../../plugins/ksr/model.ts';
import type { ClusterSpec } from '../oracle/rendered-cluster.ts';

/** The two nodes of generated clusters. */
export const NODES = [
  { name: 'node-1', addresses: ['192.168.16.1'] },
  { name: 'node-2', addresses: ['192.168.16.2'] },
] as const;

/** Addresses outside the cluster used as probe endpoints. */
export const EXTERNAL_IPS = ['8.8.8.8', '172.16.5.1', '10.2.0.9'] as const;

const LABEL_KEYS = ['app', 'tier', 'team/x'] as const;
const LABEL_VALUES = ['a', 'b', 'c'] as const;
const NS_NAMES = ['x', 'y', 'z'] as const;

const labelsArb: fc.Arbitrary<Labels> = fc
  .subarray([...LABEL_KEYS])
  .chain((keys) => fc.tuple(...keys.map(() => fc.constantFrom(...LABEL_VALUES))).map((vals) => Object.fromEntries(keys.map((k, i) => [k, vals[i]!]))));

const requirementArb: fc.Arbitrary<LabelSelectorRequirement> = fc.oneof(
  fc.record({
    key: fc.constantFrom(...LABEL_KEYS, 'kubernetes.io/metadata.name'),
    operator: fc.constantFrom('In' as const, 'NotIn' as const),
    values: fc.subarray([...LABEL_VALUES, ...NS_NAMES], { minLength: 1, maxLength: 2 }),
  }),
  fc.record({
    key: fc.constantFrom(...LABEL_KEYS),
    operator: fc.constantFrom('Exists' as const, 'DoesNotExist' as const),
    values: fc.constant([] as string[]),
  }),
);

const selectorArb: fc.Arbitrary<LabelSelector> = fc.record({
  matchLabels: fc.oneof({ weight: 2, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: labelsArb }),
  matchExpressions: fc.array(requirementArb, { maxLength: 2 }),
});

const BLOCKS: readonly IpBlock[] = [
  { cidr: '10.1.0.0/16', except: [] },
  { cidr: '10.1.0.0/16', except: ['10.1.1.0/24'] },
  { cidr: '10.1.1.7/24', except: ['10.1.1.4/30'] },
  { cidr: '10.1.2.3/32', except: [] },
  { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] },
  { cidr: '8.8.0.0/16', except: [] },
  { cidr: '192.168.16.0/24', except: ['192.168.16.2/32'] },
];

const peerArb: fc.Arbitrary<PolicyPeer> = fc.oneof(
  fc.record({ podSelector: selectorArb }),
  fc.record({ namespaceSelector: selectorArb }),
  fc.record({ podSelector: selectorArb, namespaceSelector: selectorArb }),
  fc.record({ ipBlock: fc.constantFrom(...BLOCKS) }),
);

const portArb: fc.Arbitrary<PolicyPort> = fc.oneof(
  fc.record({ protocol: fc.constantFrom('TCP' as const, 'UDP' as const, 'SCTP' as const), port: fc.constantFrom(53, 80, 81, 8080, 9000) }),
  fc.record({ protocol: fc.constantFrom('TCP' as const, 'UDP' as const), port: fc.constantFrom('http', 'dns', 'nope') }),
  fc.record({ protocol: fc.constantFrom('TCP' as const, 'UDP' as const, 'SCTP' as const) }),
  fc.record({ protocol: fc.constantFrom('TCP' as const, 'UDP' as const), port: fc.constant(80), endPort: fc.constantFrom(81, 90) }),
);

const ruleArb: fc.Arbitrary<PolicyRule> = fc.record({
  peers: fc.array(peerArb, { maxLength: 2 }),
  ports: fc.array(portArb, { maxLength: 2 }),
});

const CONTAINER_PORTS: readonly ContainerPort[] = [
  { name: 'http', containerPort: 80, protocol: 'TCP' },
  { name: 'http', containerPort: 8080, protocol: 'TCP' },
  { name: 'dns', containerPort: 53, protocol: 'UDP' },
  { containerPort: 81, protocol: 'TCP' },
  { name: 'sctp', containerPort: 9000, protocol: 'SCTP' },
];

const podArb = fc.record({
  ns: fc.constantFrom(...NS_NAMES),
  labels: labelsArb,
  node: fc.constantFrom(0, 1),
  // At most one port per name: Kubernetes requires unique port names within a pod.
  ports: fc.constantFrom<readonly ContainerPort[]>([], [CONTAINER_PORTS[0]!, CONTAINER_PORTS[2]!], [CONTAINER_PORTS[1]!], [CONTAINER_PORTS[1]!, CONTAINER_PORTS[3]!, CONTAINER_PORTS[4]!]),
});

const policyArb = fc.record({
  ns: fc.constantFrom(...NS_NAMES),
  podSelector: selectorArb,
  types: fc.constantFrom<readonly ('Ingress' | 'Egress')[]>(['Ingress'], ['Egress'], ['Ingress', 'Egress']),
  ingress: fc.array(ruleArb, { maxLength: 2 }),
  egress: fc.array(ruleArb, { maxLength: 2 }),
});

/** A generated cluster. */
export const clusterArb: fc.Arbitrary<ClusterSpec> = fc
  .record({
    nsLabels: fc.tuple(labelsArb, labelsArb, labelsArb),
    pods: fc.array(podArb, { minLength: 1, maxLength: 6 }),
    policies: fc.array(policyArb, { maxLength: 4 }),
  })
  .map(({ nsLabels, pods, policies }) => {
    const namespaces: Namespace[] = NS_NAMES.map((name, i) => ({ name, labels: nsLabels[i]! }));
    const podObjs: Pod[] = pods.map((p, i) => ({
      namespace: p.ns,
      name: `p${i}`,
      labels: p.labels,
      nodeName: NODES[p.node]!.name,
      ip: `10.1.${p.node + 1}.${i + 2}`,
      hostNetwork: false,
      phase: 'Running',
      ready: true,
      terminating: false,
      containerPorts: p.ports,
    }));
    const policyObjs: NetworkPolicy[] = policies.map((p, i) => ({
      namespace: p.ns,
      name: `pol${i}`,
      podSelector: p.podSelector,
      policyTypes: p.types,
      ingress: p.ingress,
      egress: p.egress,
    }));
    return { namespaces, pods: podObjs, policies: policyObjs, nodes: NODES.map((n) => ({ name: n.name, addresses: [...n.addresses] })) };
  });

/** One change of a generated cluster. */
export type ClusterChange =
  | { readonly kind: 'podLabels'; readonly index: number; readonly labels: Labels }
  | { readonly kind: 'podMove'; readonly index: number; readonly node: number }
  | { readonly kind: 'podDelete'; readonly index: number }
  | { readonly kind: 'podAdd'; readonly ns: string; readonly labels: Labels; readonly node: number; readonly withIp: boolean }
  | { readonly kind: 'podGetsIp'; readonly index: number }
  | { readonly kind: 'nsLabels'; readonly index: number; readonly labels: Labels }
  | { readonly kind: 'policyDelete'; readonly index: number }
  | { readonly kind: 'policyPut'; readonly index: number; readonly policy: NetworkPolicy };

const policyObjArb: fc.Arbitrary<Omit<NetworkPolicy, 'name'>> = policyArb.map((p) => ({
  namespace: p.ns,
  podSelector: p.podSelector,
  policyTypes: p.types,
  ingress: p.ingress,
  egress: p.egress,
}));

/** A random change (indexes are taken modulo the current list lengths). */
export const changeArb: fc.Arbitrary<ClusterChange> = fc.oneof(
  fc.record({ kind: fc.constant('podLabels' as const), index: fc.nat(9), labels: labelsArb }),
  fc.record({ kind: fc.constant('podMove' as const), index: fc.nat(9), node: fc.constantFrom(0, 1) }),
  fc.record({ kind: fc.constant('podDelete' as const), index: fc.nat(9) }),
  fc.record({ kind: fc.constant('podAdd' as const), ns: fc.constantFrom(...NS_NAMES), labels: labelsArb, node: fc.constantFrom(0, 1), withIp: fc.boolean() }),
  fc.record({ kind: fc.constant('podGetsIp' as const), index: fc.nat(9) }),
  fc.record({ kind: fc.constant('nsLabels' as const), index: fc.nat(2), labels: labelsArb }),
  fc.record({ kind: fc.constant('policyDelete' as const), index: fc.nat(5) }),
  fc.record({ kind: fc.constant('policyPut' as const), index: fc.nat(5), policy: policyObjArb.map((p) => ({ ...p, name: '' })) }),
);
