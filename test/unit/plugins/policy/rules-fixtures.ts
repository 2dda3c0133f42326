/** @module Builders of pod rule lists for renderer-cache tests (no `.test` suffix: not collected). */
import { parseCidr, parseIp4 } from '../../../../plugins/net/ipv4.ts';
import type { ContivRule } from '../../../../plugins/policy/contiv-rule.ts';
import { contivRule, sortRules } from '../../../../plugins/policy/contiv-rule.ts';
import type { DirectionRules, PodRules } from '../../../../plugins/policy/pod-rules.ts';
import { OPEN_DIRECTION } from '../../../../plugins/policy/pod-rules.ts';
import type { Proto } from '../../../../plugins/policy/protocol.ts';
import { ANY_PROTO, TCP, UDP } from '../../../../plugins/policy/protocol.ts';

/** An allow of the pod's ingress (peer = source). */
export function from(cidr: string, proto: Proto = ANY_PROTO, port?: number): ContivRule {
  return contivRule({ action: 'permit', proto, src: parseCidr(cidr), ...(port === undefined ? {} : { dstPorts: { first: port, last: port } }) });
}

/** An allow of the pod's egress (peer = destination). */
export function to(cidr: string, proto: Proto = ANY_PROTO, port?: number): ContivRule {
  return contivRule({ action: 'permit', proto, dst: parseCidr(cidr), ...(port === undefined ? {} : { dstPorts: { first: port, last: port } }) });
}

/** An isolated direction allowing `allows` (sorted, deny-the-rest appended). */
export function isolated(...allows: ContivRule[]): DirectionRules {
  const rules = [...sortRules(allows), contivRule({ action: 'deny' })];
  return { isolated: true, isolatedBy: ['test/p'], rules, origins: rules.map(() => []) };
}

/** A pod's rules. */
export function podRules(pod: string, ip: string, ingress: DirectionRules = OPEN_DIRECTION, egress: DirectionRules = OPEN_DIRECTION): PodRules {
  return { pod, ip: parseIp4(ip), ingress, egress };
}

export { TCP, UDP };
