/**
 * @module What `GET /trace` answers: the probe result in the shape `simulate` uses for its
 * results (`from`, `to`, `port`, `protocol`, `allowed`, `failure?`, `backend?`, `backendPort?`,
 * `sourceIP?`, `reason`, `trace`), where each trace step also carries its provenance, plus the
 * policies and Services involved. Types only.
 */
import type { PolicyDirection } from '../policy/checked-policy.ts';
import type { AclRuleExplanation } from '../policy/api.ts';
import type { Protocol } from '../ksr/model.ts';
import type { TraceStep } from '../vpp/sim/tracer/trace.ts';

/** Which walk a step belongs to: the opening packet, or the answer (response, reset, ICMP error). */
export type WalkName = 'forward' | 'reply';

/** The Service (and port) behind a NAT44 mapping or reject tag. */
export interface ServiceRef {
  /** `namespace/name`. */
  readonly service: string;
  readonly port?: number;
  /** The port's name, when it has one. */
  readonly portName?: string;
  /** The NAT44 tag (`svc:ns/name:port`). */
  readonly tag: string;
}

/** One trace step with what produced the table that decided it. */
export interface ExplainedStep extends TraceStep {
  readonly walk: WalkName;
  /** Our name of `interface` (the tag we gave the VPP interface, e.g. `tap-3f2a…`, `tap-vpp2`). */
  readonly interfaceTag?: string;
  /** The local pod behind `interface` (`namespace/name`). */
  readonly pod?: string;
  /** ACL steps of our ACLs: the rendered rule and the policy rules behind it. */
  readonly policyRule?: AclRuleExplanation;
  /** The policy rules behind `policyRule`, as short text (`x/allow ingress[0]`, `ingress isolation by x/deny`). */
  readonly origins?: readonly string[];
  /** NAT44 steps of the service plugin's mappings and rejects. */
  readonly service?: ServiceRef;
  /** A remark for people (e.g. which policies a session rule stands for). */
  readonly note?: string;
}

/** How one walk ended. */
export interface WalkEnd {
  readonly walk: WalkName;
  readonly kind: 'delivered' | 'dropped' | 'refused';
  /** The node where it ended (dropped / refused). */
  readonly node?: string;
  /** The receiver (delivered) or the reason. */
  readonly detail: string;
}

/** A Kubernetes NetworkPolicy taking part in the verdict. */
export interface PolicyInvolvement {
  /** `namespace/name`. */
  readonly policy: string;
  readonly direction?: PolicyDirection;
  /** Index in `spec.ingress` / `spec.egress` of the rule that allowed; absent for isolation. */
  readonly rule?: number;
  /**
   * `allows`: a rule of the policy permits this traffic; `isolates`: the policy isolates the pod
   * in `direction`, so traffic no rule allows is denied; `selects`: the policy selects the pod
   * (session rules, whose rule-level provenance is not kept).
   */
  readonly effect: 'allows' | 'isolates' | 'selects';
  /** The pod whose traffic it filters (`namespace/name`). */
  readonly pod: string;
}

/** The answer of `GET /trace`. */
export interface TraceResult {
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly protocol: Protocol;
  readonly allowed: boolean;
  readonly failure?: 'refused' | 'dropped';
  /** Who answered: `ns/pod`, `node:NAME` (a host network) or `ip:A.B.C.D`. */
  readonly backend?: string;
  /** The port the receiver was reached on (after DNAT). */
  readonly backendPort?: number;
  /** The source address the receiver saw (after SNAT). */
  readonly sourceIP?: string;
  /** One line for people. */
  readonly reason: string;
  /** Steps of the forward walk, then of the reply walk. */
  readonly trace: readonly ExplainedStep[];
  /** The node that traced (this agent). */
  readonly node: string;
  /** The client port used. */
  readonly sourcePort: number;
  /** How each walk ended. */
  readonly ends: readonly WalkEnd[];
  /** Index in `trace` of the step that decided: the one that denied, dropped or refused, else the last permit. */
  readonly decidedBy?: number;
  /** Policies involved, sorted by policy, direction, rule, pod. */
  readonly policies: readonly PolicyInvolvement[];
  /** Services involved, sorted. */
  readonly services: readonly ServiceRef[];
}
