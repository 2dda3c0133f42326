/**
 * @module What an agent restart did to its VPP: the reconciler's desired values (`GET
 * /vpp/state`) and executed operations (`GET /vpp/txns`) of a node's agent, and the changing
 * messages its (recording) simulator received — in-process or through the socket server.
 */
import type { Cluster } from '../../cluster/cluster.ts';
import type { VppSimulatorOptions } from '../../plugins/vpp/sim/vpp-simulator.ts';
import { RecordingSimulator } from '../fakes/vpp-recording-simulator.ts';

/** The cluster option giving every node a recording simulator. */
export const recordingSimulators = { simulator: (o: VppSimulatorOptions) => new RecordingSimulator(o) };

/** The recording simulator of node `name`. */
export function recorder(c: Cluster, name: string): RecordingSimulator {
  const sim = c.node(name)?.sim;
  if (!(sim instanceof RecordingSimulator)) throw new Error(`node ${name} has no recording simulator`);
  return sim;
}

/**
 * What VPP holds for a desired value: an ACL's interface lists are realised by the derived
 * `vpp/acl-interface/<if>/<dir>/<acl>` values, so they are left out of the ACL's own value.
 */
function vppPart(key: string, value: unknown): unknown {
  if (!key.startsWith('vpp/acl/') || typeof value !== 'object' || value === null) return value;
  const { ingress: _in, egress: _out, ...acl } = value as Record<string, unknown>;
  return acl;
}

/**
 * One spelling per value: a session rule's /32 prefix may be keyed as `a.b.c.d/32` (desired)
 * or `a.b.c.d` (a dumped rule nothing claims any more); both name the same VPP rule.
 */
export function canonicalKey(key: string): string {
  return key.startsWith('vpp/session/rule/') ? key.replace(/\/32(?=\/)/g, '') : key;
}

/** Desired values of node `name`'s reconciler, by canonical key (JSON of what VPP holds for it). */
export async function desiredValues(c: Cluster, name: string): Promise<Map<string, string>> {
  const state = (await (await c.node(name)!.fetch('/vpp/state')).json()) as { values: { key: string; desired?: unknown }[] };
  return new Map(state.values.filter((v) => v.desired !== undefined).map((v) => [canonicalKey(v.key), JSON.stringify(vppPart(v.key, v.desired))]));
}

/** `op key` (canonical key) of every operation node `name`'s reconciler executed (its whole history). */
export async function executedOps(c: Cluster, name: string): Promise<string[]> {
  const txns = (await (await c.node(name)!.fetch('/vpp/txns')).json()) as { executed: { key: string; op: string }[] }[];
  return txns.flatMap((t) => t.executed.map((e) => `${e.op} ${canonicalKey(e.key)}`));
}

/** Keys whose desired value differs between `before` and `after` (added, removed or changed), sorted. */
export function changedKeys(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => before.get(k) !== after.get(k)).sort();
}
