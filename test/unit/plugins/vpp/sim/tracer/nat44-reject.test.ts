import { describe, expect, it } from 'vitest';
import { findReject } from '../../../../../../plugins/vpp/sim/tracer/nat44-reject.ts';
import { IP_PROTO, type Packet } from '../../../../../../plugins/vpp/sim/tracer/packet.ts';
import { ip, SimStateBuilder } from '../../../../../fakes/sim-state-builder.ts';

const to = (dst: string, proto: number, port: number): Packet => ({ src: ip('10.1.1.2'), dst: ip(dst), proto, srcPort: 40000, dstPort: port, tcpFlags: 0, ttl: 64 });

describe('findReject', () => {
  it('findReject() prefers the exact entry over protocol and address wildcards', () => {
    const b = new SimStateBuilder('n1');
    b.natReject('10.96.0.10', 0, 0, 'reject', 'any');
    b.natReject('10.96.0.10', IP_PROTO.TCP, 0, 'drop', 'tcp');
    b.natReject('10.96.0.10', IP_PROTO.TCP, 80, 'reject', 'tcp-80');
    expect(findReject(b.state, to('10.96.0.10', IP_PROTO.TCP, 80))?.tag).toBe('tcp-80');
    expect(findReject(b.state, to('10.96.0.10', IP_PROTO.TCP, 81))?.tag).toBe('tcp');
    expect(findReject(b.state, to('10.96.0.10', IP_PROTO.UDP, 80))?.tag).toBe('any');
    expect(findReject(b.state, to('10.96.0.11', IP_PROTO.UDP, 80))).toBeUndefined();
  });

  it('findReject() never answers an ICMP error', () => {
    const b = new SimStateBuilder('n1');
    b.natReject('10.96.0.10', 0, 0);
    const err: Packet = { ...to('10.96.0.10', IP_PROTO.ICMP, 0), icmpType: 3, icmpCode: 3, quoted: to('10.1.1.2', IP_PROTO.UDP, 53) };
    expect(findReject(b.state, err)).toBeUndefined();
  });
});
