import { describe, expect, it } from 'vitest';
import { classifyNat, natIn2Out } from '../../../../../../plugins/vpp/sim/tracer/nat44-in2out.ts';
import { natOut2In } from '../../../../../../plugins/vpp/sim/tracer/nat44-out2in.ts';
import { IP_PROTO, TCP_FLAG, type Packet } from '../../../../../../plugins/vpp/sim/tracer/packet.ts';
import { seededRandom } from '../../../../../../plugins/vpp/sim/tracer/random.ts';
import { ip, SimStateBuilder } from '../../../../../fakes/sim-state-builder.ts';

function tcp(src: string, sport: number, dst: string, dport: number, flags: number = TCP_FLAG.SYN): Packet {
  return { src: ip(src), dst: ip(dst), proto: IP_PROTO.TCP, srcPort: sport, dstPort: dport, tcpFlags: flags, ttl: 64 };
}
function svcNode() {
  const b = new SimStateBuilder('n1');
  b.natMapping({ external: '10.96.0.10:80', locals: [{ ip: '10.1.1.5', port: 8080 }], tag: 'svc:default/web:http' });
  return { b, ctx: { state: b.state, now: 0, random: seededRandom(1) } };
}
const never = () => false;

describe('classifyNat', () => {
  it('classifyNat() sends packets to a mapping\'s external endpoint or a pool address out2in, others in2out', () => {
    const { b, ctx } = svcNode();
    b.natPool('192.168.16.1');
    expect(classifyNat(ctx, tcp('10.1.1.2', 1, '10.96.0.10', 80))).toBe('out2in');
    expect(classifyNat(ctx, tcp('8.8.8.8', 1, '192.168.16.1', 1024))).toBe('out2in');
    expect(classifyNat(ctx, tcp('10.1.1.2', 1, '10.1.1.5', 8080))).toBe('in2out');
    expect(classifyNat(ctx, tcp('10.1.1.2', 1, '10.96.0.10', 81))).toBe('in2out');
  });

  it('classifyNat() sends a backend\'s reply in2out through its session', () => {
    const { ctx } = svcNode();
    natOut2In(ctx, tcp('10.1.1.2', 40000, '10.96.0.10', 80), 'n1');
    expect(classifyNat(ctx, tcp('10.1.1.5', 8080, '10.1.1.2', 40000, TCP_FLAG.SYN | TCP_FLAG.ACK))).toBe('in2out');
  });
});

describe('natIn2Out', () => {
  it('natIn2Out() restores the service address on the backend\'s reply', () => {
    const { ctx } = svcNode();
    natOut2In(ctx, tcp('10.1.1.2', 40000, '10.96.0.10', 80), 'n1');
    const r = natIn2Out(ctx, tcp('10.1.1.5', 8080, '10.1.1.2', 40000, TCP_FLAG.SYN | TCP_FLAG.ACK), 'n1', never);
    expect(r).toMatchObject({ verdict: 'translate', packet: { src: ip('10.96.0.10'), srcPort: 80, dst: ip('10.1.1.2'), dstPort: 40000 } });
  });

  it('natIn2Out() destination-NATs an inside host reaching a mapping (hairpinning)', () => {
    const { ctx } = svcNode();
    const r = natIn2Out(ctx, tcp('10.1.1.2', 40000, '10.96.0.10', 80), 'n1', never);
    expect(r).toMatchObject({ verdict: 'translate', table: 'svc:default/web:http', packet: { src: ip('10.1.1.2'), dst: ip('10.1.1.5'), dstPort: 8080 } });
  });

  it('natIn2Out() does not translate other traffic in forwarding mode', () => {
    const { b, ctx } = svcNode();
    b.state.nat44.forwarding = true;
    b.natPool('192.168.16.1');
    const p = tcp('10.1.1.2', 40000, '8.8.8.8', 80);
    expect(natIn2Out(ctx, p, 'n1', () => true)).toMatchObject({ verdict: 'pass', packet: p });
  });

  it('natIn2Out() source-NATs without forwarding mode only what leaves through an outside interface', () => {
    const { b, ctx } = svcNode();
    b.natPool('192.168.16.1');
    const p = tcp('10.1.1.2', 40000, '8.8.8.8', 80);
    expect(natIn2Out(ctx, p, 'n1', never)).toMatchObject({ verdict: 'pass', packet: p });
    expect(natIn2Out(ctx, p, 'n1', () => true)).toMatchObject({ verdict: 'translate', packet: { src: ip('192.168.16.1'), srcPort: 1024 } });
  });
});
