import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RenderedCluster } from '../oracle/rendered-cluster.ts';
import { clusterArb, EXTERNAL_IPS } from './cluster-arbitrary.ts';
import { compareWithOracle } from './probe-matrix.ts';

describe('PolicyPipeline (randomized differential)', () => {
  it('renders ACLs and session rules that agree with the oracle on every probe when clusters are random', () => {
    fc.assert(
      fc.property(clusterArb, (cluster) => {
        const rc = new RenderedCluster(cluster);
        const mismatches = compareWithOracle(rc, EXTERNAL_IPS);
        if (mismatches.length > 0) throw new Error(`${mismatches.length} mismatches, first: ${JSON.stringify(mismatches[0], null, 1)}`);
      }),
      { numRuns: 300, seed: 6060, endOnFailure: false },
    );
    expect(true).toBe(true);
  });
});
