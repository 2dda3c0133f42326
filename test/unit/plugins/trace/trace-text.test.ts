import { describe, expect, it } from 'vitest';
import { describeInvolvement, formatTraceText } from '../../../../plugins/trace/trace-text.ts';
import type { TraceResult } from '../../../../plugins/trace/trace-result.ts';

const denied: TraceResult = {
  from: 'x/c', to: 'svc:x/web', port: 8080, protocol: 'TCP', allowed: false, failure: 'dropped',
  reason: 'dropped: ACL A rule 4 DENY (output of tap1) (deny ANY any -> any — x/a: ingress isolation by x/p)',
  trace: [
    { direction: 'forward', node: 'node-1', step: 'rx', detail: 'received on tap3', interface: 'tap3', packet: 'P', interfaceTag: 'tap-c', pod: 'x/c' },
    {
      direction: 'forward', node: 'node-1', step: 'nat44-out2in', detail: 'mapping svc:x/web:8080', interface: 'tap3', table: 'svc:x/web:8080', verdict: 'translate', packet: 'P',
      origin: 'Service x/web port http (8080/TCP)', service: { service: 'x/web', port: 8080, portName: 'http', tag: 'svc:x/web:8080' },
    },
    { direction: 'forward', node: 'node-1', step: 'ip4-lookup', detail: 'route', interface: 'tap3', verdict: 'forward', packet: 'P', interfaceTag: 'tap-vpp2', origin: 'o' },
    {
      direction: 'forward', node: 'node-1', step: 'acl-output', detail: 'A rule 4 DENY', interface: 'tap1', table: 'A', rule: 4, verdict: 'deny', packet: 'P', pod: 'x/a',
      policyRule: { acl: 'A', ruleIndex: 4, rule: 'deny ANY any -> any', table: 'local', sources: [] }, origins: ['ingress isolation by x/p'], origin: 'ignored: policyRule says it',
    },
    { direction: 'forward', node: 'node-1', step: 'dropped', detail: 'ACL A rule 4 DENY (output of tap1)' },
  ],
  node: 'node-1', sourcePort: 40000, decidedBy: 3,
  policies: [{ policy: 'x/p', direction: 'ingress', effect: 'isolates', pod: 'x/a' }],
  services: [{ service: 'x/web', port: 8080, portName: 'http', tag: 'svc:x/web:8080' }],
};

describe('formatTraceText', () => {
  it('formatTraceText() prints the verdict, numbered steps with their provenance, the end, the policies and the Services', () => {
    expect(formatTraceText(denied).split('\n')).toEqual([
      'x/c → svc:x/web TCP 8080: DENIED (dropped) (traced on node-1, client port 40000)',
      `reason: ${denied.reason}`,
      '',
      'opening packet:',
      '   1. node-1 rx tap3 (x/c): received on tap3',
      '       packet P',
      '   2. node-1 nat44-out2in tap3 [translate]: mapping svc:x/web:8080',
      '       packet P',
      '       service: x/web port 8080 (http) [svc:x/web:8080]',
      '   3. node-1 ip4-lookup tap3 (tap-vpp2) [forward]: route',
      '       packet P',
      '       origin: o',
      '>  4. node-1 acl-output tap1 (x/a) [deny]: A rule 4 DENY',
      '       packet P',
      '       rule: local table rule 4: deny ANY any -> any',
      '       from: ingress isolation by x/p',
      '  end: dropped at node-1: ACL A rule 4 DENY (output of tap1)',
      '',
      'policies:',
      '  x/p isolates x/a ingress: what no rule allows is denied',
      'services:',
      '  x/web port 8080 (http) [svc:x/web:8080]',
    ]);
  });

  it('formatTraceText() says who answered an allowed probe and that no policy restricts it', () => {
    const text = formatTraceText({
      ...denied, allowed: true, failure: undefined, backend: 'x/a', backendPort: 80, sourceIP: '10.1.1.4', reason: 'allowed',
      trace: [], policies: [], services: [],
    } as TraceResult);
    expect(text.split('\n')).toEqual([
      'x/c → svc:x/web TCP 8080: ALLOWED (traced on node-1, client port 40000)',
      'reason: allowed',
      'answered by x/a on port 80, which saw the client as 10.1.1.4',
      '',
      'policies:',
      '  none restricts this traffic',
    ]);
  });
});

describe('describeInvolvement', () => {
  it.each([
    [{ policy: 'x/p', direction: 'egress' as const, rule: 2, effect: 'allows' as const, pod: 'x/a' }, 'x/p egress rule 2 allows this traffic of x/a'],
    [{ policy: 'x/p', effect: 'selects' as const, pod: 'x/a' }, 'x/p selects x/a'],
  ])('describeInvolvement(%j) is "%s"', (p, text) => {
    expect(describeInvolvement(p)).toBe(text);
  });
});
