import { describe, expect, it } from 'vitest';
import { flowHash, formatPacket, IP_PROTO, reverseTuple, TCP_FLAG, type Packet } from '../../../../../../plugins/vpp/sim/tracer/packet.ts';
import { ip } from '../../../../../fakes/sim-state-builder.ts';

const syn: Packet = { src: ip('10.1.1.2'), dst: ip('10.96.0.10'), proto: IP_PROTO.TCP, srcPort: 40000, dstPort: 80, tcpFlags: TCP_FLAG.SYN, ttl: 64 };

describe('formatPacket', () => {
  it('formatPacket() shows endpoints, protocol, flags, ICMP details and VXLAN payloads', () => {
    expect(formatPacket(syn)).toBe('10.1.1.2:40000 → 10.96.0.10:80 TCP SYN');
    const err: Packet = { ...syn, proto: IP_PROTO.ICMP, tcpFlags: 0, icmpType: 3, icmpCode: 1, quoted: syn, src: ip('192.168.16.1'), dst: syn.src };
    expect(formatPacket(err)).toBe('192.168.16.1 → 10.1.1.2 ICMP type 3 code 1 (about 10.1.1.2:40000 → 10.96.0.10:80)');
    const outer: Packet = { src: ip('192.168.16.1'), dst: ip('192.168.16.2'), proto: IP_PROTO.UDP, srcPort: 4789, dstPort: 4789, tcpFlags: 0, ttl: 64, vxlan: { vni: 10, inner: syn } };
    expect(formatPacket(outer)).toBe('192.168.16.1:4789 → 192.168.16.2:4789 UDP VXLAN vni 10 [10.1.1.2:40000 → 10.96.0.10:80 TCP SYN]');
  });
});

describe('flowHash', () => {
  it('flowHash() is stable and tells directions apart', () => {
    expect(flowHash(syn)).toBe(flowHash({ ...syn }));
    expect(flowHash(syn)).not.toBe(flowHash(reverseTuple(syn)));
  });
});
