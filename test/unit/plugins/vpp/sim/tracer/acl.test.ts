import { describe, expect, it } from 'vitest';
import { checkAcl, matchAclRule } from '../../../../../../plugins/vpp/sim/tracer/acl.ts';
import { IP_PROTO, TCP_FLAG, type Packet } from '../../../../../../plugins/vpp/sim/tracer/packet.ts';
import { aclRule, ip, SimStateBuilder } from '../../../../../fakes/sim-state-builder.ts';

function tcp(src: string, sport: number, dst: string, dport: number, flags: number = TCP_FLAG.SYN): Packet {
  return { src: ip(src), dst: ip(dst), proto: IP_PROTO.TCP, srcPort: sport, dstPort: dport, tcpFlags: flags, ttl: 64 };
}
function udp(src: string, sport: number, dst: string, dport: number): Packet {
  return { src: ip(src), dst: ip(dst), proto: IP_PROTO.UDP, srcPort: sport, dstPort: dport, tcpFlags: 0, ttl: 64 };
}
const ping: Packet = { src: ip('10.1.1.2'), dst: ip('10.1.1.3'), proto: IP_PROTO.ICMP, srcPort: 7, dstPort: 7, tcpFlags: 0, icmpType: 8, icmpCode: 0, ttl: 64 };

describe('matchAclRule', () => {
  it.each([
    ['a source prefix containing the source', { action: 'permit', src: '10.1.0.0/16' }, true],
    ['a source prefix not containing the source', { action: 'permit', src: '10.2.0.0/16' }, false],
    ['a destination prefix with host bits set', { action: 'permit', dst: '10.1.1.99/24' }, true],
    ['a destination port range containing the port', { action: 'permit', proto: 6, dstPorts: [80, 90] }, true],
    ['a destination port range below the port', { action: 'permit', proto: 6, dstPorts: [8080, 8090] }, false],
    ['a source port range excluding the port', { action: 'permit', proto: 6, srcPorts: [1, 1000] }, false],
    ['another protocol', { action: 'permit', proto: 17 }, false],
    ['protocol 0 with ports that do not fit (ports ignored)', { action: 'permit', proto: 0, dstPorts: 1 }, true],
  ] as const)('matchAclRule() decides %s', (_name, spec, expected) => {
    expect(matchAclRule(aclRule(spec), tcp('10.1.1.2', 40000, '10.1.1.3', 80))).toBe(expected);
  });

  it('matchAclRule() matches ICMP with protocol 0 and compares ICMP type/code as ports with protocol 1', () => {
    expect(matchAclRule(aclRule({ action: 'deny' }), ping)).toBe(true);
    expect(matchAclRule(aclRule({ action: 'deny', proto: IP_PROTO.ICMP, srcPorts: 8, dstPorts: 0 }), ping)).toBe(true);
    expect(matchAclRule(aclRule({ action: 'deny', proto: IP_PROTO.ICMP, srcPorts: 0 }), ping)).toBe(false);
    expect(matchAclRule(aclRule({ action: 'deny', proto: IP_PROTO.TCP }), ping)).toBe(false);
  });

  it('matchAclRule() compares TCP flags under the mask', () => {
    const synOnly = aclRule({ action: 'permit', proto: 6, tcpFlags: { mask: TCP_FLAG.SYN | TCP_FLAG.ACK, value: TCP_FLAG.SYN } });
    expect(matchAclRule(synOnly, tcp('1.1.1.1', 1, '2.2.2.2', 2, TCP_FLAG.SYN))).toBe(true);
    expect(matchAclRule(synOnly, tcp('1.1.1.1', 1, '2.2.2.2', 2, TCP_FLAG.SYN | TCP_FLAG.ACK))).toBe(false);
  });
});

