/**
 * @module Provenance of rendered rules: from a rule of a local or global table back to the
 * policy rules (and node exception or isolation) of the pods it filters. Computed on demand
 * from the cache, so nothing extra is kept per rule.
 */
import type { RuleSource } from './api.ts';
import type { ContivRule, PeerField } from './contiv-rule.ts';
import { compareRules, contivRule } from './contiv-rule.ts';
import { cidrContains } from '../net/ipv4.ts';
import { localPeerField, otherField } from './orientation.ts';
import type { DirectionRules } from './pod-rules.ts';
import { ANY_PROTO } from './protocol.ts';
import type { RendererCache } from './renderer-cache.ts';
import type { RuleOrigin } from './rule-origin.ts';

function overlaps(a: ContivRule, b: ContivRule): boolean {
  const proto = a.proto === ANY_PROTO || b.proto === ANY_PROTO || a.proto === b.proto;
  return proto && a.dstPorts.first <= b.dstPorts.last && b.dstPorts.first <= a.dstPorts.last;
}

/** Origins in `dir` behind `rule` for peer address `point`: the overlapping allows, or the isolation for a deny. */
function originsAt(dir: DirectionRules, field: PeerField, point: number, rule: ContivRule): RuleOrigin[] {
  if (rule.action === 'deny') return dir.isolated ? [...dir.origins[dir.origins.length - 1]!] : [];
  const out: RuleOrigin[] = [];
  dir.rules.forEach((r, i) => {
    if (r.action === 'permit' && cidrContains(r[field], point) && overlaps(r, rule)) out.push(...dir.origins[i]!);
  });
  return out;
}

const isAllowAll = (r: ContivRule): boolean => compareRules(r, contivRule({ action: 'permit' })) === 0;

/** Sources of rule `index` of local table `tableId`, per pod using the table. */
export function explainLocalRule(cache: RendererCache, tableId: string, index: number): { rule: ContivRule; sources: RuleSource[] } | undefined {
  const table = cache.table(tableId);
  const rule = table?.rules[index];
  if (!table || !rule) return undefined;
  const field = localPeerField(cache.orientation);
  const sources: RuleSource[] = [];
  for (const pod of table.pods) {
    const entry = cache.pod(pod);
    if (!entry) continue;
    const peer = rule[field];
    const blockOf = peer.len === 32
      ? [...entry.blocks.entries()].find(([, b]) => b.peer === peer.addr && b.rules.some((r) => compareRules(r, rule) === 0))
      : undefined;
    if (blockOf) {
      const other = cache.pod(blockOf[0]);
      sources.push({
        pod,
        origins: originsAt(entry.pod.own, field, peer.addr, rule),
        peer: { pod: blockOf[0], origins: other ? originsAt(other.pod.opp, otherField(field), entry.pod.ip, rule) : [] },
        note: 'combined: allowed only where both pods allow it',
      });
      continue;
    }
    const i = entry.pod.own.rules.findIndex((r) => compareRules(r, rule) === 0);
    if (i >= 0) sources.push({ pod, origins: [...entry.pod.own.origins[i]!] });
    else if (isAllowAll(rule)) sources.push({ pod, origins: [], note: 'the pod is not isolated: traffic no combined rule restricts is allowed' });
  }
  return { rule, sources };
}

/** Sources of rule `index` of the global table (the pod whose address the rule carries). */
export function explainGlobalRule(cache: RendererCache, index: number): { rule: ContivRule; sources: RuleSource[] } | undefined {
  const rule = cache.globalTable()[index];
  if (!rule) return undefined;
  if (isAllowAll(rule)) return { rule, sources: [{ pod: '', origins: [], note: 'traffic of pods without restricting rules is allowed' }] };
  const podField = localPeerField(cache.orientation);
  const sources: RuleSource[] = [];
  for (const key of cache.podKeys()) {
    const entry = cache.pod(key)!;
    if (rule[podField].len !== 32 || rule[podField].addr !== entry.pod.ip) continue;
    const generic = podField === 'src' ? { ...rule, src: { addr: 0, len: 0 } } : { ...rule, dst: { addr: 0, len: 0 } };
    const i = entry.pod.opp.rules.findIndex((r) => compareRules(r, generic) === 0);
    sources.push({ pod: key, origins: i >= 0 ? [...entry.pod.opp.origins[i]!] : [] });
  }
  return { rule, sources };
}
