/**
 * @module Conformance cases in the shape of the upstream NetworkPolicy e2e suite
 * (kubernetes test/e2e/network/netpol/network_policy.go): per case, steps that create, replace
 * or delete NetworkPolicy manifests (Kubernetes JSON, as `kubectl apply` takes them) or relabel
 * namespaces and pods, then probe ports/protocols. `expect` is the upstream truth table when
 * the case comes from the suite (written here from its documented intent); cases marked
 * `contiv-ts` pin down choices the suite leaves open. `${x/b}` in a CIDR is the IP of pod x/b.
 * Data only: the runner decodes the manifests with the ksr decoder.
 */
import type { Protocol } from '../../plugins/ksr/model.ts';
import type { Expectation } from './netpol-model.ts';

/** A probe: destination port and protocol (`ICMP` ignores the port). */
export interface ConformanceProbe {
  readonly port: number;
  readonly protocol: Protocol | 'ICMP';
}

/** One step of a case. */
export interface ConformanceStep {
  /** NetworkPolicy manifests created or replaced. */
  readonly apply?: readonly unknown[];
  /** Policies deleted (`namespace/name`). */
  readonly delete?: readonly string[];
  /** New labels of namespaces. */
  readonly namespaceLabels?: Readonly<Record<string, Record<string, string>>>;
  /** New labels of pods (`x/a`). */
  readonly podLabels?: Readonly<Record<string, Record<string, string>>>;
  readonly probes: readonly ConformanceProbe[];
  /** Expected reachability of these probes (patterns over "all allowed"), when known. */
  readonly expect?: readonly Expectation[];
}

/** A named case. */
export interface ConformanceCase {
  readonly name: string;
  readonly steps: readonly ConformanceStep[];
}

const NAME = 'kubernetes.io/metadata.name';
const np = (namespace: string, name: string, spec: Record<string, unknown>): unknown => ({
  apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec,
});
const pods = (labels: Record<string, string>) => ({ matchLabels: labels });
const all = {};
const tcp = (port: number): ConformanceProbe => ({ port, protocol: 'TCP' });
const udp = (port: number): ConformanceProbe => ({ port, protocol: 'UDP' });
const sctp = (port: number): ConformanceProbe => ({ port, protocol: 'SCTP' });
const ICMP: ConformanceProbe = { port: 0, protocol: 'ICMP' };
const fromNsY = { namespaceSelector: pods({ [NAME]: 'y' }) };

