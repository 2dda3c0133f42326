import { describe, expect, it } from 'vitest';
import { formatCidr, parseIp4 } from '../../../../plugins/net/ipv4.ts';
import { contivRule } from '../../../../plugins/policy/contiv-rule.ts';
import type { FrontendTarget } from '../../../../plugins/policy/frontend-rules.ts';
import { frontendKey, frontendTemplate, frontendVerdict, sameBackends, tableAllows } from '../../../../plugins/policy/frontend-rules.ts';
import type { SessionRuleTemplate } from '../../../../plugins/policy/session-rule-export.ts';
import { isolated, TCP, to, UDP } from './rules-fixtures.ts';

const CLUSTER_IP = '10.96.0.10';

function front(proto: 'tcp' | 'udp', port: number, ...backends: [string, number][]): FrontendTarget {
  return { proto, ip: parseIp4(CLUSTER_IP), port, backends: backends.map(([ip, p]) => ({ ip: parseIp4(ip), port: p })) };
}

const text = (t: SessionRuleTemplate | undefined): string | undefined => t && `${t.proto} ${formatCidr(t.peer)}:${t.port} ${t.action}`;

// Egress of a pod: TCP 8080 to 10.1.2.0/24, anything to 10.1.1.3, the rest denied.
const RULES = isolated(to('10.1.2.0/24', TCP, 8080), to('10.1.1.3/32')).rules;

describe('tableAllows', () => {
  it('tableAllows() answers with the first matching rule and denies when none matches', () => {
    expect(tableAllows(RULES, 'tcp', parseIp4('10.1.2.7'), 8080)).toBe(true);
    expect(tableAllows(RULES, 'tcp', parseIp4('10.1.2.7'), 80)).toBe(false);
    expect(tableAllows(RULES, 'udp', parseIp4('10.1.2.7'), 8080)).toBe(false);
    expect(tableAllows(RULES, 'udp', parseIp4('10.1.1.3'), 53)).toBe(true);
    expect(tableAllows([], 'tcp', parseIp4('10.1.1.3'), 80)).toBe(false);
  });

  it('tableAllows() lets an earlier DENY win over a later PERMIT', () => {
    const rules = [contivRule({ action: 'deny', proto: TCP, dst: { addr: parseIp4('10.1.2.7'), len: 32 } }), ...RULES];
    expect(tableAllows(rules, 'tcp', parseIp4('10.1.2.7'), 8080)).toBe(false);
    expect(tableAllows(rules, 'tcp', parseIp4('10.1.2.8'), 8080)).toBe(true);
  });
});

describe('frontendVerdict', () => {
  it('frontendVerdict() allows when every backend on its target port is allowed', () => {
    expect(frontendVerdict(RULES, front('tcp', 80, ['10.1.2.7', 8080], ['10.1.2.9', 8080]))).toBe('allow');
  });

  it('frontendVerdict() denies when some backend is denied (fail closed)', () => {
    expect(frontendVerdict(RULES, front('tcp', 80, ['10.1.2.7', 8080], ['10.1.2.9', 80]))).toBe('deny');
    expect(frontendVerdict(RULES, front('tcp', 80, ['10.1.1.9', 8080]))).toBe('deny');
  });

  it('frontendVerdict() is undefined when the frontend has no backend', () => {
    expect(frontendVerdict(RULES, front('tcp', 80))).toBeUndefined();
  });
});

describe('frontendTemplate', () => {
  it('frontendTemplate() allows the frontend /32 on its port where the table denies the frontend address', () => {
    expect(text(frontendTemplate(RULES, front('tcp', 80, ['10.1.2.7', 8080]), true))).toBe('tcp 10.96.0.10/32:80 allow');
    expect(text(frontendTemplate(RULES, front('udp', 53, ['10.1.1.3', 5353]), true))).toBe('udp 10.96.0.10/32:53 allow');
  });

  it('frontendTemplate() denies the frontend where the table allows its address but not a backend', () => {
    const rules = isolated(to('10.96.0.0/12'), to('10.1.2.0/24', UDP)).rules;
    expect(text(frontendTemplate(rules, front('tcp', 80, ['10.1.2.7', 8080]), true))).toBe('tcp 10.96.0.10/32:80 deny');
  });

  it('frontendTemplate() emits nothing when the table already gives the frontend its backends\' verdict', () => {
    expect(frontendTemplate(RULES, front('tcp', 80, ['10.1.1.9', 8080]), true)).toBeUndefined();
    expect(frontendTemplate(isolated(to('0.0.0.0/0')).rules, front('tcp', 80, ['10.1.2.7', 8080]), true)).toBeUndefined();
  });

  it('frontendTemplate() always emits for a table whose export is not exact (truncated ranges)', () => {
    expect(text(frontendTemplate(RULES, front('tcp', 80, ['10.1.1.9', 8080]), false))).toBe('tcp 10.96.0.10/32:80 deny');
  });

  it('frontendTemplate() emits nothing for a frontend without backends (the Service refuses it)', () => {
    expect(frontendTemplate(RULES, front('tcp', 80), false)).toBeUndefined();
  });
});

describe('frontendKey', () => {
  it('frontendKey() names protocol, address and port; sameBackends() compares backends in order', () => {
    const a = front('tcp', 80, ['10.1.2.7', 8080]);
    expect(frontendKey(a)).toBe('tcp 10.96.0.10:80');
    expect(sameBackends(a, front('udp', 53, ['10.1.2.7', 8080]))).toBe(true);
    expect(sameBackends(a, front('tcp', 80, ['10.1.2.7', 8081]))).toBe(false);
    expect(sameBackends(a, front('tcp', 80, ['10.1.2.7', 8080], ['10.1.2.8', 8080]))).toBe(false);
  });
});
