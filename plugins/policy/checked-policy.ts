/**
 * @module A NetworkPolicy validated once and turned into the form the processor works on:
 * CIDRs parsed (host bits masked, excepts subtracted), ports as ranges or names, every
 * problem reported as a BadInputError naming the policy and the field. A bad peer selects
 * nothing and a bad port matches nothing, so an error never widens what a policy allows.
 */
import { BadInputError } from '../../core/errors.ts';
import type { LabelSelector, NetworkPolicy, PolicyPeer, PolicyPort, PolicyRule } from '../ksr/model.ts';
import type { Cidr } from '../net/ipv4.ts';
import { cidrCovers, IpParseError, parseCidr } from '../net/ipv4.ts';
import { subtractCidrs } from './ip-block.ts';
import { selectorProblems } from './label-selector.ts';
import { objectKey } from './policy-cache.ts';
import type { PortRange } from './port-range.ts';
import { ANY_PORTS } from './port-range.ts';
import type { ConcreteProto } from './protocol.ts';
import { protoOf } from './protocol.ts';

/** Pod-view direction of a policy rule. */
export type PolicyDirection = 'ingress' | 'egress';

/** Which rule of which policy. */
export interface PolicyRuleRef {
  /** `namespace/name` of the policy. */
  readonly policy: string;
  readonly direction: PolicyDirection;
  /** Index in `spec.ingress` / `spec.egress`. */
  readonly rule: number;
}

/** A peer after validation. */
export type CheckedPeer =
  | { readonly kind: 'pods'; readonly podSelector?: LabelSelector; readonly namespaceSelector?: LabelSelector }
  | { readonly kind: 'block'; readonly cidrs: readonly Cidr[] }
  | { readonly kind: 'invalid' };

/** A policy port after validation: a numeric range, every port of a protocol, or a named port. */
export interface CheckedPort {
  readonly proto: ConcreteProto;
  /** Numeric ports (ANY_PORTS when the port is omitted); undefined for a named port. */
  readonly range?: PortRange;
  /** Container port name (resolved per destination pod). */
  readonly name?: string;
}

/** A rule after validation. */
export interface CheckedRule {
  readonly ref: PolicyRuleRef;
  /** No peers listed: every peer. */
  readonly anyPeer: boolean;
  readonly peers: readonly CheckedPeer[];
  /** No ports listed: every protocol and port (ICMP included). */
  readonly allTraffic: boolean;
  /** Valid ports; empty with `allTraffic` false means the rule matches nothing. */
  readonly ports: readonly CheckedPort[];
  /** Names of the named ports among `ports`. */
  readonly namedPorts: readonly string[];
}

/** A validated policy. `ingress`/`egress` are undefined when `policyTypes` lacks the direction. */
export interface CheckedPolicy {
  readonly key: string;
  readonly namespace: string;
  readonly podSelector: LabelSelector;
  readonly ingress?: readonly CheckedRule[];
  readonly egress?: readonly CheckedRule[];
  /** Problems found, one error per offending field. */
  readonly issues: readonly BadInputError[];
}

