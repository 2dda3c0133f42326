import { describe, expect, it } from 'vitest';
import type { Acl, AclRule } from '../../../plugins/vpp/model.ts';
import { AclDataplane } from '../../oracle/acl-dataplane.ts';

const rule = (action: AclRule['action'], src = '0.0.0.0/0', dst = '0.0.0.0/0', proto = 0, port?: number): AclRule => ({
  action, src, dst, proto, srcPortFirst: 0, srcPortLast: 65535, dstPortFirst: port ?? 0, dstPortLast: port ?? 65535,
});
const A = { ip: '10.1.1.2', node: 'n1', iface: 'tapA' };
const B = { ip: '10.1.1.3', node: 'n1', iface: 'tapB' };
const R = { ip: '10.1.2.2', node: 'n2', iface: 'tapR' };
const node = (name: string, acls: Acl[]) => ({ name, acls, outbound: 'vxlan', pods: [{ key: 'a', ip: A.ip, interface: 'tapA' }, { key: 'b', ip: B.ip, interface: 'tapB' }, { key: 'r', ip: R.ip, interface: 'tapR' }].filter((p) => (name === 'n1') === (p.interface !== 'tapR')) });

describe('AclDataplane', () => {
  it('connect() permits everything without ACLs', () => {
    expect(new AclDataplane([node('n1', []), node('n2', [])]).connect(A, R, 6, 80).allowed).toBe(true);
  });
  it('connect() applies the first matching rule and denies when none matches', () => {
    const dp = new AclDataplane([node('n1', [{ name: 'b-out', rules: [rule('deny', A.ip + '/32'), rule('permit', '10.0.0.0/8', undefined, 6, 80)], ingress: [], egress: ['tapB'] }])]);
    expect(dp.connect(A, B, 6, 80).allowed).toBe(false);
    expect(dp.connect({ ip: '10.9.9.9' }, B, 6, 80).allowed).toBe(true);
    const v = dp.connect({ ip: '10.9.9.9', node: 'n1', iface: 'tapX' }, B, 6, 81);
    expect(v).toEqual({ allowed: false, trace: ['n1/tapB/out: no rule matched (deny)'] });
  });
  it('connect() lets replies back only through a session created by reflect', () => {
    const aOut: Acl = { name: 'a-out', rules: [rule('deny')], ingress: [], egress: ['tapA'] };
    const without = new AclDataplane([node('n1', [aOut])]);
    expect(without.connect(A, B, 6, 80).allowed).toBe(false);
    const withReflect = new AclDataplane([node('n1', [aOut, { name: 'reflect', rules: [rule('reflect')], ingress: ['tapA'], egress: [] }])]);
    const v = withReflect.connect(A, B, 6, 80);
    expect(v.allowed).toBe(true);
    expect(v.trace).toEqual(['n1/tapA/in: reflect rule 0 reflect', 'n1/tapA/out: session']);
  });
  it('connect() crosses both nodes through their outbound interfaces', () => {
    const dp = new AclDataplane([node('n1', [{ name: 'g', rules: [rule('deny', A.ip + '/32', '10.1.2.0/24'), rule('permit')], ingress: [], egress: ['vxlan'] }]), node('n2', [])]);
    expect(dp.connect(A, R, 1, 0).allowed).toBe(false);
    expect(dp.connect(B, R, 1, 0).allowed).toBe(true);
  });
});
