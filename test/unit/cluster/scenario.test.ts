import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../cluster/scenario.ts';
import { SimulateInputError } from '../../../cluster/simulate-input-error.ts';

const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a' } };
const probe = { from: 'default/a', to: 'default/a', port: 80, protocol: 'TCP' };

function problems(json: unknown): string[] {
  try {
    parseScenario(json, 's.json');
  } catch (err: unknown) {
    if (err instanceof SimulateInputError) return err.problems.map((p) => p.message);
    throw err;
  }
  return [];
}

describe('parseScenario', () => {
  it('parseScenario() validates every step: objects, deletions, clock, probes', () => {
    const s = parseScenario({ nodes: 3, steps: [{ apply: [pod], probes: [probe] }, { delete: [{ kind: 'Pod', name: 'a' }], advanceSeconds: 5 }] }, 's.json');
    expect(s.nodes).toBe(3);
    expect(s.steps.map((x) => [x.source, x.apply.map((o) => o.id), x.delete, x.advanceSeconds, x.probes.length, x.hasProbes])).toEqual([
      ['s.json steps[0]', ['default/a'], [], 0, 1, true],
      ['s.json steps[1]', [], [{ kind: 'Pod', name: 'a' }], 5, 0, false],
    ]);
  });

  it('parseScenario() reports every problem naming the file, step and field', () => {
    expect(problems({ steps: [] })).toEqual(['s.json steps: Too small: expected array to have >=1 items']);
    expect(problems({ steps: [{ wait: 1 }] })).toEqual(['s.json steps[0]: Unrecognized key: "wait" (wait)']);
    expect(problems({
      steps: [{ apply: [{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' } }, pod, pod], probes: [{ ...probe, protocol: 'ICMP' }] }],
    })).toEqual([
      expect.stringMatching(/^s\.json steps\[0\]\.apply\[0\] \(Deployment d\) kind: unsupported kind "Deployment"/),
      's.json steps[0].apply[2] (Pod a) metadata.name: the same object is already in this step at s.json steps[0].apply[1] (Pod a)',
      expect.stringMatching(/^s\.json steps\[0\]\.probes\[0\]\.protocol: /),
    ]);
  });
});
