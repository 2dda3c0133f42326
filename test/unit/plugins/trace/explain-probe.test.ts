import { describe, expect, it } from 'vitest';
import { parseIp4 } from '../../../../plugins/net/ipv4.ts';
import type { AclRuleExplanation } from '../../../../plugins/policy/api.ts';
import { explainProbe, type TraceProvenance } from '../../../../plugins/trace/explain-probe.ts';
import type { ProbeResult } from '../../../../plugins/vpp/sim/tracer/probe.ts';
import type { TraceStep } from '../../../../plugins/vpp/sim/tracer/trace.ts';

const A = parseIp4('10.1.1.2'), B = parseIp4('10.1.1.3');
const SYN = { src: B, dst: A, proto: 6, srcPort: 40000, dstPort: 80, tcpFlags: 2, ttl: 63 };
const ACL = 'contiv/vpp-policy-1';

const rules: Record<number, AclRuleExplanation> = {
  0: {
    acl: ACL, ruleIndex: 0, rule: 'permit TCP 10.1.1.3/32:* -> any:80', table: 'local', tableId: '1',
    sources: [{
      pod: 'x/a', origins: [{ kind: 'policy', ref: { policy: 'x/p1', direction: 'ingress', rule: 0 } }],
      peer: { pod: 'x/b', origins: [{ kind: 'policy', ref: { policy: 'x/p3', direction: 'egress', rule: 1 } }] },
      note: 'combined: allowed only where both pods allow it',
    }],
  },
  4: {
    acl: ACL, ruleIndex: 4, rule: 'deny ANY any -> any', table: 'local', tableId: '1',
    sources: [{ pod: 'x/a', origins: [{ kind: 'isolation', direction: 'ingress', policies: ['x/p2', 'x/p1'] }] }],
  },
};

const provenance: TraceProvenance = {
  aclRule: (acl, rule) => (acl === ACL ? rules[rule] : undefined),
  serviceByTag: (tag) => (tag === 'svc:x/web:80' ? { service: 'x/web', port: 80, portName: 'http' } : undefined),
  interfaceTag: (name) => ({ tap1: 'tap-a', tap2: 'tap-b' })[name],
  podByInterface: (tag) => ({ 'tap-a': 'x/a', 'tap-b': 'x/b' })[tag],
  podAt: (_node, ip) => (ip === A ? 'x/a' : ip === B ? 'x/b' : undefined),
  policiesOf: (pod) => (pod === 'x/a' ? ['x/p1', 'x/p2'] : []),
  steps: { explain: (s) => (s.table === ACL ? `origin of rule ${s.rule}` : undefined) },
};

const step = (s: Partial<TraceStep> & Pick<TraceStep, 'step'>): TraceStep => ({ node: 'node-1', detail: s.step, packet: 'p', ...s });
const spec = { from: 'x/b', to: 'svc:x/web', port: 80, protocol: 'TCP' as const };

