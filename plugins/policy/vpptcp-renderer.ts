/**
 * @module VPPTCP renderer (ingress orientation, spec §6): tables become VPP session rules.
 * A pod's local table → LOCAL-scope rules in the pod's app namespace (connections it opens;
 * remote = peer); the global table → GLOBAL-scope rules for connections entering the node
 * (local = pod IP and port, remote = peer). A remote side of "any" is split into 0.0.0.0/1 and
 * 128.0.0.0/1: VPP's rule table has a 0/0 root rule, and a rule equal to it would overwrite the
 * root's action instead of becoming a rule of its own (and deleting it would clear the root).
 * Every pod whose table changed is re-rendered, including pods changed only through a peer.
 * Templates come parent-first, so when a /1 half of "any" and an explicit /1 rule share a key,
 * the explicit (more specific in the table) one is set last and wins.
 */
import type { Cidr } from '../net/ipv4.ts';
import { formatCidr, hostCidr } from '../net/ipv4.ts';
import type { VppTxn } from '../vpp/api.ts';
import type { SessionRule } from '../vpp/model.ts';
import { vppKeys } from '../vpp/model.ts';
import type { ContivRule } from './contiv-rule.ts';
import { rulesEqual } from './contiv-rule.ts';
import type { PolicyRenderer, RenderStats } from './policy-renderer.ts';
import type { CacheChanges } from './renderer-cache.ts';
import { RendererCache } from './renderer-cache.ts';
import type { SessionRuleTemplate } from './session-rule-export.ts';
import { exportSessionRules } from './session-rule-export.ts';
import { hash64 } from './table-id.ts';

/** Prefix of the tags of our session rules. */
export const SESSION_TAG_PREFIX = 'contiv/vpp-policy-';

/** What the VPPTCP renderer needs to know about the node. */
export interface VppTcpNode {
  /** App namespace index of a local pod (undefined = unknown, no rules exported). */
  podAppNamespace(pod: string): number | undefined;
}

/** Options of the VPPTCP renderer. */
export interface VppTcpOptions {
  /** Ports of one range expanded into single-port rules at most. @default 1024 */
  readonly maxRangePorts?: number;
}

const HALVES: readonly Cidr[] = [{ addr: 0, len: 1 }, { addr: 0x80000000, len: 1 }];

function instantiate(t: SessionRuleTemplate, place: (rmt: Cidr, split: boolean) => Omit<SessionRule, 'tag'>): SessionRule[] {
  const rmts = t.peer.len === 0 ? HALVES : [t.peer];
  return rmts.map((rmt) => {
    const base = place(rmt, t.peer.len === 0);
    const key = vppKeys.sessionRule(base);
    const tag = `${SESSION_TAG_PREFIX}${t.peer.len === 0 ? 'SPLIT-' : ''}${hash64(key).slice(0, 12)}`;
    return { ...base, tag };
  });
}

/** Renders an ingress-orientation cache as VPP session rules. */
export class VppTcpRenderer implements PolicyRenderer {
  readonly name = 'vpptcp';
  readonly cache = new RendererCache('ingress');
  readonly #node: VppTcpNode;
  readonly #maxRangePorts: number;
  readonly #templates = new Map<string, readonly SessionRuleTemplate[]>();
  readonly #sentLocal = new Map<string, Map<string, SessionRule>>();
  #sentGlobal = new Map<string, SessionRule>();
  /** Export of each pod's slice of the global table, reused while the slice is unchanged. */
  #globalSlices = new Map<number, { readonly rules: readonly ContivRule[]; readonly out: readonly SessionRule[]; readonly truncated: boolean }>();
  /** Tables whose export was truncated (port ranges too large), by table ID or `GLOBAL`. */
  readonly truncated = new Set<string>();

  constructor(node: VppTcpNode, opts: VppTcpOptions = {}) {
    this.#node = node;
    this.#maxRangePorts = opts.maxRangePorts ?? 1024;
  }

