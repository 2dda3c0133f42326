import { describe, expect, it } from 'vitest';
import type { NetworkPolicy, Pod } from '../../../../plugins/ksr/model.ts';
import { parseIp4 } from '../../../../plugins/net/ipv4.ts';
import { checkPolicy } from '../../../../plugins/policy/checked-policy.ts';
import { firstMatch, formatRule } from '../../../../plugins/policy/contiv-rule.ts';
import type { DirectionRules } from '../../../../plugins/policy/pod-rules.ts';
import { buildPodRules, podRulesEqual } from '../../../../plugins/policy/pod-rules.ts';
import { objectKey, PolicyCache } from '../../../../plugins/policy/policy-cache.ts';
import { resolvePolicy } from '../../../../plugins/policy/policy-resolver.ts';
import { block, cport, pod, policy, port, rule, sel } from './policy-fixtures.ts';

const PROTO = { TCP: 6, UDP: 17, SCTP: 132, ICMP: 1 } as const;

/** Spec §7.1 pods (re-used by the configurator scenarios of §7.6). */
function setup(extra: Pod[] = []) {
  const cache = new PolicyCache();
  const pods = [
    pod('default', 'pod1', '10.10.1.1', { app: 'p1' }, { ports: [cport(8080, 'http')] }),
    pod('default', 'pod2', '10.10.1.2', { app: 'p2' }, { ports: [cport(9090, 'http'), cport(53, 'dns', 'UDP')] }),
    pod('default', 'pod3', '10.10.2.1', { app: 'p3' }),
    pod('default', 'noip', undefined, { app: 'noip' }),
    ...extra,
  ];
  for (const p of pods) cache.putPod(p);
  const rulesOf = (podName: string, ...policies: NetworkPolicy[]) => {
    const p = cache.pod(`default/${podName}`)!;
    return buildPodRules({ key: objectKey(p), ip: parseIp4(p.ip!), ports: p.containerPorts }, policies.map((x) => resolvePolicy(checkPolicy(x), cache)), []);
  };
  return { cache, rulesOf };
}

/** Verdict of one direction's list for a peer address (ingress: peer = src; egress: peer = dst). */
function verdict(dir: DirectionRules, which: 'ingress' | 'egress', peer: string, proto: keyof typeof PROTO, dport = 0): 'permit' | 'deny' | 'unmatched' {
  const ip = parseIp4(peer);
  const pkt = which === 'ingress' ? { proto: PROTO[proto], src: ip, dst: 0, srcPort: 40000, dstPort: dport } : { proto: PROTO[proto], src: 0, dst: ip, srcPort: 40000, dstPort: dport };
  return firstMatch(dir.rules, pkt) ?? 'unmatched';
}

const toPod = (app: string) => ({ podSelector: sel({ app }) });