describe('explainProbe', () => {
  it('explainProbe() names the isolating policies, the Service and the deciding step of a denied probe', () => {
    const r: ProbeResult = {
      allowed: false, failure: 'dropped', reason: `ACL ${ACL} rule 4 DENY (output of tap1)`, srcPort: 40000,
      forward: {
        steps: [
          step({ step: 'rx', interface: 'tap2' }),
          step({ step: 'nat44-out2in', interface: 'tap2', table: 'svc:x/web:80', rule: 0, verdict: 'translate' }),
          step({ step: 'acl-output', interface: 'tap1', table: ACL, rule: 4, verdict: 'deny' }),
        ],
        end: { kind: 'dropped', node: 'node-1', reason: `ACL ${ACL} rule 4 DENY (output of tap1)` },
      },
    };
    const t = explainProbe(spec, r, provenance, 'node-1');
    expect(t).toMatchObject({ from: 'x/b', to: 'svc:x/web', allowed: false, failure: 'dropped', node: 'node-1', sourcePort: 40000, decidedBy: 2 });
    expect(t.reason).toBe(`dropped: ACL ${ACL} rule 4 DENY (output of tap1) (origin of rule 4)`);
    expect(t.trace.map((e) => [e.step, e.interfaceTag, e.pod])).toEqual([
      ['rx', 'tap-b', 'x/b'], ['nat44-out2in', 'tap-b', 'x/b'], ['acl-output', 'tap-a', 'x/a'], ['dropped', undefined, undefined],
    ]);
    expect(t.trace[1]?.service).toEqual({ service: 'x/web', port: 80, portName: 'http', tag: 'svc:x/web:80' });
    expect(t.trace[2]).toMatchObject({ policyRule: rules[4], origins: ['ingress isolation by x/p2,x/p1'], origin: 'origin of rule 4' });
    expect(t.policies).toEqual([
      { policy: 'x/p1', direction: 'ingress', effect: 'isolates', pod: 'x/a' },
      { policy: 'x/p2', direction: 'ingress', effect: 'isolates', pod: 'x/a' },
    ]);
    expect(t.services).toEqual([{ service: 'x/web', port: 80, portName: 'http', tag: 'svc:x/web:80' }]);
  });

  it('explainProbe() credits both pods\' policy rules of a combined rule and decides on the opening packet\'s permit', () => {
    const r: ProbeResult = {
      allowed: true, reason: 'pod 10.1.1.2 answered', srcPort: 40000,
      forward: {
        steps: [step({ step: 'rx', interface: 'tap2' }), step({ step: 'acl-output', interface: 'tap1', table: ACL, rule: 0, verdict: 'permit' }), step({ step: 'endpoint', verdict: 'deliver' })],
        end: { kind: 'delivered', endpoint: { kind: 'pod', node: 'node-1', ip: A, interface: 'tap1' }, packet: SYN },
      },
      reply: {
        steps: [step({ step: 'acl-input', interface: 'tap1', table: 'contiv/vpp-policy-REFLECTION', rule: 0, verdict: 'permit' })],
        end: { kind: 'delivered', endpoint: { kind: 'pod', node: 'node-1', ip: B, interface: 'tap2' }, packet: { ...SYN, src: A, dst: B, srcPort: 80, dstPort: 40000 } },
      },
      deliveredTo: { kind: 'pod', node: 'node-1', ip: A, interface: 'tap1' },
      backend: { ip: A, port: 80 }, sourceSeenByBackend: { ip: B, port: 40000 },
    };
    const t = explainProbe(spec, r, provenance, 'node-1');
    expect(t).toMatchObject({ allowed: true, backend: 'x/a', backendPort: 80, sourceIP: '10.1.1.3', decidedBy: 1 });
    expect(t.trace.map((e) => `${e.direction} ${e.step}`)).toEqual(['forward rx', 'forward acl-output', 'forward endpoint', 'forward delivered', 'reply acl-input', 'reply delivered']);
    expect(t.trace[1]?.origins).toEqual(['x/p1 ingress[0]', 'x/p3 egress[1]', 'combined: allowed only where both pods allow it']);
    expect(t.trace[4]?.policyRule).toBeUndefined();
    expect(t.policies).toEqual([
      { policy: 'x/p1', direction: 'ingress', rule: 0, effect: 'allows', pod: 'x/a' },
      { policy: 'x/p3', direction: 'egress', rule: 1, effect: 'allows', pod: 'x/b' },
    ]);
    expect(t.services).toEqual([]);
  });

  it('explainProbe() lists the policies selecting the pod of a session-rule step', () => {
    const r: ProbeResult = {
      allowed: false, failure: 'dropped', reason: 'session rule DROP', srcPort: 40000,
      forward: {
        steps: [step({ step: 'session-rules-global', interface: 'tap1', table: 'contiv-policy-XYZ', rule: 3, verdict: 'deny' })],
        end: { kind: 'dropped', node: 'node-1', reason: 'session rule DROP' },
      },
    };
    const t = explainProbe(spec, r, provenance, 'node-1');
    expect(t.trace[0]?.note).toBe('session rules of x/a come from x/p1, x/p2');
    expect(t.policies.map((p) => `${p.policy} ${p.effect} ${p.pod}`)).toEqual(['x/p1 selects x/a', 'x/p2 selects x/a']);
    expect(t.decidedBy).toBe(0);
  });
});