const SVC_NAME = /^(?=.*[a-z])[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/;

/** Validates and normalizes a policy. Never throws: problems go to `issues`. */
export function checkPolicy(policy: NetworkPolicy): CheckedPolicy {
  const key = objectKey(policy);
  const source = `policy ${key}`;
  const issues: BadInputError[] = [];
  const bad = (field: string, detail: string, cause?: unknown): void => {
    issues.push(new BadInputError(source, field, detail, cause === undefined ? undefined : { cause }));
  };
  for (const p of selectorProblems(policy.podSelector)) bad(`spec.podSelector.${p.field}`, p.detail);

  const checkRules = (direction: PolicyDirection, rules: readonly PolicyRule[]): CheckedRule[] =>
    rules.map((rule, i) => {
      const path = `spec.${direction}[${i}]`;
      const peerList = direction === 'ingress' ? 'from' : 'to';
      const peers = rule.peers.map((peer, j) => checkPeer(peer, `${path}.${peerList}[${j}]`, bad));
      const ports = rule.ports.flatMap((port, j) => checkPort(port, `${path}.ports[${j}]`, bad));
      return {
        ref: { policy: key, direction, rule: i },
        anyPeer: rule.peers.length === 0,
        peers,
        allTraffic: rule.ports.length === 0,
        ports,
        namedPorts: ports.flatMap((p) => (p.name === undefined ? [] : [p.name])),
      };
    });

  const ingress = policy.policyTypes.includes('Ingress') ? checkRules('ingress', policy.ingress) : undefined;
  const egress = policy.policyTypes.includes('Egress') ? checkRules('egress', policy.egress) : undefined;
  return { key, namespace: policy.namespace, podSelector: policy.podSelector, ingress, egress, issues };
}

type Report = (field: string, detail: string, cause?: unknown) => void;

function checkPeer(peer: PolicyPeer, path: string, bad: Report): CheckedPeer {
  if (peer.ipBlock) {
    if (peer.podSelector || peer.namespaceSelector) {
      bad(path, 'ipBlock cannot be combined with podSelector or namespaceSelector');
      return { kind: 'invalid' };
    }
    let base: Cidr;
    try {
      base = parseCidr(peer.ipBlock.cidr);
    } catch (err: unknown) {
      bad(`${path}.ipBlock.cidr`, err instanceof IpParseError ? err.message : 'not an IPv4 CIDR', err);
      return { kind: 'invalid' };
    }
    const excepts: Cidr[] = [];
    for (const [k, text] of peer.ipBlock.except.entries()) {
      let e: Cidr;
      try {
        e = parseCidr(text);
      } catch (err: unknown) {
        bad(`${path}.ipBlock.except[${k}]`, err instanceof IpParseError ? err.message : 'not an IPv4 CIDR', err);
        return { kind: 'invalid' };
      }
      if (!cidrCovers(base, e) || e.len === base.len) {
        bad(`${path}.ipBlock.except[${k}]`, `"${text}" must be strictly inside cidr "${peer.ipBlock.cidr}"`);
        return { kind: 'invalid' };
      }
      excepts.push(e);
    }
    return { kind: 'block', cidrs: subtractCidrs(base, excepts) };
  }
  if (!peer.podSelector && !peer.namespaceSelector) {
    bad(path, 'a peer needs podSelector, namespaceSelector or ipBlock');
    return { kind: 'invalid' };
  }
  let ok = true;
  for (const [name, sel] of [['podSelector', peer.podSelector], ['namespaceSelector', peer.namespaceSelector]] as const) {
    if (!sel) continue;
    for (const p of selectorProblems(sel)) {
      bad(`${path}.${name}.${p.field}`, p.detail);
      ok = false;
    }
  }
  if (!ok) return { kind: 'invalid' };
  return { kind: 'pods', podSelector: peer.podSelector, namespaceSelector: peer.namespaceSelector };
}

function checkPort(port: PolicyPort, path: string, bad: Report): CheckedPort[] {
  const proto = protoOf(port.protocol);
  if (port.port === undefined) {
    if (port.endPort !== undefined) {
      bad(`${path}.endPort`, 'endPort needs a numeric port');
      return [];
    }
    return [{ proto, range: ANY_PORTS }];
  }
  if (typeof port.port === 'string') {
    if (port.endPort !== undefined) {
      bad(`${path}.endPort`, 'endPort cannot be used with a named port');
      return [];
    }
    if (!SVC_NAME.test(port.port)) {
      bad(`${path}.port`, `"${port.port}" is not a valid port name (1-15 lowercase letters, digits, '-')`);
      return [];
    }
    return [{ proto, name: port.port }];
  }
  const first = port.port;
  if (!Number.isInteger(first) || first < 1 || first > 65535) {
    bad(`${path}.port`, `${first} is not a port number (1-65535)`);
    return [];
  }
  const last = port.endPort ?? first;
  if (!Number.isInteger(last) || last < first || last > 65535) {
    bad(`${path}.endPort`, `${last} must be a port number between port (${first}) and 65535`);
    return [];
  }
  return [{ proto, range: { first, last } }];
}
