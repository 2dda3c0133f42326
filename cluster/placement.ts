/**
 * @module The scheduler of the simulation: pods without `spec.nodeName` go, in
 * `namespace/name` order, to the node with the fewest pods (ties: the first node by name), so
 * a fresh cluster fills round-robin and later pods even out the load. Deterministic. Pure.
 */
import { compareText } from './compare-text.ts';

/**
 * Places pods on nodes.
 * @param pods `namespace/name` of the pods to place (any order; placed sorted)
 * @param nodes node names (any order; ties go to the first sorted)
 * @param load pods already on each node
 * @returns the node of each placed pod (empty when there are no nodes)
 */
export function placePods(pods: readonly string[], nodes: readonly string[], load: ReadonlyMap<string, number>): Map<string, string> {
  const out = new Map<string, string>();
  const sortedNodes = [...nodes].sort(compareText);
  if (sortedNodes.length === 0) return out;
  const counts = new Map(sortedNodes.map((n) => [n, load.get(n) ?? 0]));
  for (const pod of [...pods].sort(compareText)) {
    let best = sortedNodes[0]!;
    for (const n of sortedNodes) if (counts.get(n)! < counts.get(best)!) best = n;
    out.set(pod, best);
    counts.set(best, counts.get(best)! + 1);
  }
  return out;
}
