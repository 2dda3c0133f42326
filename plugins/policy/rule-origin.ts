/** @module Provenance: where a rendered rule comes from (a policy rule, the node exception, isolation). */
import type { PolicyDirection, PolicyRuleRef } from './checked-policy.ts';

/** The origin of one rule of a pod's rule list. */
export type RuleOrigin =
  /** An allow of ingress/egress rule #rule of a policy. */
  | { readonly kind: 'policy'; readonly ref: PolicyRuleRef }
  /** Traffic between a pod and its own node is always allowed (Kubernetes). */
  | { readonly kind: 'node'; readonly address: string }
  /** The deny-the-rest of a pod isolated in `direction` by `policies`. */
  | { readonly kind: 'isolation'; readonly direction: PolicyDirection; readonly policies: readonly string[] };

/** Short text of an origin: `ns/name ingress[0]`, `node 192.168.16.1`, `ingress isolation by ns/a,ns/b`. */
export function formatOrigin(o: RuleOrigin): string {
  switch (o.kind) {
    case 'policy':
      return `${o.ref.policy} ${o.ref.direction}[${o.ref.rule}]`;
    case 'node':
      return `node ${o.address}`;
    case 'isolation':
      return `${o.direction} isolation by ${o.policies.join(',')}`;
  }
}