  /** Puts/deletes the session rules of every pod whose table changed, and of the global table. */
  render(changes: CacheChanges, txn: VppTxn, resync: boolean, touched: readonly string[] = []): RenderStats {
    for (const t of changes.removed) {
      this.#templates.delete(t.id);
      this.truncated.delete(t.id);
    }
    let puts = 0;
    let deletes = 0;
    const apply = (sent: Map<string, SessionRule>, desired: Map<string, SessionRule>): void => {
      for (const [k, r] of desired) {
        if (!resync && sent.get(k)?.tag === r.tag && sent.get(k)?.action === r.action) continue;
        txn.put(k, r);
        puts++;
      }
      if (resync) return;
      for (const k of sent.keys()) {
        if (desired.has(k)) continue;
        txn.delete(k);
        deletes++;
      }
    };
    const pods = resync ? this.cache.podKeys() : [...new Set([...changes.pods, ...touched])].sort();
    for (const pod of pods) {
      const desired = this.#localRules(pod);
      apply(this.#sentLocal.get(pod) ?? new Map(), desired);
      if (desired.size > 0) this.#sentLocal.set(pod, desired);
      else this.#sentLocal.delete(pod);
    }
    if (resync) for (const pod of [...this.#sentLocal.keys()]) if (!this.cache.pod(pod)) this.#sentLocal.delete(pod);
    if (changes.global || resync) {
      const desired = this.#globalRules(this.cache.globalTable());
      apply(this.#sentGlobal, desired);
      this.#sentGlobal = desired;
    }
    return { puts, deletes };
  }

  /** Every session rule currently rendered, sorted by key. */
  sessionRules(): SessionRule[] {
    const all = [...[...this.#sentLocal.values()].flatMap((m) => [...m.entries()]), ...this.#sentGlobal.entries()];
    return all.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((e) => e[1]);
  }

  #localRules(pod: string): Map<string, SessionRule> {
    const out = new Map<string, SessionRule>();
    const table = this.cache.tableOf(pod);
    const appns = this.#node.podAppNamespace(pod);
    if (!table || appns === undefined) return out;
    let templates = this.#templates.get(table.id);
    if (!templates) {
      const exp = exportSessionRules(table.rules, 'dst', this.#maxRangePorts);
      if (exp.truncated) this.truncated.add(table.id);
      this.#templates.set(table.id, (templates = exp.templates));
    }
    for (const t of templates) {
      for (const r of instantiate(t, (rmt) => ({
        proto: t.proto, scope: 'local', appnsIndex: appns, lclIp: '0.0.0.0/0', lclPort: 0,
        rmtIp: formatCidr(rmt), rmtPort: t.port, action: t.action,
      }))) out.set(vppKeys.sessionRule(r), r);
    }
    return out;
  }

  #globalRules(global: readonly ContivRule[]): Map<string, SessionRule> {
    const out = new Map<string, SessionRule>();
    this.truncated.delete('GLOBAL');
    // One slice per pod: its rules (dst = pod /32) and the table's trailing allow-all.
    const slices = new Map<number, ContivRule[]>();
    const shared: ContivRule[] = [];
    for (const r of global) {
      if (r.dst.len === 32) {
        const s = slices.get(r.dst.addr);
        if (s) s.push(r);
        else slices.set(r.dst.addr, [r]);
      } else {
        shared.push(r);
      }
    }
    const next = new Map<number, { rules: readonly ContivRule[]; out: readonly SessionRule[]; truncated: boolean }>();
    for (const ip of [...slices.keys()].sort((a, b) => a - b)) {
      const slice = [...slices.get(ip)!, ...shared];
      let done = this.#globalSlices.get(ip);
      if (!done || !rulesEqual(done.rules, slice)) {
        const exp = exportSessionRules(slice, 'src', this.#maxRangePorts);
        const lcl = formatCidr(hostCidr(ip));
        const rules = new Map<string, SessionRule>();
        for (const t of exp.templates) {
          for (const r of instantiate(t, (rmt) => ({
            proto: t.proto, scope: 'global', appnsIndex: 0, lclIp: lcl, lclPort: t.port,
            rmtIp: formatCidr(rmt), rmtPort: 0, action: t.action,
          }))) rules.set(vppKeys.sessionRule(r), r);
        }
        done = { rules: slice, out: [...rules.values()], truncated: exp.truncated };
      }
      next.set(ip, done);
      if (done.truncated) this.truncated.add('GLOBAL');
      for (const r of done.out) out.set(vppKeys.sessionRule(r), r);
    }
    this.#globalSlices = next;
    return out;
  }
}
