import { describe, expect, it } from 'vitest';
import { natIn2Out } from '../../../../../../plugins/vpp/sim/tracer/nat44-in2out.ts';
import { natOut2In, type NatContext } from '../../../../../../plugins/vpp/sim/tracer/nat44-out2in.ts';
import { IP_PROTO, TCP_FLAG, type Packet } from '../../../../../../plugins/vpp/sim/tracer/packet.ts';
import { seededRandom, type Random } from '../../../../../../plugins/vpp/sim/tracer/random.ts';
import { ip, SimStateBuilder } from '../../../../../fakes/sim-state-builder.ts';

function tcp(src: string, sport: number, dst: string, dport: number): Packet {
  return { src: ip(src), dst: ip(dst), proto: IP_PROTO.TCP, srcPort: sport, dstPort: dport, tcpFlags: TCP_FLAG.SYN, ttl: 64 };
}
function ctx(b: SimStateBuilder, now = 0, random: Random = seededRandom(7)): NatContext {
  return { state: b.state, now, random };
}
/** A random source that returns the given values in turn. */
function scripted(...values: number[]): Random {
  let i = 0;
  return { next: () => values[i++ % values.length]! };
}

describe('natOut2In', () => {
  it('natOut2In() spreads new flows over the locals in proportion to their probabilities', () => {
    const b = new SimStateBuilder('n1');
    b.natMapping({ external: '10.96.0.10:80', locals: [{ ip: '10.1.1.2', port: 8080, probability: 1 }, { ip: '10.1.1.3', port: 8080, probability: 2 }, { ip: '10.1.2.2', port: 8080, probability: 1 }], tag: 'svc' });
    const c = ctx(b, 0, seededRandom(42));
    const counts = new Map<number, number>();
    const flows = 4000;
    for (let i = 0; i < flows; i++) {
      const r = natOut2In(c, tcp('10.1.1.9', 10000 + i, '10.96.0.10', 80), 'n1');
      expect(r.verdict).toBe('translate');
      counts.set(r.packet.dst, (counts.get(r.packet.dst) ?? 0) + 1);
    }
    expect(counts.get(ip('10.1.1.2'))! / flows).toBeCloseTo(0.25, 1);
    expect(counts.get(ip('10.1.1.3'))! / flows).toBeCloseTo(0.5, 1);
    expect(counts.get(ip('10.1.2.2'))! / flows).toBeCloseTo(0.25, 1);
    expect(Math.abs(counts.get(ip('10.1.1.3'))! / flows - 0.5)).toBeLessThan(0.03);
  });

  it('natOut2In() keeps a flow on its session and translates the destination port', () => {
    const b = new SimStateBuilder('n1');
    b.natMapping({ external: '10.96.0.10:80', locals: [{ ip: '10.1.1.2', port: 8080 }, { ip: '10.1.1.3', port: 8080 }] });
    const c = ctx(b);
    const first = natOut2In(c, tcp('10.1.1.9', 40000, '10.96.0.10', 80), 'n1');
    for (let i = 0; i < 20; i++) {
      const again = natOut2In(c, tcp('10.1.1.9', 40000, '10.96.0.10', 80), 'n1');
      expect(again.packet.dst).toBe(first.packet.dst);
      expect(again.packet.dstPort).toBe(8080);
      expect(again.detail).toContain('session');
    }
    expect(b.state.nat44.sessions).toHaveLength(1);
  });

  it('natOut2In() keeps a client on one local while its affinity lasts, extending it on each use', () => {
    const b = new SimStateBuilder('n1');
    b.natMapping({ external: '10.96.0.10:80', locals: [{ ip: '10.1.1.2', port: 80 }, { ip: '10.1.1.3', port: 80 }], affinity: 60 });
    // draws alternate between the first and the second local
    const random = scripted(0.1, 0.9);
    const at = (s: number, port: number) => natOut2In(ctx(b, s * 1000, random), tcp('10.1.1.9', port, '10.96.0.10', 80), 'n1').packet.dst;
    expect(at(0, 1)).toBe(ip('10.1.1.2'));
    expect(at(50, 2)).toBe(ip('10.1.1.2'));
    expect(at(100, 3)).toBe(ip('10.1.1.2'));
    // no connection for more than 60 s: the record expired, a new draw happens
    expect(at(161, 4)).toBe(ip('10.1.1.3'));
    // another client is not bound by the first one's affinity
    expect(natOut2In(ctx(b, 161_000, scripted(0.1)), tcp('10.1.1.8', 5, '10.96.0.10', 80), 'n1').packet.dst).toBe(ip('10.1.1.2'));
  });

  it('natOut2In() re-draws when the remembered local left the mapping', () => {
    const b = new SimStateBuilder('n1');
    b.natMapping({ external: '10.96.0.10:80', locals: [{ ip: '10.1.1.2', port: 80 }, { ip: '10.1.1.3', port: 80 }], affinity: 600 });
    natOut2In(ctx(b, 0, scripted(0.1)), tcp('10.1.1.9', 1, '10.96.0.10', 80), 'n1');
    const m = b.state.nat44.staticMappings[0]!;
    b.state.nat44.staticMappings[0] = { ...m, locals: [m.locals[1]!, { ip: ip('10.1.1.4'), port: 80, probability: 1, vrf: 0 }] };
    const r = natOut2In(ctx(b, 1000, scripted(0.9)), tcp('10.1.1.9', 2, '10.96.0.10', 80), 'n1');
    expect(r.packet.dst).toBe(ip('10.1.1.4'));
  });

  it('natOut2In() passes unmatched packets in forwarding mode and drops them otherwise', () => {
    const b = new SimStateBuilder('n1');
    const p = tcp('8.8.8.8', 1, '10.1.1.2', 80);
    const dropped = natOut2In(ctx(b), p, 'n1');
    expect(dropped).toMatchObject({ verdict: 'drop', detail: 'NAT44 out2in: no session and no mapping for 10.1.1.2:80' });
    b.state.nat44.forwarding = true;
    expect(natOut2In(ctx(b), p, 'n1')).toMatchObject({ verdict: 'pass', packet: p });
  });

  it('natOut2In() passes a packet to an identity-mapped endpoint untranslated', () => {
    const b = new SimStateBuilder('n1');
    b.natIdentity('192.168.16.1', IP_PROTO.UDP, 4789, 'vxlan');
    const p: Packet = { ...tcp('192.168.16.2', 4789, '192.168.16.1', 4789), proto: IP_PROTO.UDP, tcpFlags: 0 };
    expect(natOut2In(ctx(b), p, 'n1')).toMatchObject({ verdict: 'pass', packet: p, table: 'vxlan' });
  });

  it('natOut2In() translates only the address of an address-only mapping', () => {
    const b = new SimStateBuilder('n1');
    b.natMapping({ external: '1.2.3.4', locals: [{ ip: '10.1.1.2', port: 0 }] });
    const r = natOut2In(ctx(b), tcp('8.8.8.8', 5, '1.2.3.4', 443), 'n1');
    expect(r.packet).toMatchObject({ dst: ip('10.1.1.2'), dstPort: 443 });
  });

  it('natOut2In() applies twice-NAT from the twice-NAT pool and in2out restores both addresses on the reply', () => {
    const b = new SimStateBuilder('n1');
    b.natPool('192.168.16.1', true);
    b.natMapping({ external: '192.168.16.1:30080', locals: [{ ip: '10.1.2.2', port: 8080 }], twiceNat: true });
    const c = ctx(b);
    const fwd = natOut2In(c, tcp('8.8.8.8', 5555, '192.168.16.1', 30080), 'n1');
    expect(fwd.packet).toMatchObject({ src: ip('192.168.16.1'), srcPort: 1024, dst: ip('10.1.2.2'), dstPort: 8080 });
    const back = natIn2Out(c, tcp('10.1.2.2', 8080, '192.168.16.1', 1024), 'n1', () => true);
    expect(back.packet).toMatchObject({ src: ip('192.168.16.1'), srcPort: 30080, dst: ip('8.8.8.8'), dstPort: 5555 });
  });

  it('natOut2In() drops a twice-NAT mapping without a twice-NAT address', () => {
    const b = new SimStateBuilder('n1');
    b.natMapping({ external: '192.168.16.1:30080', locals: [{ ip: '10.1.2.2', port: 8080 }], twiceNat: true });
    expect(natOut2In(ctx(b), tcp('8.8.8.8', 1, '192.168.16.1', 30080), 'n1').verdict).toBe('drop');
  });

  it('natOut2In() applies self-twice-NAT only when the chosen local is the client itself', () => {
    const b = new SimStateBuilder('n1');
    b.natMapping({ external: '10.96.0.10:80', locals: [{ ip: '10.1.1.2', port: 8080 }], selfTwiceNat: true });
    const other = natOut2In(ctx(b), tcp('10.1.1.3', 1, '10.96.0.10', 80), 'n1');
    expect(other.packet.src).toBe(ip('10.1.1.3'));
    const self = natOut2In(ctx(b), tcp('10.1.1.2', 1, '10.96.0.10', 80), 'n1');
    // no twice-NAT pool: the mapping's external address stands in
    expect(self.packet).toMatchObject({ src: ip('10.96.0.10'), dst: ip('10.1.1.2'), dstPort: 8080 });
    expect(self.detail).toContain('self-twice-NAT');
  });
});