describe('checkAcl', () => {
  function setup() {
    const b = new SimStateBuilder('n1');
    const tap = b.podTap('tap1', '10.1.1.2');
    return { b, tap, opts: {} };
  }

  it('checkAcl() returns undefined when the interface has no ACL in that direction', () => {
    const { b, tap, opts } = setup();
    b.aclOn(tap, { input: [b.acl('in', [{ action: 'deny' }])] });
    expect(checkAcl(b.state, tap, 'output', tcp('10.1.1.2', 1, '10.1.1.3', 80), 0, opts)).toBeUndefined();
  });

  it('checkAcl() takes the first matching rule over the ACL list in order', () => {
    const { b, tap, opts } = setup();
    const first = b.acl('first', [{ action: 'permit', proto: 17 }, { action: 'deny', proto: 6, dstPorts: 80 }]);
    const second = b.acl('second', [{ action: 'permit', proto: 6 }]);
    b.aclOn(tap, { output: [first, second] });
    const v80 = checkAcl(b.state, tap, 'output', tcp('10.1.2.2', 1, '10.1.1.2', 80), 0, opts)!;
    expect(v80).toMatchObject({ permit: false, table: 'first', rule: 1, detail: 'first rule 1 DENY' });
    const v81 = checkAcl(b.state, tap, 'output', tcp('10.1.2.2', 1, '10.1.1.2', 81), 0, opts)!;
    expect(v81).toMatchObject({ permit: true, table: 'second', rule: 0 });
  });

  it('checkAcl() denies when a list exists and no rule matches', () => {
    const { b, tap, opts } = setup();
    b.aclOn(tap, { output: [b.acl('tcp-only', [{ action: 'permit', proto: 6 }])] });
    const v = checkAcl(b.state, tap, 'output', udp('10.1.2.2', 1, '10.1.1.2', 53), 0, opts)!;
    expect(v.permit).toBe(false);
    expect(v.detail).toContain('implicit deny');
  });

  it('checkAcl() lets the reverse flow through an otherwise denying ACL after permit+reflect', () => {
    const { b, tap, opts } = setup();
    b.aclOn(tap, { input: [b.acl('reflect', [{ action: 'reflect', proto: 6 }])], output: [b.acl('deny-all', [{ action: 'deny' }])] });
    const syn = tcp('10.1.1.2', 40000, '10.1.2.2', 80);
    expect(checkAcl(b.state, tap, 'input', syn, 0, opts)).toMatchObject({ permit: true, table: 'reflect' });
    expect(b.state.aclSessions).toHaveLength(1);
    const synAck = tcp('10.1.2.2', 80, '10.1.1.2', 40000, TCP_FLAG.SYN | TCP_FLAG.ACK);
    expect(checkAcl(b.state, tap, 'output', synAck, 10, opts)).toMatchObject({ permit: true, detail: expect.stringContaining('reflective ACL session') });
    // a different flow is still denied
    expect(checkAcl(b.state, tap, 'output', tcp('10.1.2.2', 80, '10.1.1.2', 40001), 10, opts)?.permit).toBe(false);
  });

  it('checkAcl() forgets a reflect session after its idle timeout on the simulated clock', () => {
    const { b, tap } = setup();
    const opts = { aclTimeouts: { tcp: 30, udp: 30, other: 30 } };
    b.aclOn(tap, { input: [b.acl('reflect', [{ action: 'reflect' }])], output: [b.acl('deny-all', [{ action: 'deny' }])] });
    checkAcl(b.state, tap, 'input', tcp('10.1.1.2', 40000, '10.1.2.2', 80), 0, opts);
    const synAck = tcp('10.1.2.2', 80, '10.1.1.2', 40000, TCP_FLAG.SYN | TCP_FLAG.ACK);
    expect(checkAcl(b.state, tap, 'output', synAck, 29_000, opts)?.permit).toBe(true);
    expect(checkAcl(b.state, tap, 'output', synAck, 29_000 + 30_001, opts)?.permit).toBe(false);
    expect(b.state.aclSessions).toHaveLength(0);
  });

  it('checkAcl() keeps reflect sessions per interface', () => {
    const { b, tap, opts } = setup();
    const other = b.podTap('tap2', '10.1.1.3');
    const deny = b.acl('deny-all', [{ action: 'deny' }]);
    b.aclOn(tap, { input: [b.acl('reflect', [{ action: 'reflect' }])] });
    b.aclOn(other, { output: [deny] });
    checkAcl(b.state, tap, 'input', tcp('10.1.1.2', 40000, '10.1.1.3', 80), 0, opts);
    expect(checkAcl(b.state, other, 'output', tcp('10.1.1.2', 40000, '10.1.1.3', 80), 0, opts)?.permit).toBe(false);
  });
});
