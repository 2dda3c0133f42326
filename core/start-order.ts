/** @module startOrder(): plugin dependency graph → start order, or the cycle that prevents one. */
import { DependencyCycleError } from './errors.ts';

/** A plugin in the graph: its name and the names of the plugins that must start before it. */
export interface OrderNode {
  readonly name: string;
  readonly needs: readonly string[];
}

/**
 * Orders `nodes` so that every plugin comes after the plugins it needs. Among plugins that
 * could go next, the one listed first in `nodes` (the build order) wins, so the result is
 * deterministic. Needs naming plugins not in `nodes` are ignored.
 * @returns plugin names in start order
 * @throws {DependencyCycleError} naming the members of a cycle in dependency order.
 * @example startOrder([{ name: 'b', needs: ['a'] }, { name: 'a', needs: [] }]) // ['a', 'b']
 */
export function startOrder(nodes: readonly OrderNode[]): string[] {
  const position = new Map(nodes.map((n, i) => [n.name, i]));
  const needs = nodes.map((n) => [...new Set(n.needs.filter((d) => position.has(d)))]);
  const missing = needs.map((d) => d.length);
  const dependents: number[][] = nodes.map(() => []);
  needs.forEach((deps, i) => deps.forEach((d) => dependents[position.get(d) as number]?.push(i)));
  const placed = new Array<boolean>(nodes.length).fill(false);
  const order: string[] = [];
  for (;;) {
    // The earliest-listed ready node keeps the order stable under unrelated edits.
    const next = missing.findIndex((m, i) => m === 0 && !placed[i]);
    if (next < 0) break;
    placed[next] = true;
    order.push(nodes[next]?.name as string);
    for (const d of dependents[next] ?? []) missing[d] = (missing[d] ?? 0) - 1;
  }
  if (order.length < nodes.length) throw new DependencyCycleError(findCycle(nodes, needs, placed, position));
  return order;
}

/** Walks unplaced nodes along their first unplaced need until a node repeats. */
function findCycle(
  nodes: readonly OrderNode[],
  needs: readonly string[][],
  placed: readonly boolean[],
  position: ReadonlyMap<string, number>,
): string[] {
  // Every unplaced node has an unplaced need (otherwise it would have been placed), so the walk closes.
  let at = placed.findIndex((p) => !p);
  const path: number[] = [];
  while (!path.includes(at)) {
    path.push(at);
    const deps = (needs[at] ?? []).map((d) => position.get(d) as number).filter((i) => !placed[i]);
    at = Math.min(...deps);
  }
  return [...path.slice(path.indexOf(at)), at].map((i) => nodes[i]?.name as string);
}
