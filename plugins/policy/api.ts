/**
 * @module The policy plugin's public face (`POLICY_API`): the rendered tables and the
 * provenance of every rendered rule (which policy rule produced it), for REST and for
 * explaining packet traces.
 */
import type { InjectionToken } from 'tsyringe';
import type { Orientation } from './orientation.ts';
import type { RendererName } from './policy-renderer.ts';
import type { RuleOrigin } from './rule-origin.ts';

/** A local table as served by `GET /policy/tables`. */
export interface PolicyTableView {
  readonly id: string;
  /** ACL name (ACL renderer only). */
  readonly acl?: string;
  readonly pods: readonly string[];
  /** Rules as text (`permit TCP 10.1.1.2/32:* -> any:80`), in evaluation order. */
  readonly rules: readonly string[];
}

/** The tables of one renderer. */
export interface RendererView {
  readonly renderer: RendererName;
  readonly orientation: Orientation;
  readonly localTables: readonly PolicyTableView[];
  readonly global: readonly string[];
  /** Pods with a local table. */
  readonly isolatedPods: readonly string[];
}

/** One local pod's policies and rules (pod view). */
export interface PodPolicyView {
  readonly pod: string;
  readonly policies: readonly string[];
  readonly ingress: { readonly isolated: boolean; readonly rules: readonly string[] };
  readonly egress: { readonly isolated: boolean; readonly rules: readonly string[] };
}

/** Everything the policy plugin rendered. */
export interface PolicyTablesView {
  readonly renderers: readonly RendererView[];
  readonly pods: readonly PodPolicyView[];
  /** Problems of policies (one per bad field), as JSON. */
  readonly issues: readonly Record<string, unknown>[];
}

/** Why a rule applies to one pod. */
export interface RuleSource {
  /** The pod whose traffic the rule filters. */
  readonly pod: string;
  /** Policy rules (or node exception / isolation) of `pod` behind the rule. */
  readonly origins: readonly RuleOrigin[];
  /** A combined rule: the other local pod whose opposite direction also restricts this traffic. */
  readonly peer?: { readonly pod: string; readonly origins: readonly RuleOrigin[] };
  /** Plain-language note (defaults, reflection). */
  readonly note?: string;
}

/** Provenance of one rule of one rendered ACL. */
export interface AclRuleExplanation {
  readonly acl: string;
  readonly ruleIndex: number;
  readonly rule: string;
  readonly table: 'local' | 'global' | 'reflection';
  readonly tableId?: string;
  readonly sources: readonly RuleSource[];
}

/** What the policy plugin offers. */
export interface PolicyApi {
  /** The rendered tables of every renderer, local pods' rules and policy problems. */
  tables(): PolicyTablesView;
  /** Which policies and rules produced rule `ruleIndex` (0-based) of ACL `aclName`; undefined if not ours. */
  explainAclRule(aclName: string, ruleIndex: number): AclRuleExplanation | undefined;
  /** Keys (`namespace/name`) of the policies selecting a local pod. */
  policiesOf(pod: string): readonly string[];
  /** Problems of policies, as JSON. */
  issues(): readonly Record<string, unknown>[];
}

/** Token of the policy plugin's API. */
export const POLICY_API: InjectionToken<PolicyApi> = Symbol('policy.PolicyApi');
