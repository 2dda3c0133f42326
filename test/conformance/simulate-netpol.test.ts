import { describe, expect, it } from 'vitest';
import { simulateManifests, simulateScenario } from '../../cluster/simulation.ts';
import { CONFORMANCE_CASES } from './netpol-cases.ts';
import { caseAsScenario, mismatches } from './simulate-netpol.ts';

/** VPP session rules only see TCP and UDP (SCTP never reaches the host stack). */
const PROTOCOLS = { acl: ['TCP', 'UDP', 'SCTP'], vpptcp: ['TCP', 'UDP'] } as const;

/*
 * VPPTCP via Services: a pod's egress is checked at connect time, before NAT44; its session
 * rules give each Service frontend the verdict of the backends' real IPs (frontend-rules.ts).
 */
describe.each([['acl', 'service'], ['vpptcp', 'service'], ['vpptcp', 'pod']] as const)('simulate --scenario: upstream NetworkPolicy model, --renderer %s, probes via %s', (renderer, via) => {
  it.each(CONFORMANCE_CASES.map((c) => [c.name, c] as const))('%s', async (_name, testCase) => {
    const { scenario, oracles } = caseAsScenario(testCase, PROTOCOLS[renderer], via);
    const out = await simulateScenario(scenario, { renderer });
    expect(out.steps.map((s) => s.results.length)).toEqual(scenario.steps.map((s) => s.probes.length));
    const found = out.steps.flatMap((s, i) => mismatches(s, oracles[i]!, `step ${i}`));
    expect(found.map((m) => m.text).slice(0, 10)).toEqual([]);
  });
});

describe.each([['acl', 'service'], ['vpptcp', 'service'], ['vpptcp', 'pod']] as const)('simulate -f (single state): upstream NetworkPolicy model, --renderer %s, probes via %s', (renderer, via) => {
  const single = CONFORMANCE_CASES.filter((c) => c.steps.length === 1);
  it.each(single.map((c) => [c.name, c] as const))('%s', async (_name, testCase) => {
    const { scenario, oracles } = caseAsScenario(testCase, PROTOCOLS[renderer], via);
    const step = scenario.steps[0]!;
    const out = await simulateManifests(step.apply, { probes: step.probes, source: (i) => `probes[${i}]` }, { renderer });
    expect(out.results).toHaveLength(step.probes.length);
    expect(mismatches(out, oracles[0]!, 'state').map((m) => m.text).slice(0, 10)).toEqual([]);
  });
});