/** The cases. */
export const CONFORMANCE_CASES: readonly ConformanceCase[] = [
  {
    name: "should support a 'default-deny-ingress' policy",
    steps: [{ apply: [np('x', 'deny-ingress', { podSelector: all, policyTypes: ['Ingress'] })], probes: [tcp(80)], expect: [['*', 'x/*', false]] }],
  },
  {
    name: "should support a 'default-deny-all' policy",
    steps: [{ apply: [np('x', 'deny-all', { podSelector: all, policyTypes: ['Ingress', 'Egress'] })], probes: [tcp(80)], expect: [['*', 'x/*', false], ['x/*', '*', false]] }],
  },
  {
    name: 'should enforce policy to allow traffic from pods within server namespace based on PodSelector',
    steps: [{ apply: [np('x', 'x-a-allows-x-b', { podSelector: pods({ pod: 'a' }), ingress: [{ from: [{ podSelector: pods({ pod: 'b' }) }] }] })], probes: [tcp(80)], expect: [['*', 'x/a', false], ['x/b', 'x/a', true]] }],
  },
  {
    name: 'should enforce policy to allow ingress traffic for a target',
    steps: [{
      apply: [
        np('x', 'deny-all', { podSelector: all, ingress: [] }),
        np('x', 'allow-all-to-a', { podSelector: pods({ pod: 'a' }), ingress: [{ from: [{ podSelector: all, namespaceSelector: all }] }] }),
      ],
      probes: [tcp(80)],
      expect: [['*', 'x/*', false], ['*', 'x/a', true]],
    }],
  },
  {
    name: 'should enforce policy to allow ingress traffic from pods in all namespaces',
    steps: [{ apply: [np('x', 'allow-from-another-ns', { podSelector: pods({ pod: 'a' }), ingress: [{ from: [{ namespaceSelector: { matchLabels: {} } }] }] })], probes: [tcp(80)], expect: [] }],
  },
  {
    name: 'should enforce policy to allow traffic only from a different namespace, based on NamespaceSelector',
    steps: [{ apply: [np('x', 'allow-client-a-via-ns-selector', { podSelector: pods({ pod: 'a' }), ingress: [{ from: [fromNsY] }] })], probes: [tcp(80)], expect: [['x/*', 'x/a', false], ['z/*', 'x/a', false]] }],
  },
  {
    name: 'should enforce policy based on PodSelector with MatchExpressions',
    steps: [{
      apply: [np('x', 'x-a-allows-x-b', { podSelector: pods({ pod: 'a' }), ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: 'pod', operator: 'In', values: ['b'] }] } }] }] })],
      probes: [tcp(80)],
      expect: [['*', 'x/a', false], ['x/b', 'x/a', true]],
    }],
  },
  {
    name: 'should enforce policy based on NamespaceSelector with MatchExpressions',
    steps: [{
      apply: [np('x', 'allow-ns-y-match-selector', { podSelector: pods({ pod: 'a' }), ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: NAME, operator: 'In', values: ['y'] }] } }] }] })],
      probes: [tcp(80)],
      expect: [['x/*', 'x/a', false], ['z/*', 'x/a', false]],
    }],
  },
  {
    name: 'should enforce policy based on PodSelector or NamespaceSelector',
    steps: [{
      apply: [np('x', 'allow-ns-y-match-selector', {
        podSelector: pods({ pod: 'a' }),
        ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: NAME, operator: 'NotIn', values: ['x'] }] } }, { podSelector: pods({ pod: 'b' }) }] }],
      })],
      probes: [tcp(80)],
      expect: [['x/c', 'x/a', false]],
    }],
  },
  {
    name: 'should enforce policy based on PodSelector and NamespaceSelector',
    steps: [{
      apply: [np('x', 'allow-ns-y-podselector-and-nsselector', {
        podSelector: pods({ pod: 'a' }),
        ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: NAME, operator: 'NotIn', values: ['x'] }] }, podSelector: pods({ pod: 'b' }) }] }],
      })],
      probes: [tcp(80)],
      expect: [['*', 'x/a', false], ['y/b', 'x/a', true], ['z/b', 'x/a', true]],
    }],
  },
  {
    name: 'should enforce policy based on Multiple PodSelectors and NamespaceSelectors',
    steps: [{
      apply: [np('x', 'allow-ns-y-z-pod-b-c', {
        podSelector: pods({ pod: 'a' }),
        ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: NAME, operator: 'NotIn', values: ['x'] }] }, podSelector: { matchExpressions: [{ key: 'pod', operator: 'In', values: ['b', 'c'] }] } }] }],
      })],
      probes: [tcp(80)],
      expect: [['x/*', 'x/a', false], ['y/a', 'x/a', false], ['z/a', 'x/a', false]],
    }],
  },
  {
    name: 'should enforce policy based on any PodSelectors',
    steps: [{
      apply: [np('x', 'allow-x-b-or-c', { podSelector: pods({ pod: 'a' }), ingress: [{ from: [{ podSelector: pods({ pod: 'b' }) }, { podSelector: pods({ pod: 'c' }) }] }] })],
      probes: [tcp(80)],
      expect: [['*', 'x/a', false], ['x/b', 'x/a', true], ['x/c', 'x/a', true]],
    }],
  },
  {
    name: 'should enforce policy to allow traffic only from a pod in a different namespace based on PodSelector and NamespaceSelector',
    steps: [{
      apply: [np('x', 'allow-ns-y-pod-a', { podSelector: pods({ pod: 'a' }), ingress: [{ from: [{ ...fromNsY, podSelector: pods({ pod: 'a' }) }] }] })],
      probes: [tcp(80), udp(80)],
      expect: [['*', 'x/a', false], ['y/a', 'x/a', true]],
    }],
  },
  {
    name: 'should enforce policy based on Ports',
    steps: [
      { apply: [np('x', 'allow-ingress-on-port-81', { podSelector: pods({ pod: 'a' }), ingress: [{ from: [fromNsY], ports: [{ port: 81, protocol: 'TCP' }] }] })], probes: [tcp(80)], expect: [['*', 'x/a', false]] },
      { probes: [tcp(81)], expect: [['x/*', 'x/a', false], ['z/*', 'x/a', false]] },
    ],
  },
  {
    name: 'should enforce multiple, stacked policies with overlapping podSelectors',
    steps: [
      { apply: [np('x', 'allow-ingress-on-port-81', { podSelector: pods({ pod: 'a' }), ingress: [{ from: [fromNsY], ports: [{ port: 81, protocol: 'TCP' }] }] })], probes: [tcp(80)], expect: [['*', 'x/a', false]] },
      { apply: [np('x', 'allow-ingress-on-port-80', { podSelector: pods({ pod: 'a' }), ingress: [{ from: [fromNsY], ports: [{ port: 80, protocol: 'TCP' }] }] })], probes: [tcp(80), tcp(81)], expect: [['x/*', 'x/a', false], ['z/*', 'x/a', false]] },
    ],
  },
  {
    name: 'should support allow-all policy',
    steps: [{ apply: [np('x', 'allow-all', { podSelector: all, ingress: [{}] })], probes: [tcp(80), tcp(81), ICMP], expect: [] }],
  },
  {
    name: 'should allow ingress access on one named port',
    steps: [
      { apply: [np('x', 'allow-all-ingress-on-81', { podSelector: all, ingress: [{ ports: [{ port: 'serve-81-tcp' }] }] })], probes: [tcp(81)], expect: [] },
      { probes: [tcp(80), udp(81)], expect: [['*', 'x/*', false]] },
    ],
  },
  {
    name: 'should allow ingress access from namespace on one named port',
    steps: [
      { apply: [np('x', 'allow-ns-y-on-80', { podSelector: all, ingress: [{ from: [fromNsY], ports: [{ port: 'serve-80-tcp' }] }] })], probes: [tcp(80)], expect: [['*', 'x/*', false], ['y/*', 'x/*', true]] },
      { probes: [tcp(81)], expect: [['*', 'x/*', false]] },
    ],
  },
  {
    name: 'should allow egress access on one named port',
    steps: [
      { apply: [np('x', 'allow-egress-on-80', { podSelector: all, policyTypes: ['Egress'], egress: [{ ports: [{ port: 'serve-80-tcp' }] }] })], probes: [tcp(80)], expect: [] },
      { probes: [tcp(81)], expect: [['x/*', '*', false]] },
    ],
  },
  {
    name: 'should enforce updated policy',
    steps: [
      { apply: [np('x', 'allow-all-mutate-to-deny-all', { podSelector: all, ingress: [{}] })], probes: [tcp(81)], expect: [] },
      { apply: [np('x', 'allow-all-mutate-to-deny-all', { podSelector: all, ingress: [] })], probes: [tcp(81)], expect: [['*', 'x/*', false]] },
    ],
  },
  {
    name: 'should allow ingress access from updated namespace',
    steps: [
      { apply: [np('x', 'allow-client-a-via-ns-selector', { podSelector: pods({ pod: 'a' }), ingress: [{ from: [{ namespaceSelector: pods({ ns2: 'updated' }) }] }] })], probes: [tcp(80)], expect: [['*', 'x/a', false]] },
      { namespaceLabels: { y: { ns: 'y', ns2: 'updated' } }, probes: [tcp(80)], expect: [['*', 'x/a', false], ['y/*', 'x/a', true]] },
    ],
  },
  {
    name: 'should allow ingress access from updated pod',
    steps: [
      { apply: [np('x', 'x-a-allows-b-updated', { podSelector: pods({ pod: 'a' }), ingress: [{ from: [{ podSelector: pods({ pod: 'b', updated: 'true' }) }] }] })], probes: [tcp(80)], expect: [['*', 'x/a', false]] },
      { podLabels: { 'x/b': { pod: 'b', updated: 'true' } }, probes: [tcp(80)], expect: [['*', 'x/a', false], ['x/b', 'x/a', true]] },
    ],
  },
  {
    name: 'should deny ingress from pods on other namespaces',
    steps: [{ apply: [np('x', 'deny-empty-policy', { podSelector: all, ingress: [{ from: [{ podSelector: all }] }] })], probes: [tcp(80)], expect: [['y/*', 'x/*', false], ['z/*', 'x/*', false]] }],
  },
  {
    name: 'should deny ingress access to updated pod',
    steps: [
      { apply: [np('x', 'deny-ingress-via-label-selector', { podSelector: pods({ target: 'isolated' }), policyTypes: ['Ingress'] })], probes: [tcp(80)], expect: [] },
      { podLabels: { 'x/a': { pod: 'a', target: 'isolated' } }, probes: [tcp(80)], expect: [['*', 'x/a', false]] },
    ],
  },
  {
    name: 'should deny egress from pods based on PodSelector',
    steps: [{ apply: [np('x', 'deny-egress-pod-a', { podSelector: pods({ pod: 'a' }), policyTypes: ['Egress'] })], probes: [tcp(80)], expect: [['x/a', '*', false]] }],
  },
  {
    name: 'should deny egress from all pods in a namespace',
    steps: [{ apply: [np('x', 'deny-egress-ns-x', { podSelector: all, policyTypes: ['Egress'] })], probes: [tcp(80), ICMP], expect: [['x/*', '*', false]] }],
  },
  {
    name: 'should work with Ingress, Egress specified together',
    steps: [{
      apply: [np('x', 'allow-client-a-via-ns-selector', {
        podSelector: pods({ pod: 'a' }), policyTypes: ['Ingress', 'Egress'],
        ingress: [{ from: [fromNsY] }],
        egress: [{ ports: [{ port: 80, protocol: 'TCP' }] }],
      })],
      probes: [tcp(80), tcp(81)],
    }],
  },
  {
    name: 'should support denying of egress traffic on the client side (even if the server explicitly allows this traffic)',
    steps: [{
      apply: [
        np('x', 'allow-to-ns-y-z-pod-a', { podSelector: pods({ pod: 'a' }), policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: pods({ [NAME]: 'y' }), podSelector: pods({ pod: 'a' }) }] }] }),
        np('y', 'allow-from-xa', { podSelector: all, ingress: [{ from: [{ namespaceSelector: pods({ [NAME]: 'x' }), podSelector: pods({ pod: 'a' }) }] }] }),
        np('z', 'allow-from-xa', { podSelector: all, ingress: [{ from: [{ namespaceSelector: pods({ [NAME]: 'x' }), podSelector: pods({ pod: 'a' }) }] }] }),
      ],
      probes: [tcp(80)],
      expect: [['x/a', '*', false], ['x/a', 'y/a', true], ['*', 'y/*', false], ['*', 'z/*', false], ['x/a', 'y/a', true]],
    }],
  },
  {
    name: 'should enforce egress policy allowing traffic to a server in a different namespace based on PodSelector and NamespaceSelector',
    steps: [{
      apply: [np('x', 'allow-to-ns-y-pod-a', { podSelector: pods({ pod: 'a' }), policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: pods({ [NAME]: 'y' }), podSelector: pods({ pod: 'a' }) }] }] })],
      probes: [tcp(80)],
      expect: [['x/a', '*', false], ['x/a', 'y/a', true]],
    }],
  },
  {
    name: 'should enforce ingress policy allowing any port traffic to a server on a specific protocol',
    steps: [
      { apply: [np('x', 'allow-ingress-by-proto', { podSelector: pods({ pod: 'a' }), ingress: [{ ports: [{ protocol: 'TCP' }] }] })], probes: [tcp(80), tcp(81)], expect: [] },
      { probes: [udp(80), ICMP], expect: [['*', 'x/a', false]] },
    ],
  },
  {
    name: 'should enforce multiple ingress policies with ingress allow-all policy taking precedence',
    steps: [
      { apply: [np('x', 'allow-only-81', { podSelector: pods({ pod: 'a' }), ingress: [{ ports: [{ port: 81, protocol: 'TCP' }] }] })], probes: [tcp(80)], expect: [['*', 'x/a', false]] },
      { apply: [np('x', 'allow-all', { podSelector: pods({ pod: 'a' }), ingress: [{}] })], probes: [tcp(80), tcp(81)], expect: [] },
    ],
  },
  {
    name: 'should enforce multiple egress policies with egress allow-all policy taking precedence',
    steps: [
      { apply: [np('x', 'allow-egress-81', { podSelector: pods({ pod: 'a' }), policyTypes: ['Egress'], egress: [{ ports: [{ port: 81, protocol: 'TCP' }] }] })], probes: [tcp(80)], expect: [['x/a', '*', false]] },
      { apply: [np('x', 'allow-egress-all', { podSelector: pods({ pod: 'a' }), policyTypes: ['Egress'], egress: [{}] })], probes: [tcp(80), tcp(81)], expect: [] },
    ],
  },
  {
    name: 'should stop enforcing policies after they are deleted',
    steps: [
      { apply: [np('x', 'deny-all', { podSelector: all, policyTypes: ['Ingress', 'Egress'] })], probes: [tcp(80)], expect: [['*', 'x/*', false], ['x/*', '*', false]] },
      { delete: ['x/deny-all'], probes: [tcp(80)], expect: [] },
    ],
  },
  {
    name: 'should allow egress access to server in CIDR block',
    steps: [{ apply: [np('x', 'allow-client-a-via-cidr-egress-rule', { podSelector: pods({ pod: 'a' }), policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '${y/b}/32' } }] }] })], probes: [tcp(80)], expect: [['x/a', '*', false], ['x/a', 'y/b', true]] }],
  },
  {
    name: 'should enforce except clause while egress access to server in CIDR block',
    steps: [{ apply: [np('x', 'deny-client-a-via-except-cidr-egress-rule', { podSelector: pods({ pod: 'a' }), policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.1.0.0/16', except: ['${y/b}/32'] } }] }] })], probes: [tcp(80)], expect: [['x/a', 'y/b', false]] }],
  },
  {
    name: 'should ensure an IP overlapping both IPBlock.CIDR and IPBlock.Except is allowed',
    steps: [
      { apply: [np('x', 'except', { podSelector: pods({ pod: 'a' }), policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.1.0.0/16', except: ['${y/b}/32'] } }] }] })], probes: [tcp(80)], expect: [['x/a', 'y/b', false]] },
      { apply: [np('x', 'allow-yb', { podSelector: pods({ pod: 'a' }), policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '${y/b}/32' } }] }] })], probes: [tcp(80)], expect: [] },
    ],
  },
  {
    name: 'should enforce policies to check ingress and egress policies can be controlled independently based on PodSelector',
    steps: [
      { apply: [np('x', 'allow-egress-to-y', { podSelector: pods({ pod: 'a' }), policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: pods({ [NAME]: 'y' }) }] }] })], probes: [tcp(80)], expect: [['x/a', '*', false], ['x/a', 'y/*', true]] },
      { apply: [np('x', 'deny-ingress-a', { podSelector: pods({ pod: 'a' }), policyTypes: ['Ingress'] })], probes: [tcp(80)], expect: [['x/a', '*', false], ['x/a', 'y/*', true], ['*', 'x/a', false]] },
    ],
  },
  {
    name: "should not mistakenly treat 'protocol: SCTP' as 'protocol: TCP'",
    steps: [
      { apply: [np('x', 'allow-only-sctp-80', { podSelector: pods({ pod: 'a' }), ingress: [{ ports: [{ port: 80, protocol: 'SCTP' }] }] })], probes: [tcp(80)], expect: [['*', 'x/a', false]] },
      { probes: [sctp(80)], expect: [] },
      { probes: [sctp(81)], expect: [['*', 'x/a', false]] },
    ],
  },
  {
    name: "should not allow access by TCP when a policy specifies only UDP",
    steps: [
      { apply: [np('x', 'allow-only-udp-81', { podSelector: pods({ pod: 'a' }), ingress: [{ ports: [{ port: 81, protocol: 'UDP' }] }] })], probes: [tcp(81)], expect: [['*', 'x/a', false]] },
      { probes: [udp(81)], expect: [] },
    ],
  },
  {
    name: 'should enforce policy to allow traffic based on NamespaceSelector with MatchLabels using default ns label',
    steps: [{ apply: [np('x', 'allow-from-y-by-name', { podSelector: pods({ pod: 'a' }), ingress: [{ from: [fromNsY] }] })], probes: [tcp(80), udp(81), sctp(80)], expect: [['x/*', 'x/a', false], ['z/*', 'x/a', false]] }],
  },
  {
    name: 'should enforce ingress policy allowing traffic to a server on a range of ports (endPort)',
    steps: [
      { apply: [np('x', 'allow-80-81', { podSelector: pods({ pod: 'a' }), ingress: [{ from: [fromNsY], ports: [{ protocol: 'TCP', port: 80, endPort: 81 }] }] })], probes: [tcp(80), tcp(81)], expect: [['*', 'x/a', false], ['y/*', 'x/a', true]] },
      { apply: [np('x', 'allow-80-81', { podSelector: pods({ pod: 'a' }), ingress: [{ from: [fromNsY], ports: [{ protocol: 'TCP', port: 81, endPort: 90 }] }] })], probes: [tcp(80)], expect: [['*', 'x/a', false]] },
    ],
  },
  {
    name: 'UDP: should support a default-deny-ingress policy and ports',
    steps: [
      { apply: [np('x', 'deny-ingress', { podSelector: all, policyTypes: ['Ingress'] })], probes: [udp(80)], expect: [['*', 'x/*', false]] },
      { apply: [np('x', 'allow-udp-81', { podSelector: pods({ pod: 'a' }), ingress: [{ from: [fromNsY], ports: [{ port: 81, protocol: 'UDP' }] }] })], probes: [udp(81)], expect: [['*', 'x/*', false], ['y/*', 'x/a', true]] },
    ],
  },
  {
    name: 'SCTP: should support a default-deny-ingress policy and ports',
    steps: [
      { apply: [np('x', 'deny-ingress', { podSelector: all, policyTypes: ['Ingress'] })], probes: [sctp(80)], expect: [['*', 'x/*', false]] },
      { apply: [np('x', 'allow-sctp-81', { podSelector: pods({ pod: 'a' }), ingress: [{ from: [fromNsY], ports: [{ port: 81, protocol: 'SCTP' }] }] })], probes: [sctp(81)], expect: [['*', 'x/*', false], ['y/*', 'x/a', true]] },
    ],
  },
  {
    name: 'contiv-ts: a rule without ports allows ICMP, a rule with ports does not',
    steps: [
      { apply: [np('x', 'from-y', { podSelector: pods({ pod: 'a' }), ingress: [{ from: [fromNsY] }] })], probes: [ICMP], expect: [['*', 'x/a', false], ['y/*', 'x/a', true]] },
      { apply: [np('x', 'from-y', { podSelector: pods({ pod: 'a' }), ingress: [{ from: [fromNsY], ports: [{ port: 80 }] }] })], probes: [ICMP], expect: [['*', 'x/a', false]] },
    ],
  },
  {
    name: 'contiv-ts: named egress ports resolve per destination pod, never through an ipBlock',
    steps: [
      { apply: [np('x', 'named-to-block', { podSelector: pods({ pod: 'a' }), policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.1.0.0/16' } }], ports: [{ port: 'serve-80-tcp' }] }] })], probes: [tcp(80)], expect: [['x/a', '*', false]] },
      { apply: [np('x', 'named-to-block', { podSelector: pods({ pod: 'a' }), policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: all }], ports: [{ port: 'serve-80-tcp' }] }] })], probes: [tcp(80)], expect: [] },
    ],
  },
  {
    name: 'contiv-ts: pods moving labels in and out of a namespace-wide selection',
    steps: [
      { apply: [np('y', 'only-from-team-a', { podSelector: all, ingress: [{ from: [{ namespaceSelector: pods({ team: 'a' }), podSelector: { matchExpressions: [{ key: 'pod', operator: 'NotIn', values: ['c'] }] } }] }] })], probes: [tcp(80)], expect: [['*', 'y/*', false]] },
      { namespaceLabels: { z: { ns: 'z', team: 'a' } }, probes: [tcp(80)], expect: [['*', 'y/*', false], ['z/a', 'y/*', true], ['z/b', 'y/*', true]] },
      { podLabels: { 'z/a': { pod: 'c' } }, probes: [tcp(80)], expect: [['*', 'y/*', false], ['z/b', 'y/*', true]] },
    ],
  },
];
