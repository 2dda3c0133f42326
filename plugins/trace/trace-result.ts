/**
 * @module What `GET /trace` answers: the probe result exactly as `simulate` shapes it
 * (`cluster/probe-result.ts`: `from`, `to`, `port`, `protocol`, `allowed`, `failure?`,
 * `backend?`, `backendPort?`, `sourceIP?`, `reason`, `trace`), each trace entry with further
 * provenance (the pod behind the interface, the policy rules behind an ACL rule, the Service
 * behind a NAT44 tag), plus the step that decided and the policies and Services involved.
 * Types only.
 */
import type { ProbeResultView, TraceEntry } from '../../cluster/probe-result.ts';
import type { PolicyDirection } from '../policy/checked-policy.ts';
import type { AclRuleExplanation } from '../policy/api.ts';

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

/** Provenance an agent adds to a trace entry. */
export interface EntryProvenance {
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

/** A trace entry of `simulate`'s shape with the agent's provenance. */
export type ExplainedEntry = TraceEntry & EntryProvenance;

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
export interface TraceResult extends ProbeResultView {
  /** Steps of the opening packet then of the answer, each walk closed by an entry saying how it ended. */
  readonly trace: readonly ExplainedEntry[];
  /** The node that traced (this agent). */
  readonly node: string;
  /** The client port used. */
  readonly sourcePort: number;
  /** Index in `trace` of the step that decided: the last that denied, dropped or refused, else the opening packet's last permit. */
  readonly decidedBy?: number;
  /** Policies involved, sorted by policy, direction, rule, pod. */
  readonly policies: readonly PolicyInvolvement[];
  /** Services involved, sorted. */
  readonly services: readonly ServiceRef[];
}
