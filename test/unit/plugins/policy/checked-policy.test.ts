import { describe, expect, it } from 'vitest';
import { formatCidr } from '../../../../plugins/net/ipv4.ts';
import { checkPolicy } from '../../../../plugins/policy/checked-policy.ts';
import { block, policy, port, req, rule, sel } from './policy-fixtures.ts';

describe('checkPolicy', () => {
  it('checkPolicy() masks host bits of ipBlock CIDRs and subtracts the excepts', () => {
    const p = checkPolicy(policy('ns', 'p', { ingress: [rule([block('10.1.2.3/16', '10.1.128.0/17')])] }));
    expect(p.issues).toEqual([]);
    const peer = p.ingress![0]!.peers[0]!;
    expect(peer.kind === 'block' ? peer.cidrs.map(formatCidr) : []).toEqual(['10.1.0.0/17']);
  });
  it('checkPolicy() leaves out the directions policyTypes does not list', () => {
    const p = checkPolicy(policy('ns', 'p', { policyTypes: ['Egress'], ingress: [rule()], egress: [rule()] }));
    expect(p.ingress).toBeUndefined();
    expect(p.egress).toHaveLength(1);
  });
  it.each([
    ['a CIDR that does not parse', rule([block('10.0.0.0/33')]), 'spec.ingress[0].from[0].ipBlock.cidr'],
    ['an except outside the CIDR', rule([block('10.0.0.0/16', '10.1.0.0/24')]), 'spec.ingress[0].from[0].ipBlock.except[0]'],
    ['an except equal to the CIDR', rule([block('10.0.0.0/16', '10.0.0.0/16')]), 'spec.ingress[0].from[0].ipBlock.except[0]'],
    ['an IPv6 CIDR', rule([block('fd00::/8')]), 'spec.ingress[0].from[0].ipBlock.cidr'],
    ['a peer without selector or block', rule([{}]), 'spec.ingress[0].from[0]'],
    ['ipBlock combined with a selector', rule([{ ipBlock: { cidr: '10.0.0.0/8', except: [] }, podSelector: sel() }]), 'spec.ingress[0].from[0]'],
    ['an unknown operator', rule([{ podSelector: sel({}, { key: 'a', operator: 'Has' as 'In', values: [] }) }]), 'spec.ingress[0].from[0].podSelector.matchExpressions[0].operator'],
    ['port 0', rule([], [port('TCP', 0)]), 'spec.ingress[0].ports[0].port'],
    ['endPort before port', rule([], [port('TCP', 90, 80)]), 'spec.ingress[0].ports[0].endPort'],
    ['endPort with a named port', rule([], [port('TCP', 'http', 90)]), 'spec.ingress[0].ports[0].endPort'],
    ['a bad port name', rule([], [port('TCP', 'HTTP_X')]), 'spec.ingress[0].ports[0].port'],
  ])('checkPolicy() reports %s naming the field', (_what, r, field) => {
    const p = checkPolicy(policy('ns', 'bad', { ingress: [r] }));
    expect(p.issues.map((e) => ({ source: e.source, field: e.field }))).toEqual([{ source: 'policy ns/bad', field }]);
  });
  it('checkPolicy() makes a bad peer select nothing and a bad port match nothing (never wider)', () => {
    const p = checkPolicy(policy('ns', 'bad', { ingress: [rule([block('x')], [port('TCP', 0)])] }));
    const r = p.ingress![0]!;
    expect(r.anyPeer).toBe(false);
    expect(r.peers).toEqual([{ kind: 'invalid' }]);
    expect(r.allTraffic).toBe(false);
    expect(r.ports).toEqual([]);
  });
  it('checkPolicy() reports a bad podSelector expression', () => {
    const p = checkPolicy(policy('ns', 'bad', { podSelector: sel({}, req('a', 'In')) }));
    expect(p.issues.map((e) => e.field)).toEqual(['spec.podSelector.matchExpressions[0].values']);
  });
});
