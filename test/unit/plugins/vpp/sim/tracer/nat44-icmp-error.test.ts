import { describe, expect, it } from 'vitest';
import { natOwnIcmpError } from '../../../../../../plugins/vpp/sim/tracer/nat44-icmp-error.ts';
import { natOut2In } from '../../../../../../plugins/vpp/sim/tracer/nat44-out2in.ts';
import { ICMP, IP_PROTO, TCP_FLAG, type Packet } from '../../../../../../plugins/vpp/sim/tracer/packet.ts';
import { seededRandom } from '../../../../../../plugins/vpp/sim/tracer/random.ts';
import { icmpUnreachable } from '../../../../../../plugins/vpp/sim/tracer/refusal.ts';
import { ip, SimStateBuilder } from '../../../../../fakes/sim-state-builder.ts';

const syn = (dst: string, port: number): Packet => ({ src: ip('10.1.1.2'), dst: ip(dst), proto: IP_PROTO.TCP, srcPort: 40000, dstPort: port, tcpFlags: TCP_FLAG.SYN, ttl: 64 });

describe('natOwnIcmpError', () => {
  it('natOwnIcmpError() translates an ICMP error about a DNATed packet back, so it quotes what the client sent', () => {
    const b = new SimStateBuilder('n1');
    b.natReject('192.168.16.1', IP_PROTO.TCP, 30080, 'reject', 'svc:default/web:80');
    const ctx = { state: b.state, now: 0, random: seededRandom(1) };
    const dnat = natOut2In(ctx, syn('192.168.16.1', 30080), 'n1');
    expect(dnat.packet).toMatchObject({ dst: ip('0.0.0.1'), dstPort: 30080 });
    const error = icmpUnreachable(ip('172.30.1.1'), dnat.packet, ICMP.CODE_HOST_UNREACHABLE);
    const r = natOwnIcmpError(ctx, error);
    expect(r).toMatchObject({ verdict: 'translate', packet: { src: ip('172.30.1.1'), dst: ip('10.1.1.2'), quoted: { src: ip('10.1.1.2'), srcPort: 40000, dst: ip('192.168.16.1'), dstPort: 30080 } } });
    expect(r?.detail).toContain('translated back to 192.168.16.1:30080');
  });

  it('natOwnIcmpError() leaves errors without a session and other packets alone', () => {
    const ctx = { state: new SimStateBuilder('n1').state, now: 0, random: seededRandom(1) };
    expect(natOwnIcmpError(ctx, icmpUnreachable(ip('172.30.1.1'), syn('10.96.0.10', 81), ICMP.CODE_HOST_UNREACHABLE))).toBeUndefined();
    expect(natOwnIcmpError(ctx, syn('10.96.0.10', 81))).toBeUndefined();
  });
});
