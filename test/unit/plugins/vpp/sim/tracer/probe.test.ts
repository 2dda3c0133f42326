import { describe, expect, it } from 'vitest';
import { formatIp4 } from '../../../../../../plugins/net/ipv4.ts';
import { probe, type ProbeSource } from '../../../../../../plugins/vpp/sim/tracer/probe.ts';
import { contivCluster, ip, type ContivCluster, type MappingSpec } from '../../../../../fakes/sim-state-builder.ts';

const pod = (node: string, addr: string): ProbeSource => ({ kind: 'pod', node, ip: ip(addr) });
const VIP = '10.96.0.10';
const IP_PROTO_TCP = 6;

/** Two nodes: pods 10.1.1.2, 10.1.1.3 on node1 and 10.1.2.2 on node2. */
function cluster(seed = 1): ContivCluster {
  return contivCluster([{ name: 'node1', id: 1, pods: [2, 3] }, { name: 'node2', id: 2, pods: [2] }], { seed });
}

/** Programs the same mapping on every node, as the service plugin would. */
function service(c: ContivCluster, spec: MappingSpec): void {
  for (const n of Object.values(c.nodes)) n.b.natMapping(spec);
}

function tcp(c: ContivCluster, from: ProbeSource, to: string, dstPort: number) {
  return probe(c.world, { from, to: ip(to), protocol: 'TCP', dstPort });
}

