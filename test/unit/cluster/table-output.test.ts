import { describe, expect, it } from 'vitest';
import type { ProbeResultView } from '../../../cluster/probe-result.ts';
import { reachabilityMatrices, scenarioTable, stepTable } from '../../../cluster/table-output.ts';

const r = (from: string, to: string, allowed: boolean, extra: Partial<ProbeResultView> = {}): ProbeResultView => ({ from, to, port: 80, protocol: 'TCP', allowed, reason: allowed ? 'ok' : 'dropped: ACL x', trace: [], ...extra });

describe('reachabilityMatrices', () => {
  it('reachabilityMatrices() draws one matrix per protocol/port with . X R and blanks for pairs not probed', () => {
    expect(reachabilityMatrices([
      r('x/a', 'x/b', true), r('x/a', 'x/c', false), r('x/b', 'x/c', false, { failure: 'refused' }), r('x/b', 'x/b', true, { port: 81 }),
    ])).toEqual([
      '  TCP/80  x/b  x/c',
      '  x/a     .    X',
      '  x/b          R',
      '',
      '  TCP/81  x/b',
      '  x/b     .',
      '',
    ]);
  });
});

describe('stepTable', () => {
  it('stepTable() prints nodes, pods, services, matrices, who answered and the reasons of denied cells', () => {
    const text = stepTable({
      nodes: [{ name: 'n1', address: '192.168.16.1', podCIDR: '10.1.1.0/24' }],
      pods: [{ namespace: 'x', name: 'a', node: 'n1', ip: '10.1.1.2' }, { namespace: 'x', name: 'p', node: 'n1', ip: null }],
      services: [{ namespace: 'x', name: 's', clusterIP: '10.96.0.2' }],
      results: [r('x/a', 'svc:x/s', true, { backend: 'x/a', backendPort: 8080, sourceIP: '10.1.1.1', backends: ['x/a'] }), r('x/a', 'x/b', false, { failure: 'dropped' })],
    });
    expect(text.split('\n')).toEqual([
      'NODES', '  n1  192.168.16.1  10.1.1.0/24', '',
      'PODS', '  x/a  n1  10.1.1.2', '  x/p  n1  -', '',
      'SERVICES', '  x/s  10.96.0.2', '',
      'REACHABILITY (. allowed, X dropped, R refused)', '  TCP/80  svc:x/s  x/b', '  x/a     .        X', '',
      'ANSWERED BY', '  x/a -> svc:x/s TCP/80  x/a:8080  saw 10.1.1.1  backends x/a', '',
      'DENIED', '  x/a -> x/b TCP/80: dropped: ACL x',
    ]);
  });

  it('scenarioTable() heads every step and prints nodes, pods and services only when they changed', () => {
    const step = { nodes: [], pods: [], services: [], results: [] };
    const moved = { ...step, pods: [{ namespace: 'x', name: 'a', node: 'n1', ip: '10.1.1.2' }] };
    expect(scenarioTable({ steps: [step, step, moved] })).toBe('=== STEP 0 ===\nNODES\n\nPODS\n\n=== STEP 1 ===\nNODES, PODS, SERVICES unchanged\n\n=== STEP 2 ===\nNODES\n\nPODS\n  x/a  n1  10.1.1.2');
  });
});
