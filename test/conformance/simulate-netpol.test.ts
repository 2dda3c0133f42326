import { describe, expect, it } from 'vitest';
import { simulateManifests, simulateScenario } from '../../cluster/simulation.ts';
import { CONFORMANCE_CASES } from './netpol-cases.ts';
import { caseAsScenario, mismatches } from './simulate-netpol.ts';

/** VPP session rules only see TCP and UDP (SCTP never reaches the host stack). */
const PROTOCOLS = { acl: ['TCP', 'UDP', 'SCTP'], vpptcp: ['TCP', 'UDP'] } as const;

/**
 * Known gap of the VPPTCP renderer (reported): a pod's egress rules are session rules of its own
 * app namespace, checked when it connects — to the Service's cluster IP, before NAT44 translates
 * it — so an egress allow of pod IPs or named ports does not match connections through a
 * Service and they are filtered. Probed at pod IPs these cases agree with the oracle.
 */
const VPPTCP_EGRESS_VIA_SERVICE = new Set([
  'should allow egress access on one named port',
  'should support denying of egress traffic on the client side (even if the server explicitly allows this traffic)',
  'should enforce egress policy allowing traffic to a server in a different namespace based on PodSelector and NamespaceSelector',
  'should allow egress access to server in CIDR block',
  'should enforce except clause while egress access to server in CIDR block',
  'should ensure an IP overlapping both IPBlock.CIDR and IPBlock.Except is allowed',
  'should enforce policies to check ingress and egress policies can be controlled independently based on PodSelector',
  'contiv-ts: named egress ports resolve per destination pod, never through an ipBlock',
]);

describe.each([['acl', 'service'], ['vpptcp', 'service'], ['vpptcp', 'pod']] as const)('simulate --scenario: upstream NetworkPolicy model, --renderer %s, probes via %s', (renderer, via) => {
  it.each(CONFORMANCE_CASES.map((c) => [c.name, c] as const))('%s', async (name, testCase) => {
    const { scenario, oracles } = caseAsScenario(testCase, PROTOCOLS[renderer], via);
    const out = await simulateScenario(scenario, { renderer });
    expect(out.steps.map((s) => s.results.length)).toEqual(scenario.steps.map((s) => s.probes.length));
    const found = out.steps.flatMap((s, i) => mismatches(s, oracles[i]!, `step ${i}`));
    const knownGap = renderer === 'vpptcp' && via === 'service' && VPPTCP_EGRESS_VIA_SERVICE.has(name);
    expect(found.filter((m) => !(knownGap && m.connectFiltered)).map((m) => m.text).slice(0, 10)).toEqual([]);
    if (knownGap) expect(found.length, 'the VPPTCP egress gap is gone: drop this case from VPPTCP_EGRESS_VIA_SERVICE').toBeGreaterThan(0);
  });
});

describe.each([['acl', 'service'], ['vpptcp', 'pod']] as const)('simulate -f (single state): upstream NetworkPolicy model, --renderer %s, probes via %s', (renderer, via) => {
  const single = CONFORMANCE_CASES.filter((c) => c.steps.length === 1);
  it.each(single.map((c) => [c.name, c] as const))('%s', async (_name, testCase) => {
    const { scenario, oracles } = caseAsScenario(testCase, PROTOCOLS[renderer], via);
    const step = scenario.steps[0]!;
    const out = await simulateManifests(step.apply, { probes: step.probes, source: (i) => `probes[${i}]` }, { renderer });
    expect(out.results).toHaveLength(step.probes.length);
    expect(mismatches(out, oracles[0]!, 'state').map((m) => m.text).slice(0, 10)).toEqual([]);
  });
});
