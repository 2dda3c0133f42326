import { describe, expect, it } from 'vitest';
import { shapeProbeResult, type EndpointNames, type StepExplainer } from '../../../cluster/probe-result.ts';
import { parseIp4 } from '../../../plugins/net/ipv4.ts';
import type { ProbeResult } from '../../../plugins/vpp/sim/tracer/probe.ts';
import type { Trace } from '../../../plugins/vpp/sim/tracer/trace.ts';

const ip = parseIp4;
const names: EndpointNames = { podAt: (node, addr) => (node === 'node-1' && addr === ip('10.1.1.3') ? 'x/b' : node === 'node-2' && addr === ip('10.1.2.2') ? 'x/c' : undefined) };
const explainer: StepExplainer = {
  explain: (s) => (s.table === 'acl-t' ? `x/b: ingress isolation by x/deny` : s.table === 'svc:x/web:80' ? 'Service x/web port 80 (80/TCP)' : undefined),
};

const pkt = { src: ip('10.1.1.2'), dst: ip('10.1.1.3'), proto: 6, srcPort: 40000, dstPort: 80, tcpFlags: 2, ttl: 64 };

function delivered(podIp: string, node: string, steps: Trace['steps'] = []): Trace {
  return { steps, end: { kind: 'delivered', endpoint: { kind: 'pod', node, ip: ip(podIp), interface: 'tap-1' }, packet: { ...pkt, dst: ip(podIp) } } };
}

function allowedTo(podIp: string, node: string): ProbeResult {
  const nat = { node: 'node-1', step: 'nat44-out2in' as const, detail: 'DNAT', table: 'svc:x/web:80', verdict: 'translate' as const, packet: 'p' };
  return {
    allowed: true, reason: 'answered', srcPort: 40000,
    forward: delivered(podIp, node, [nat]), reply: delivered('10.1.1.2', 'node-1'),
    deliveredTo: { kind: 'pod', node, ip: ip(podIp), interface: 'tap-1' },
    backend: { ip: ip(podIp), port: 8080 }, sourceSeenByBackend: { ip: ip('10.1.1.2'), port: 40000 },
  };
}

const denied: ProbeResult = {
  allowed: false, failure: 'dropped', reason: 'ACL acl-t rule 2 DENY (output of tap-1)', srcPort: 40001,
  forward: {
    steps: [{ node: 'node-1', step: 'acl-output', detail: 'deny', interface: 'tap-1', table: 'acl-t', rule: 2, verdict: 'deny', packet: 'p' }],
    end: { kind: 'dropped', node: 'node-1', reason: 'ACL acl-t rule 2 DENY (output of tap-1)' },
  },
};

describe('shapeProbeResult', () => {
  it('shapeProbeResult() names the backend, its port, the source it saw and the Service when allowed', () => {
    const r = shapeProbeResult({ from: 'x/a', to: 'svc:x/web', port: 80, protocol: 'TCP' }, [allowedTo('10.1.1.3', 'node-1')], names, explainer);
    expect(r).toMatchObject({ from: 'x/a', to: 'svc:x/web', port: 80, protocol: 'TCP', allowed: true, backend: 'x/b', backendPort: 8080, sourceIP: '10.1.1.2' });
    expect(r.backends).toBeUndefined();
    expect(r.failure).toBeUndefined();
    expect(r.reason).toBe('allowed: answered; NAT44 svc:x/web:80 on node-1: Service x/web port 80 (80/TCP)');
    expect(r.trace.map((t) => `${t.direction}:${t.step}`)).toEqual(['forward:nat44-out2in', 'forward:delivered', 'reply:delivered']);
    expect(r.trace[0]!.origin).toBe('Service x/web port 80 (80/TCP)');
  });

  it('shapeProbeResult() names the deciding rule and its policy when dropped', () => {
    const r = shapeProbeResult({ from: 'x/a', to: 'x/b', port: 80, protocol: 'TCP' }, [denied], names, explainer);
    expect(r).toMatchObject({ allowed: false, failure: 'dropped' });
    expect(r.reason).toBe('dropped: ACL acl-t rule 2 DENY (output of tap-1) (x/b: ingress isolation by x/deny)');
    expect(r.backend).toBeUndefined();
  });

  it('shapeProbeResult() lists distinct sorted backends and shows the first failure when attempts vary', () => {
    const attempts = [allowedTo('10.1.2.2', 'node-2'), allowedTo('10.1.1.3', 'node-1'), denied, allowedTo('10.1.2.2', 'node-2')];
    const r = shapeProbeResult({ from: 'x/a', to: 'svc:x/web', port: 80, protocol: 'TCP', attempts: 4 }, attempts, names, explainer);
    expect(r.backends).toEqual(['x/b', 'x/c']);
    expect(r.allowed).toBe(false);
    expect(r.failure).toBe('dropped');
  });

  it('shapeProbeResult() names an unknown receiver by address', () => {
    const r = shapeProbeResult({ from: 'x/a', to: 'ip:10.1.9.9', port: 80, protocol: 'TCP' }, [allowedTo('10.1.9.9', 'node-1')], names, explainer);
    expect(r.backend).toBe('ip:10.1.9.9');
  });
});
