import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RenderedCluster, type ClusterSpec } from '../oracle/rendered-cluster.ts';
import { changeArb, clusterArb, EXTERNAL_IPS, type ClusterChange } from './cluster-arbitrary.ts';
import { applyChange } from './cluster-changes.ts';
import { compareWithOracle } from './probe-matrix.ts';

/**
 * Renders `start` and applies `changes` one event each (`onStep` sees the cluster after each);
 * returns the incrementally updated render and the final cluster.
 */
function applyIncrementally(
  start: ClusterSpec,
  changes: readonly ClusterChange[],
  onStep: (rc: RenderedCluster, seq: number, change: ClusterChange) => void = () => {},
): { rc: RenderedCluster; cluster: ClusterSpec } {
  const rc = new RenderedCluster(start);
  let cluster = start;
  changes.forEach((c, seq) => {
    const { next, changes: ksr } = applyChange(cluster, c, seq);
    cluster = next;
    rc.apply(ksr, next);
    onStep(rc, seq, c);
  });
  return { rc, cluster };
}

/** The incremental render of `changes` and a fresh render of the cluster they end in. */
function incrementalAndFresh(start: ClusterSpec, changes: readonly ClusterChange[]): { rc: RenderedCluster; fresh: RenderedCluster } {
  const { rc, cluster } = applyIncrementally(start, changes);
  return { rc, fresh: new RenderedCluster(cluster) };
}

describe('PolicyPipeline (incremental)', () => {
  it('applyKsrChanges() reaches exactly the state a fresh resync renders when changes are random', () => {
    fc.assert(
      fc.property(clusterArb, fc.array(changeArb, { minLength: 1, maxLength: 8 }), (start, changes) => {
        const { rc, fresh } = incrementalAndFresh(start, changes);
        rc.nodes.forEach((n, i) => {
          expect(Object.fromEntries(n.txn.state)).toEqual(Object.fromEntries(fresh.nodes[i]!.txn.state));
        });
      }),
      { numRuns: 200, seed: 609 },
    );
  });

  it('applyKsrChanges() leaves every pod with the rules and rule origins a fresh resync computes (patched peer sets included)', () => {
    fc.assert(
      fc.property(clusterArb, fc.array(changeArb, { minLength: 1, maxLength: 8 }), (start, changes) => {
        const { rc, fresh } = incrementalAndFresh(start, changes);
        rc.nodes.forEach((n, i) => {
          expect(JSON.parse(JSON.stringify(n.pipeline.processor.allPodRules()))).toEqual(JSON.parse(JSON.stringify(fresh.nodes[i]!.pipeline.processor.allPodRules())));
        });
      }),
      { numRuns: 200, seed: 7609 },
    );
  });

  it('applyKsrChanges() keeps agreeing with the oracle after every change', () => {
    fc.assert(
      fc.property(clusterArb, fc.array(changeArb, { minLength: 1, maxLength: 5 }), (start, changes) => {
        applyIncrementally(start, changes, (rc, seq, c) => {
          const m = compareWithOracle(rc, EXTERNAL_IPS, { probes: [{ protocol: 'TCP', port: 80 }, { protocol: 'UDP', port: 53 }, { protocol: 'ICMP', port: 0 }] });
          if (m.length > 0) throw new Error(`after change ${seq} (${c.kind}): ${JSON.stringify(m[0], null, 1)}`);
        });
      }),
      { numRuns: 100, seed: 1609 },
    );
  });
});