describe('probe', () => {
  it('probe() reaches a pod on another node through VXLAN, with the source address preserved', () => {
    const c = cluster();
    const r = tcp(c, pod('node1', '10.1.1.2'), '10.1.2.2', 80);
    expect(r).toMatchObject({ allowed: true, deliveredTo: { kind: 'pod', node: 'node2', ip: ip('10.1.2.2') } });
    expect(r.sourceSeenByBackend).toEqual({ ip: ip('10.1.1.2'), port: r.srcPort });
    const steps = r.forward.steps.map((s) => `${s.node}:${s.step}`);
    expect(steps).toContain('node1:vxlan-encap');
    expect(steps).toContain('node2:vxlan-decap');
    const outer = r.forward.steps.find((s) => s.step === 'tx' && s.node === 'node1')!;
    expect(outer.packet).toMatch(/^192\.168\.16\.1:4789 → 192\.168\.16\.2:4789 UDP VXLAN vni 10 \[10\.1\.1\.2:\d+ → 10\.1\.2\.2:80 TCP SYN\]$/);
    expect(r.reply?.end.kind).toBe('delivered');
  });

  it('probe() load-balances a ClusterIP over its locals by their probabilities and un-NATs the reply', () => {
    const c = cluster(42);
    service(c, { external: `${VIP}:80`, tag: 'svc:default/web:http', locals: [{ ip: '10.1.1.3', port: 8080, probability: 2 }, { ip: '10.1.2.2', port: 8080, probability: 1 }] });
    const hits = new Map<string, number>();
    const n = 600;
    for (let i = 0; i < n; i++) {
      const r = tcp(c, pod('node1', '10.1.1.2'), VIP, 80);
      expect(r.allowed).toBe(true);
      expect(r.replySource).toEqual({ ip: ip(VIP), port: 80 });
      expect(r.backend?.port).toBe(8080);
      expect(r.sourceSeenByBackend?.ip).toBe(ip('10.1.1.2'));
      const who = formatIp4(r.backend!.ip);
      hits.set(who, (hits.get(who) ?? 0) + 1);
    }
    expect(Math.abs(hits.get('10.1.1.3')! / n - 2 / 3)).toBeLessThan(0.06);
    expect(Math.abs(hits.get('10.1.2.2')! / n - 1 / 3)).toBeLessThan(0.06);
  });

  it('probe() keeps a client on one backend while its affinity lasts on the simulated clock', () => {
    const c = cluster(3);
    service(c, { external: `${VIP}:80`, affinity: 30, locals: [{ ip: '10.1.1.3', port: 80 }, { ip: '10.1.2.2', port: 80 }] });
    const seen = new Set<number>();
    for (let round = 0; round < 12; round++) {
      const first = tcp(c, pod('node1', '10.1.1.2'), VIP, 80).backend!.ip;
      for (let i = 0; i < 4; i++) {
        c.clock.advance(10_000);
        expect(tcp(c, pod('node1', '10.1.1.2'), VIP, 80).backend!.ip).toBe(first);
      }
      seen.add(first);
      c.clock.advance(31_000);
    }
    expect(seen.size).toBe(2);
  });

  it('probe() lets replies through an otherwise denying output ACL by the reflective session of the input ACL', () => {
    const c = cluster();
    const n1 = c.nodes.node1!;
    const client = n1.pods.get('10.1.1.2')!;
    const denyAll = n1.b.acl('contiv/vpp-policy-LOCAL', [{ action: 'deny' }]);
    n1.b.aclOn(client, { output: [denyAll] });
    const without = tcp(c, pod('node1', '10.1.1.2'), '10.1.2.2', 80);
    expect(without).toMatchObject({ allowed: false, failure: 'dropped' });
    expect(without.reason).toContain('ACL contiv/vpp-policy-LOCAL rule 0 DENY');
    n1.b.aclOn(client, { input: [n1.b.acl('contiv/vpp-policy-REFLECTION', [{ action: 'reflect', proto: 6 }, { action: 'reflect', proto: 17 }])] });
    const withReflect = tcp(c, pod('node1', '10.1.1.2'), '10.1.2.2', 80);
    expect(withReflect.allowed).toBe(true);
    expect(withReflect.reply!.steps.some((s) => s.step === 'acl-output' && s.detail.includes('reflective ACL session'))).toBe(true);
    // a connection towards the isolated pod is still denied by its output ACL
    expect(tcp(c, pod('node2', '10.1.2.2'), '10.1.1.2', 80).allowed).toBe(false);
  });

  it('probe() runs the output ACL of the backend after DNAT, so it sees the real backend address', () => {
    const c = cluster();
    service(c, { external: `${VIP}:80`, locals: [{ ip: '10.1.1.3', port: 8080 }] });
    const n1 = c.nodes.node1!;
    const backendTap = n1.pods.get('10.1.1.3')!;
    const byVip = n1.b.acl('by-vip', [{ action: 'permit', dst: `${VIP}/32`, proto: 6, dstPorts: 80 }]);
    n1.b.aclOn(backendTap, { output: [byVip] });
    const denied = tcp(c, pod('node1', '10.1.1.2'), VIP, 80);
    expect(denied).toMatchObject({ allowed: false, failure: 'dropped' });
    expect(denied.forward.steps.at(-1)).toMatchObject({ step: 'acl-output', verdict: 'deny', packet: expect.stringContaining('→ 10.1.1.3:8080') });
    const byBackend = n1.b.acl('by-backend', [{ action: 'permit', dst: '10.1.1.3/32', proto: 6, dstPorts: 8080 }]);
    n1.b.aclOn(backendTap, { output: [byBackend] });
    const allowed = tcp(c, pod('node1', '10.1.1.2'), VIP, 80);
    expect(allowed.allowed).toBe(true);
    const order = allowed.forward.steps.filter((s) => s.node === 'node1').map((s) => s.step);
    expect(order).toEqual(['rx', 'nat44-out2in', 'ip4-lookup', 'acl-output', 'tx', 'endpoint']);
  });

  it('probe() evaluates the input ACL before NAT, on the service address', () => {
    const c = cluster();
    service(c, { external: `${VIP}:80`, locals: [{ ip: '10.1.1.3', port: 8080 }] });
    const n1 = c.nodes.node1!;
    n1.b.aclOn(n1.pods.get('10.1.1.2')!, { input: [n1.b.acl('in', [{ action: 'deny', dst: '10.1.1.3/32' }, { action: 'reflect' }])] });
    const r = tcp(c, pod('node1', '10.1.1.2'), VIP, 80);
    expect(r.allowed).toBe(true);
    const steps = r.forward.steps.map((s) => s.step);
    expect(steps.indexOf('acl-input')).toBeLessThan(steps.indexOf('nat44-out2in'));
    expect(r.forward.steps.find((s) => s.step === 'acl-input')).toMatchObject({ rule: 1, packet: expect.stringContaining(`→ ${VIP}:80`) });
  });

  it('probe() source-NATs a pod reaching the Internet to the node address and translates the reply back', () => {
    const c = cluster();
    const r = probe(c.world, { from: pod('node1', '10.1.1.2'), to: ip('8.8.8.8'), protocol: 'UDP', dstPort: 53 });
    expect(r).toMatchObject({ allowed: true, deliveredTo: { kind: 'outside', ip: ip('8.8.8.8') } });
    expect(r.sourceSeenByBackend).toEqual({ ip: ip('192.168.16.1'), port: 1024 });
    expect(r.replySource).toEqual({ ip: ip('8.8.8.8'), port: 53 });
    expect(r.reply!.steps.find((s) => s.step === 'nat44-out2in')?.detail).toContain('destination 192.168.16.1:1024 → 10.1.1.2:');
  });

  it('probe() answers a NodePort from outside and preserves the client address for a local backend', () => {
    const c = cluster();
    c.nodes.node1!.b.natMapping({ external: '192.168.16.1:30080', locals: [{ ip: '10.1.1.3', port: 8080 }] });
    const r = probe(c.world, { from: { kind: 'outside', ip: ip('1.2.3.4') }, to: ip('192.168.16.1'), protocol: 'TCP', dstPort: 30080 });
    expect(r).toMatchObject({ allowed: true, backend: { ip: ip('10.1.1.3'), port: 8080 }, replySource: { ip: ip('192.168.16.1'), port: 30080 } });
    expect(r.sourceSeenByBackend?.ip).toBe(ip('1.2.3.4'));
  });

  it('probe() fails a NodePort to a remote backend without twice-NAT: the reply leaves through the other node', () => {
    const c = cluster();
    c.nodes.node1!.b.natMapping({ external: '192.168.16.1:30080', locals: [{ ip: '10.1.2.2', port: 8080 }] });
    const r = probe(c.world, { from: { kind: 'outside', ip: ip('1.2.3.4') }, to: ip('192.168.16.1'), protocol: 'TCP', dstPort: 30080 });
    expect(r).toMatchObject({ allowed: false, failure: 'dropped', replySource: { ip: ip('192.168.16.2') } });
  });

  it('probe() answers a NodePort to a remote backend with twice-NAT to the node\'s VXLAN address', () => {
    const c = cluster();
    const n1 = c.nodes.node1!;
    n1.b.natPool('192.168.30.1', true);
    n1.b.natMapping({ external: '192.168.16.1:30080', twiceNat: true, locals: [{ ip: '10.1.2.2', port: 8080 }] });
    const r = probe(c.world, { from: { kind: 'outside', ip: ip('1.2.3.4') }, to: ip('192.168.16.1'), protocol: 'TCP', dstPort: 30080 });
    expect(r).toMatchObject({ allowed: true, replySource: { ip: ip('192.168.16.1'), port: 30080 }, sourceSeenByBackend: { ip: ip('192.168.30.1') } });
  });

  it('probe() lets outside traffic for an external IP enter at the named node', () => {
    const c = cluster();
    c.nodes.node2!.b.natMapping({ external: '1.1.1.100:443', locals: [{ ip: '10.1.2.2', port: 8443 }] });
    const r = probe(c.world, { from: { kind: 'outside', ip: ip('1.2.3.4'), enterAt: 'node2' }, to: ip('1.1.1.100'), protocol: 'TCP', dstPort: 443 });
    expect(r).toMatchObject({ allowed: true, backend: { ip: ip('10.1.2.2'), port: 8443 }, replySource: { ip: ip('1.1.1.100'), port: 443 } });
  });

  it('probe() hairpins a backend reaching its own service with self-twice-NAT, and fails without it', () => {
    const without = cluster();
    service(without, { external: `${VIP}:80`, locals: [{ ip: '10.1.1.3', port: 8080 }] });
    const plain = tcp(without, pod('node1', '10.1.1.3'), VIP, 80);
    expect(plain).toMatchObject({ allowed: false, failure: 'dropped', replySource: { ip: ip('10.1.1.3'), port: 8080 } });
    const c = cluster();
    service(c, { external: `${VIP}:80`, selfTwiceNat: true, locals: [{ ip: '10.1.1.3', port: 8080 }] });
    const r = tcp(c, pod('node1', '10.1.1.3'), VIP, 80);
    expect(r).toMatchObject({ allowed: true, deliveredTo: { ip: ip('10.1.1.3') }, replySource: { ip: ip(VIP), port: 80 } });
    expect(r.sourceSeenByBackend?.ip).toBe(ip(VIP));
  });

  it('probe() reaches a service from the node\'s host network', () => {
    const c = cluster();
    service(c, { external: `${VIP}:80`, locals: [{ ip: '10.1.2.2', port: 8080 }] });
    const r = tcp(c, { kind: 'host', node: 'node1' }, VIP, 80);
    expect(r).toMatchObject({ allowed: true, backend: { ip: ip('10.1.2.2') }, sourceSeenByBackend: { ip: ip('172.30.1.2') }, replySource: { ip: ip(VIP), port: 80 } });
  });

  it('probe() reports refused when an unreachable route answers with ICMP', () => {
    const c = cluster();
    for (const n of Object.values(c.nodes)) n.b.route('10.96.0.0/12', { type: 5 });
    const r = tcp(c, pod('node1', '10.1.1.2'), '10.96.0.99', 80);
    expect(r).toMatchObject({ allowed: false, failure: 'refused' });
    expect(r.reply?.end).toMatchObject({ kind: 'delivered', endpoint: { ip: ip('10.1.1.2') } });
    expect(r.forward.steps.at(-1)).toMatchObject({ step: 'ip4-lookup', verdict: 'refuse' });
  });

  it('probe() refuses or drops by the reject realisation of a service frontend, after DNAT of declared ports', () => {
    const c = cluster();
    service(c, { external: `${VIP}:80`, locals: [{ ip: '10.1.2.2', port: 8080 }] });
    for (const n of Object.values(c.nodes)) {
      n.b.natReject(VIP, 0, 0, 'reject', 'svc:default/web');
      n.b.natReject('10.96.0.20', IP_PROTO_TCP, 80, 'drop', 'svc:default/local-only:http');
    }
    const mapped = tcp(c, pod('node1', '10.1.1.2'), VIP, 80);
    expect(mapped).toMatchObject({ allowed: true, backend: { ip: ip('10.1.2.2'), port: 8080 }, replySource: { ip: ip(VIP), port: 80 } });
    const undeclared = tcp(c, pod('node1', '10.1.1.2'), VIP, 81);
    expect(undeclared).toMatchObject({ allowed: false, failure: 'refused' });
    expect(undeclared.forward.steps.at(-1)).toMatchObject({ step: 'ip4-lookup', table: `route ${VIP}/32 unreachable`, verdict: 'refuse' });
    const udp = probe(c.world, { from: pod('node1', '10.1.1.2'), to: ip(VIP), protocol: 'UDP', dstPort: 53 });
    expect(udp).toMatchObject({ failure: 'refused' });
    const local = tcp(c, pod('node1', '10.1.1.2'), '10.96.0.20', 80);
    expect(local).toMatchObject({ failure: 'dropped', reason: 'route 0.0.0.2/32 drop' });
    expect(local.forward.steps.find((s) => s.step === 'nat44-out2in')).toMatchObject({ table: 'reject:svc:default/local-only:http', verdict: 'translate' });
  });

  it('probe() is refused at a per-port reject, the ICMP error translated back through the NAT session to quote what the client sent', () => {
    const c = cluster();
    for (const n of Object.values(c.nodes)) n.b.natReject('10.96.0.30', IP_PROTO_TCP, 443, 'reject', 'svc:default/none:https');
    const r = tcp(c, pod('node1', '10.1.1.2'), '10.96.0.30', 443);
    expect(r).toMatchObject({ allowed: false, failure: 'refused' });
    expect(r.forward.steps.at(-1)).toMatchObject({ step: 'ip4-lookup', table: 'route 0.0.0.1/32 unreachable', verdict: 'refuse' });
    expect(r.reply?.steps[0]).toMatchObject({ node: 'node1', step: 'nat44-in2out', verdict: 'translate' });
    expect(r.reply?.end).toMatchObject({ kind: 'delivered', endpoint: { kind: 'pod', ip: ip('10.1.1.2') } });
  });

  it('probe() reports refused when the receiver does not listen, and dropped when the reset cannot come back', () => {
    const c = contivCluster([{ name: 'node1', id: 1, pods: [2, 3] }], { listening: (e, _p, port) => !(e.kind === 'pod' && port === 81) });
    expect(tcp(c, pod('node1', '10.1.1.2'), '10.1.1.3', 81)).toMatchObject({ allowed: false, failure: 'refused' });
    const n1 = c.nodes.node1!;
    n1.b.aclOn(n1.pods.get('10.1.1.2')!, { output: [n1.b.acl('only-from-8', [{ action: 'permit', src: '10.1.1.8/32' }])] });
    const lost = tcp(c, pod('node1', '10.1.1.2'), '10.1.1.3', 81);
    expect(lost).toMatchObject({ allowed: false, failure: 'dropped' });
    expect(lost.reason).toContain('the refusal did not reach the client');
  });

  it('probe() translates an ICMP error from the Internet back through the SNAT session', () => {
    const c = contivCluster([{ name: 'node1', id: 1, pods: [2] }], { listening: (e, _p, port) => !(e.kind === 'outside' && port === 54) });
    const r = probe(c.world, { from: pod('node1', '10.1.1.2'), to: ip('8.8.8.8'), protocol: 'UDP', dstPort: 54 });
    expect(r).toMatchObject({ allowed: false, failure: 'refused', sourceSeenByBackend: { ip: ip('192.168.16.1') } });
    expect(r.reply?.end).toMatchObject({ kind: 'delivered', packet: { src: ip('8.8.8.8'), dst: ip('10.1.1.2'), quoted: { src: ip('10.1.1.2'), dst: ip('8.8.8.8'), dstPort: 54 } } });
  });

  it('probe() lets an ICMP error through the reflective session of the flow it quotes', () => {
    const c = cluster();
    const n1 = c.nodes.node1!;
    for (const n of Object.values(c.nodes)) n.b.route('10.96.0.0/12', { type: 5 });
    const client = n1.pods.get('10.1.1.2')!;
    n1.b.aclOn(client, { output: [n1.b.acl('deny-all', [{ action: 'deny' }])] });
    const udp = () => probe(c.world, { from: pod('node1', '10.1.1.2'), to: ip('10.96.0.99'), protocol: 'UDP', dstPort: 53 });
    expect(udp()).toMatchObject({ failure: 'dropped' });
    n1.b.aclOn(client, { input: [n1.b.acl('reflect', [{ action: 'reflect', proto: 17 }])] });
    expect(udp()).toMatchObject({ failure: 'refused' });
  });

  it('probe() distinguishes VPP\'s own addresses: UDP is refused, TCP without host stack is dropped', () => {
    const c = cluster();
    expect(probe(c.world, { from: pod('node1', '10.1.1.2'), to: ip('192.168.16.1'), protocol: 'UDP', dstPort: 9 })).toMatchObject({ failure: 'refused' });
    expect(tcp(c, pod('node1', '10.1.1.2'), '192.168.16.1', 31000)).toMatchObject({ failure: 'dropped' });
    c.nodes.node1!.b.state.session.enabled = true;
    expect(tcp(c, pod('node1', '10.1.1.2'), '192.168.16.1', 31000)).toMatchObject({ failure: 'refused' });
  });

  it('probe() delivers a pod\'s connection to its own address inside the pod', () => {
    const c = cluster();
    const r = tcp(c, pod('node1', '10.1.1.2'), '10.1.1.2', 80);
    expect(r).toMatchObject({ allowed: true, deliveredTo: { kind: 'pod', ip: ip('10.1.1.2') } });
    expect(r.forward.steps).toHaveLength(1);
  });

  it('probe() drops a packet caught in a routing loop when its TTL runs out', () => {
    const c = cluster();
    c.nodes.node1!.b.route('10.50.0.0/16', { via: '192.168.30.2' });
    c.nodes.node2!.b.route('10.50.0.0/16', { via: '192.168.30.1' });
    const r = tcp(c, pod('node1', '10.1.1.2'), '10.50.0.1', 80);
    expect(r).toMatchObject({ failure: 'dropped', reason: 'TTL expired forwarding to 10.50.0.1' });
  });

  it('probe() drops traffic to an internal address nobody routes', () => {
    const c = cluster();
    expect(tcp(c, pod('node1', '10.1.1.2'), '10.1.9.9', 80).reason).toBe('gateway has no route to internal address 10.1.9.9');
  });

  it('probe() applies local and global session rules of the VPP host stack', () => {
    const c = cluster();
    const n1 = c.nodes.node1!, n2 = c.nodes.node2!;
    n1.b.state.session.enabled = true;
    n2.b.state.session.enabled = true;
    const ns1 = n1.b.appNamespace('pod-10.1.1.2', n1.pods.get('10.1.1.2')!);
    n1.b.sessionRule({ scope: 2, appns: ns1, rmt: '10.1.2.0/24', rmtPort: 22, action: 'deny', tag: 'egress-no-ssh' });
    n2.b.sessionRule({ scope: 1, lcl: '10.1.2.2/32', lclPort: 80, rmt: '10.1.1.3/32', action: 'deny', tag: 'ingress-block' });
    const egress = tcp(c, pod('node1', '10.1.1.2'), '10.1.2.2', 22);
    expect(egress).toMatchObject({ allowed: false, failure: 'dropped' });
    expect(egress.forward.steps[0]).toMatchObject({ step: 'session-rules-local', verdict: 'deny', table: 'egress-no-ssh' });
    expect(tcp(c, pod('node1', '10.1.1.2'), '10.1.2.2', 80).allowed).toBe(true);
    const ingress = tcp(c, pod('node1', '10.1.1.3'), '10.1.2.2', 80);
    expect(ingress.forward.steps.at(-1)).toMatchObject({ node: 'node2', step: 'session-rules-global', verdict: 'deny', table: 'ingress-block' });
  });

  it('probe() reports an unknown source pod as dropped', () => {
    const c = cluster();
    expect(tcp(c, pod('node1', '10.1.1.77'), '10.1.2.2', 80)).toMatchObject({ allowed: false, failure: 'dropped', reason: 'no pod 10.1.1.77 on node1' });
  });
});