describe('buildPodRules (spec §7.6 scenarios, upstream semantics)', () => {
  it('buildPodRules() for ingress from one pod on TCP 80/443 allows only that, and leaves egress open', () => {
    const { rulesOf } = setup();
    const r = rulesOf('pod1', policy('default', 'p', { podSelector: sel({ app: 'p1' }), ingress: [rule([toPod('p2')], [port('TCP', 80), port('TCP', 443)])] }));
    expect(verdict(r.ingress, 'ingress', '10.10.1.2', 'TCP', 80)).toBe('permit');
    expect(verdict(r.ingress, 'ingress', '10.10.1.2', 'TCP', 443)).toBe('permit');
    expect(verdict(r.ingress, 'ingress', '10.10.1.2', 'TCP', 100)).toBe('deny');
    expect(verdict(r.ingress, 'ingress', '10.10.1.2', 'UDP', 80)).toBe('deny');
    expect(verdict(r.ingress, 'ingress', '10.10.2.1', 'TCP', 80)).toBe('deny');
    expect(r.egress.rules).toEqual([]);
    expect(r.ingress.rules.map(formatRule)).toEqual(['permit TCP 10.10.1.2/32:* -> any:80', 'permit TCP 10.10.1.2/32:* -> any:443', 'deny ANY any -> any']);
  });

  it('buildPodRules() subtracts ipBlock excepts', () => {
    const { rulesOf } = setup();
    const r = rulesOf('pod1', policy('default', 'p', { ingress: [rule([block('192.168.2.0/24', '192.168.2.4/30')], [port('TCP', 80)])] }));
    expect(verdict(r.ingress, 'ingress', '192.168.2.20', 'TCP', 80)).toBe('permit');
    expect(verdict(r.ingress, 'ingress', '192.168.2.5', 'TCP', 80)).toBe('deny');
  });

  it('buildPodRules() gives pods selected by the same policy identical rules', () => {
    const { rulesOf } = setup();
    const p = policy('default', 'p', { ingress: [rule([block('10.0.0.0/8', '10.1.0.0/16', '10.2.0.0/16', '10.3.0.0/16'), toPod('p3')], [port('TCP', 8000), port('UDP', 8000)])] });
    expect(podRulesEqual({ ...rulesOf('pod1', p), ip: 0 }, { ...rulesOf('pod2', p), ip: 0 })).toBe(true);
  });

  it('buildPodRules() unions nested ipBlocks of several rules', () => {
    const { rulesOf } = setup();
    const r = rulesOf('pod1', policy('default', 'p', {
      ingress: [rule([block('10.10.0.0/16', '10.10.10.0/24')], [port('TCP')]), rule([block('10.0.0.0/8')], [port('TCP', 80)])],
    }));
    expect(verdict(r.ingress, 'ingress', '10.0.0.1', 'TCP', 80)).toBe('permit');
    expect(verdict(r.ingress, 'ingress', '10.0.0.1', 'TCP', 81)).toBe('deny');
    expect(verdict(r.ingress, 'ingress', '10.10.0.1', 'TCP', 81)).toBe('permit');
    expect(verdict(r.ingress, 'ingress', '10.10.10.1', 'TCP', 81)).toBe('deny');
    expect(verdict(r.ingress, 'ingress', '10.10.10.1', 'TCP', 80)).toBe('permit');
  });

  it('buildPodRules() builds egress rules with the peer as destination', () => {
    const { rulesOf } = setup();
    const r = rulesOf('pod1', policy('default', 'p', { policyTypes: ['Egress'], egress: [rule([toPod('p2'), block('192.168.0.0/16', '192.168.1.0/24')], [port('TCP', 80)])] }));
    expect(r.ingress.rules).toEqual([]);
    expect(verdict(r.egress, 'egress', '10.10.1.2', 'TCP', 80)).toBe('permit');
    expect(verdict(r.egress, 'egress', '192.168.7.7', 'TCP', 80)).toBe('permit');
    expect(verdict(r.egress, 'egress', '192.168.1.7', 'TCP', 80)).toBe('deny');
    expect(verdict(r.egress, 'egress', '10.10.1.2', 'TCP', 81)).toBe('deny');
  });

  it('buildPodRules() merges several policies: union of allows and one trailing deny per direction', () => {
    const { rulesOf } = setup();
    const r = rulesOf('pod1',
      policy('default', 'a', { ingress: [rule([toPod('p2')], [port('TCP', 80)])] }),
      policy('default', 'b', { ingress: [rule([toPod('p3')], [port('UDP', 53)])] }),
      policy('default', 'c', { policyTypes: ['Egress'], egress: [rule([toPod('p3')], [port('TCP', 22)])] }));
    expect(r.ingress.isolatedBy).toEqual(['default/a', 'default/b']);
    expect(r.egress.isolatedBy).toEqual(['default/c']);
    expect(r.ingress.rules.filter((x) => x.action === 'deny')).toHaveLength(1);
    expect(verdict(r.ingress, 'ingress', '10.10.1.2', 'TCP', 80)).toBe('permit');
    expect(verdict(r.ingress, 'ingress', '10.10.2.1', 'UDP', 53)).toBe('permit');
    expect(verdict(r.ingress, 'ingress', '10.10.2.1', 'TCP', 80)).toBe('deny');
    expect(verdict(r.egress, 'egress', '10.10.2.1', 'TCP', 22)).toBe('permit');
  });

  it('buildPodRules() special cases: ports only, empty rule, no ports = every protocol, a peer pod without IP', () => {
    const { rulesOf } = setup();
    const portsOnly = rulesOf('pod1', policy('default', 'p', { ingress: [rule([], [port('TCP', 8000), port('UDP', 8000)])] }));
    expect(verdict(portsOnly.ingress, 'ingress', '1.2.3.4', 'UDP', 8000)).toBe('permit');
    expect(verdict(portsOnly.ingress, 'ingress', '1.2.3.4', 'ICMP')).toBe('deny');
    const allowAll = rulesOf('pod1', policy('default', 'p', { ingress: [rule()] }));
    expect(allowAll.ingress).toMatchObject({ isolated: false, isolatedBy: ['default/p'], rules: [] });
    const anyProto = rulesOf('pod1', policy('default', 'p', { policyTypes: ['Egress'], egress: [rule([toPod('p2'), block('8.8.8.8/32')])] }));
    expect(verdict(anyProto.egress, 'egress', '8.8.8.8', 'ICMP')).toBe('permit');
    expect(verdict(anyProto.egress, 'egress', '10.10.1.2', 'SCTP', 9)).toBe('permit');
    const noIp = rulesOf('pod1', policy('default', 'p', { ingress: [rule([toPod('noip')])] }));
    expect(noIp.ingress.rules.map(formatRule)).toEqual(['deny ANY any -> any']);
  });

  it('buildPodRules() resolves ingress named ports against the selected pod itself', () => {
    const { rulesOf } = setup();
    const p = policy('default', 'p', { podSelector: sel(), ingress: [rule([], [port('TCP', 'http')])] });
    expect(verdict(rulesOf('pod1', p).ingress, 'ingress', '1.1.1.1', 'TCP', 8080)).toBe('permit');
    expect(verdict(rulesOf('pod1', p).ingress, 'ingress', '1.1.1.1', 'TCP', 9090)).toBe('deny');
    expect(verdict(rulesOf('pod2', p).ingress, 'ingress', '1.1.1.1', 'TCP', 9090)).toBe('permit');
    expect(verdict(rulesOf('pod3', p).ingress, 'ingress', '1.1.1.1', 'TCP', 8080)).toBe('deny');
  });

  it('buildPodRules() resolves egress named ports per destination pod, never for ipBlocks', () => {
    const { rulesOf } = setup();
    const r = rulesOf('pod3', policy('default', 'p', { policyTypes: ['Egress'], egress: [rule([toPod('p1'), toPod('p2'), block('10.10.0.0/16')], [port('TCP', 'http')])] }));
    expect(verdict(r.egress, 'egress', '10.10.1.1', 'TCP', 8080)).toBe('permit');
    expect(verdict(r.egress, 'egress', '10.10.1.1', 'TCP', 9090)).toBe('deny');
    expect(verdict(r.egress, 'egress', '10.10.1.2', 'TCP', 9090)).toBe('permit');
    expect(verdict(r.egress, 'egress', '10.10.9.9', 'TCP', 8080)).toBe('deny');
    const anyPeer = rulesOf('pod3', policy('default', 'q', { policyTypes: ['Egress'], egress: [rule([], [port('UDP', 'dns')])] }));
    expect(verdict(anyPeer.egress, 'egress', '10.10.1.2', 'UDP', 53)).toBe('permit');
    expect(verdict(anyPeer.egress, 'egress', '8.8.8.8', 'UDP', 53)).toBe('deny');
  });

  it('buildPodRules() handles endPort ranges and SCTP', () => {
    const { rulesOf } = setup();
    const r = rulesOf('pod1', policy('default', 'p', { ingress: [rule([], [port('SCTP', 9000, 9010), port('TCP', 32000, 32768)])] }));
    expect(verdict(r.ingress, 'ingress', '1.1.1.1', 'SCTP', 9005)).toBe('permit');
    expect(verdict(r.ingress, 'ingress', '1.1.1.1', 'SCTP', 9011)).toBe('deny');
    expect(verdict(r.ingress, 'ingress', '1.1.1.1', 'TCP', 32768)).toBe('permit');
    expect(verdict(r.ingress, 'ingress', '1.1.1.1', 'TCP', 9005)).toBe('deny');
  });

  it('buildPodRules() always allows the node addresses of an isolated pod, both ways', () => {
    const { cache } = setup();
    const p = cache.pod('default/pod1')!;
    const r = buildPodRules({ key: 'default/pod1', ip: parseIp4(p.ip!), ports: [] },
      [resolvePolicy(checkPolicy(policy('default', 'deny', { policyTypes: ['Ingress', 'Egress'] })), cache)], [parseIp4('192.168.16.1')]);
    expect(verdict(r.ingress, 'ingress', '192.168.16.1', 'TCP', 10250)).toBe('permit');
    expect(verdict(r.egress, 'egress', '192.168.16.1', 'UDP', 53)).toBe('permit');
    expect(verdict(r.egress, 'egress', '192.168.16.2', 'UDP', 53)).toBe('deny');
    expect(r.ingress.origins[0]).toEqual([{ kind: 'node', address: '192.168.16.1' }]);
  });

  it('buildPodRules() records the origin of every rule, merged when policies repeat a rule', () => {
    const { rulesOf } = setup();
    const r = rulesOf('pod1',
      policy('default', 'a', { ingress: [rule([toPod('p2')], [port('TCP', 80)])] }),
      policy('default', 'b', { ingress: [rule([], []), rule([toPod('p2')], [port('TCP', 80)])] }));
    expect(r.ingress.isolated).toBe(false);
    const s = rulesOf('pod1',
      policy('default', 'a', { ingress: [rule([toPod('p2')], [port('TCP', 80)])] }),
      policy('default', 'b', { ingress: [rule([toPod('p3')]), rule([toPod('p2')], [port('TCP', 80)])] }));
    expect(s.ingress.origins[0]).toEqual([
      { kind: 'policy', ref: { policy: 'default/a', direction: 'ingress', rule: 0 } },
      { kind: 'policy', ref: { policy: 'default/b', direction: 'ingress', rule: 1 } },
    ]);
    expect(s.ingress.origins[s.ingress.origins.length - 1]).toEqual([{ kind: 'isolation', direction: 'ingress', policies: ['default/a', 'default/b'] }]);
  });
});
