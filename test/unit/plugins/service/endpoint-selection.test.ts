import { describe, expect, it } from 'vitest';
import { isUsable, selectEndpoints } from '../../../../plugins/service/endpoint-selection.ts';
import type { EndpointCandidate } from '../../../../plugins/service/service-model.ts';

/** An endpoint by shorthand: R ready, S serving, T terminating, L local. */
function ep(ip: string, flags: string): EndpointCandidate {
  return {
    ip,
    port: 8080,
    ready: flags.includes('R'),
    serving: flags.includes('S') || flags.includes('R'),
    terminating: flags.includes('T'),
    local: flags.includes('L'),
  };
}

const ips = (sel: ReturnType<typeof selectEndpoints>): string[] => sel.endpoints.map((e) => e.ip);

describe('selectEndpoints', () => {
  it.each([
    // [case, endpoints, policy, expected ips, action]
    ['ready endpoints only', [ep('1', 'R'), ep('2', ''), ep('3', 'RL')], 'Cluster', ['1', '3'], 'forward'],
    ['not-ready endpoints are never used', [ep('1', ''), ep('2', 'L')], 'Cluster', [], 'reject'],
    ['serving terminating endpoints are ignored while a ready one exists', [ep('1', 'R'), ep('2', 'STL')], 'Cluster', ['1'], 'forward'],
    ['serving terminating endpoints are the fallback when nothing is ready', [ep('1', 'ST'), ep('2', 'T'), ep('3', '')], 'Cluster', ['1'], 'forward'],
    ['non-serving terminating endpoints are never used', [ep('1', 'T')], 'Cluster', [], 'reject'],
    ['no endpoints at all are refused', [], 'Cluster', [], 'reject'],
    ['Local uses only this node\'s ready endpoints', [ep('1', 'R'), ep('2', 'RL')], 'Local', ['2'], 'forward'],
    ['Local without a local endpoint drops when others exist', [ep('1', 'R')], 'Local', [], 'drop'],
    ['Local without any usable endpoint refuses', [ep('1', 'L'), ep('2', '')], 'Local', [], 'reject'],
    ['Local falls back to local serving terminating endpoints', [ep('1', 'R'), ep('2', 'STL')], 'Local', ['2'], 'forward'],
    ['Local prefers local ready over local terminating', [ep('1', 'RL'), ep('2', 'STL')], 'Local', ['1'], 'forward'],
    ['Local counts remote terminating endpoints as usable (drop, not reject)', [ep('1', 'ST')], 'Local', [], 'drop'],
  ] as const)('selectEndpoints() %s', (_name, eps, policy, expected, action) => {
    const sel = selectEndpoints(eps, policy);
    expect(ips(sel)).toEqual(expected);
    expect(sel.action).toBe(action);
  });

  it('selectEndpoints() explains its choice when falling back to terminating endpoints', () => {
    expect(selectEndpoints([ep('1', 'ST')], 'Cluster').reason).toMatch(/serving terminating/);
    expect(selectEndpoints([ep('1', 'R')], 'Local').reason).toMatch(/no local endpoints/);
  });
});

describe('isUsable', () => {
  it('isUsable() is true for ready and for serving terminating endpoints only', () => {
    expect([ep('a', 'R'), ep('b', 'ST'), ep('c', 'S'), ep('d', 'T'), ep('e', '')].map(isUsable)).toEqual([true, true, false, false, false]);
  });
});
