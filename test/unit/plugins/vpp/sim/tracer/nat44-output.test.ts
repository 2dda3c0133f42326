import { describe, expect, it } from 'vitest';
import { natOut2In } from '../../../../../../plugins/vpp/sim/tracer/nat44-out2in.ts';
import { natOutput } from '../../../../../../plugins/vpp/sim/tracer/nat44-output.ts';
import { IP_PROTO, TCP_FLAG, type Packet } from '../../../../../../plugins/vpp/sim/tracer/packet.ts';
import { seededRandom } from '../../../../../../plugins/vpp/sim/tracer/random.ts';
import { ip, SimStateBuilder } from '../../../../../fakes/sim-state-builder.ts';

function pkt(proto: number, src: string, sport: number, dst: string, dport: number): Packet {
  return { src: ip(src), dst: ip(dst), proto, srcPort: sport, dstPort: dport, tcpFlags: proto === IP_PROTO.TCP ? TCP_FLAG.SYN : 0, ttl: 64 };
}
function snatNode() {
  const b = new SimStateBuilder('n1');
  b.natPool('192.168.16.1');
  return { b, ctx: (now = 0) => ({ state: b.state, now, random: seededRandom(1) }) };
}

describe('natOutput', () => {
  it('natOutput() source-NATs to the pool address with increasing ports and out2in translates the reply back', () => {
    const { b, ctx } = snatNode();
    const a = natOutput(ctx(), pkt(IP_PROTO.TCP, '10.1.1.2', 40000, '8.8.8.8', 80));
    const c = natOutput(ctx(), pkt(IP_PROTO.TCP, '10.1.1.3', 40000, '8.8.8.8', 80));
    expect(a.packet).toMatchObject({ src: ip('192.168.16.1'), srcPort: 1024, dst: ip('8.8.8.8') });
    expect(c.packet).toMatchObject({ src: ip('192.168.16.1'), srcPort: 1025 });
    const reply = natOut2In(ctx(), pkt(IP_PROTO.TCP, '8.8.8.8', 80, '192.168.16.1', 1025), 'n1');
    expect(reply).toMatchObject({ verdict: 'translate', packet: { dst: ip('10.1.1.3'), dstPort: 40000 } });
    expect(b.state.nat44.sessions).toHaveLength(2);
  });

  it('natOutput() reuses the session of a flow', () => {
    const { b, ctx } = snatNode();
    natOutput(ctx(), pkt(IP_PROTO.UDP, '10.1.1.2', 5353, '8.8.8.8', 53));
    const again = natOutput(ctx(1000), pkt(IP_PROTO.UDP, '10.1.1.2', 5353, '8.8.8.8', 53));
    expect(again.packet.srcPort).toBe(1024);
    expect(b.state.nat44.sessions).toHaveLength(1);
  });

  it('natOutput() does not translate a source covered by an identity mapping (the VXLAN endpoint)', () => {
    const { b, ctx } = snatNode();
    b.natIdentity('192.168.16.1', IP_PROTO.UDP, 4789, 'vxlan');
    const vxlan = pkt(IP_PROTO.UDP, '192.168.16.1', 4789, '192.168.16.2', 4789);
    expect(natOutput(ctx(), vxlan)).toMatchObject({ verdict: 'pass', packet: vxlan });
    expect(b.state.nat44.sessions).toHaveLength(0);
  });

  it('natOutput() rewrites the source port of the VXLAN endpoint without the identity mapping', () => {
    const { ctx } = snatNode();
    const r = natOutput(ctx(), pkt(IP_PROTO.UDP, '192.168.16.1', 4789, '192.168.16.2', 4789));
    expect(r).toMatchObject({ verdict: 'translate', packet: { src: ip('192.168.16.1'), srcPort: 1024 } });
  });

  it('natOutput() skips ports held by static mappings on the pool address', () => {
    const { b, ctx } = snatNode();
    b.natMapping({ external: '192.168.16.1:1024', locals: [{ ip: '10.1.1.5', port: 80 }] });
    expect(natOutput(ctx(), pkt(IP_PROTO.TCP, '10.1.1.2', 1, '8.8.8.8', 80)).packet.srcPort).toBe(1025);
  });

  it('natOutput() hands out a port again once the session holding it expired', () => {
    const { b, ctx } = snatNode();
    b.state.nat44.timeouts = { udp: 10, tcpEstablished: 10, tcpTransitory: 10, icmp: 10 };
    const [inIp, outIp, extIp] = [ip('10.1.1.9'), ip('192.168.16.1'), ip('8.8.8.8')];
    for (let port = 1024; port <= 1030; port++) {
      b.state.nat44.sessions.push({ id: port, protocol: IP_PROTO.UDP, inIp, inPort: port, outIp, outPort: port, extIp, extPort: 53, isStatic: false, twiceNat: false, lastHeard: port === 1026 ? 0 : 20_000 });
    }
    const r = natOutput(ctx(20_000), pkt(IP_PROTO.UDP, '10.1.1.2', 7, '8.8.8.8', 53));
    expect(r.packet.srcPort).toBe(1026);
  });

  it('natOutput() drops when the pool is empty', () => {
    const b = new SimStateBuilder('n1');
    const r = natOutput({ state: b.state, now: 0, random: seededRandom(1) }, pkt(IP_PROTO.TCP, '10.1.1.2', 1, '8.8.8.8', 80));
    expect(r).toMatchObject({ verdict: 'drop', detail: 'NAT44: no address in the pool for dynamic translation' });
  });

  it('natOutput() translates statically by a mapping that is not out2in-only', () => {
    const { b, ctx } = snatNode();
    b.natMapping({ external: '1.2.3.4', locals: [{ ip: '10.1.1.5', port: 0 }], out2inOnly: false });
    expect(natOutput(ctx(), pkt(IP_PROTO.TCP, '10.1.1.5', 40000, '8.8.8.8', 80)).packet).toMatchObject({ src: ip('1.2.3.4'), srcPort: 40000 });
  });

  it('natOutput() passes a reply that an out2in session already translated', () => {
    const { b, ctx } = snatNode();
    b.natMapping({ external: '192.168.16.1:30080', locals: [{ ip: '10.1.1.5', port: 80 }] });
    natOut2In(ctx(), pkt(IP_PROTO.TCP, '8.8.8.8', 5555, '192.168.16.1', 30080), 'n1');
    const translatedReply = pkt(IP_PROTO.TCP, '192.168.16.1', 30080, '8.8.8.8', 5555);
    expect(natOutput(ctx(), translatedReply)).toMatchObject({ verdict: 'pass', packet: translatedReply });
  });
});
