/**
 * @module VPPTCP renderer (ingress orientation, spec §6): tables become VPP session rules.
 * A pod's local table → LOCAL-scope rules in the pod's app namespace, named by id (connections
 * it opens; remote = peer); the global table → GLOBAL-scope rules for connections entering the node
 * (local = pod IP and port, remote = peer). A remote side of "any" is split into 0.0.0.0/1 and
 * 128.0.0.0/1: VPP's rule table has a 0/0 root rule, and a rule equal to it would overwrite the
 * root's action instead of becoming a rule of its own (and deleting it would clear the root).
 * Every pod whose table changed is re-rendered, including pods changed only through a peer.
 * Templates come parent-first, so when a /1 half of "any" and an explicit /1 rule share a key,
 * the explicit (more specific in the table) one is set last and wins.
 * Local tables also judge connections to Service frontends by their backends' real addresses
 * ({@link frontendTemplate}); those rules (tag `…SVC-`) come last, so they win a shared key too.
 */
import type { Cidr } from '../net/ipv4.ts';
import { formatCidr, hostCidr } from '../net/ipv4.ts';
import type { VppTxn } from '../vpp/api.ts';
import type { SessionRule } from '../vpp/model.ts';
import { vppKeys } from '../vpp/model.ts';
import type { ContivRule } from './contiv-rule.ts';
import { rulesEqual } from './contiv-rule.ts';
import type { FrontendTarget } from './frontend-rules.ts';
import { frontendKey, frontendTemplate, sameBackends } from './frontend-rules.ts';
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
  /**
   * App namespace id of a local pod (`vpp/session/appns/<id>`; undefined = none, no rules
   * exported). Rules name the namespace; the reconciler puts them under the index VPP gave it.
   */
  podAppNamespace(pod: string): string | undefined;
  /**
   * Service frontends this node's pods can connect to, with their backends, sorted by
   * {@link frontendKey} (absent or empty without the service plugin).
   */
  serviceFrontends?(): readonly FrontendTarget[];
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
    const kind = t.frontend ? 'SVC-' : t.peer.len === 0 ? 'SPLIT-' : '';
    const tag = `${SESSION_TAG_PREFIX}${kind}${hash64(key).slice(0, 12)}`;
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
  /** Service frontends by key, as last read. */
  #frontends: ReadonlyMap<string, FrontendTarget> = new Map();
  /** Frontend rules of each table with exported templates, by frontend key. */
  readonly #frontendRules = new Map<string, Map<string, SessionRuleTemplate>>();

  constructor(node: VppTcpNode, opts: VppTcpOptions = {}) {
    this.#node = node;
    this.#maxRangePorts = opts.maxRangePorts ?? 1024;
  }

  /** Puts/deletes the session rules of every pod whose table changed, and of the global table. */
  render(changes: CacheChanges, txn: VppTxn, resync: boolean, touched: readonly string[] = []): RenderStats {
    for (const t of changes.removed) {
      this.#templates.delete(t.id);
      this.#frontendRules.delete(t.id);
      this.truncated.delete(t.id);
    }
    if (resync) {
      this.#frontendRules.clear();
      this.#frontends = this.#readFrontends();
    }
    const stats = { puts: 0, deletes: 0 };
    const pods = resync ? this.cache.podKeys() : [...new Set([...changes.pods, ...touched])].sort();
    for (const pod of pods) this.#renderPod(pod, txn, resync, stats);
    if (resync) for (const pod of [...this.#sentLocal.keys()]) if (!this.cache.pod(pod)) this.#sentLocal.delete(pod);
    if (changes.global || resync) {
      const desired = this.#globalRules(this.cache.globalTable());
      this.#apply(this.#sentGlobal, desired, txn, resync, stats);
      this.#sentGlobal = desired;
    }
    return stats;
  }

  /**
   * Re-reads the Service frontends and re-renders the pods of every table whose frontend
   * rules changed (called when Services or their endpoints changed).
   */
  frontendsChanged(txn: VppTxn): RenderStats {
    const next = this.#readFrontends();
    const keys = [...new Set([...this.#frontends.keys(), ...next.keys()])].sort();
    const changed = keys.filter((k) => {
      const a = this.#frontends.get(k);
      const b = next.get(k);
      return !a || !b || !sameBackends(a, b);
    });
    this.#frontends = next;
    const stats = { puts: 0, deletes: 0 };
    if (changed.length === 0) return stats;
    const pods = new Set<string>();
    for (const id of [...this.#frontendRules.keys()].sort()) {
      const table = this.cache.table(id);
      if (!table) {
        this.#frontendRules.delete(id);
        continue;
      }
      const rules = this.#frontendRules.get(id)!;
      let differs = false;
      for (const k of changed) {
        const f = next.get(k);
        const t = f ? frontendTemplate(table.rules, f, !this.truncated.has(id)) : undefined;
        const old = rules.get(k);
        if (t?.action === old?.action) continue;
        differs = true;
        if (t) rules.set(k, t);
        else rules.delete(k);
      }
      if (differs) for (const p of table.pods) pods.add(p);
    }
    for (const pod of [...pods].sort()) this.#renderPod(pod, txn, false, stats);
    return stats;
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
    let fronts = this.#frontendRules.get(table.id);
    if (!fronts) {
      fronts = new Map();
      const exact = !this.truncated.has(table.id);
      for (const [k, f] of this.#frontends) {
        const t = frontendTemplate(table.rules, f, exact);
        if (t) fronts.set(k, t);
      }
      this.#frontendRules.set(table.id, fronts);
    }
    // Frontend rules last: where one shares a key with a table rule, it wins.
    const frontTemplates = [...fronts.keys()].sort().map((k) => fronts.get(k)!);
    for (const t of [...templates, ...frontTemplates]) {
      for (const r of instantiate(t, (rmt) => ({
        proto: t.proto, scope: 'local', appnsIndex: 0, appNamespace: appns, lclIp: '0.0.0.0/0', lclPort: 0,
        rmtIp: formatCidr(rmt), rmtPort: t.port, action: t.action,
      }))) out.set(vppKeys.sessionRule(r), r);
    }
    return out;
  }

  #renderPod(pod: string, txn: VppTxn, resync: boolean, stats: { puts: number; deletes: number }): void {
    const desired = this.#localRules(pod);
    this.#apply(this.#sentLocal.get(pod) ?? new Map(), desired, txn, resync, stats);
    if (desired.size > 0) this.#sentLocal.set(pod, desired);
    else this.#sentLocal.delete(pod);
  }

  #apply(sent: Map<string, SessionRule>, desired: Map<string, SessionRule>, txn: VppTxn, resync: boolean, stats: { puts: number; deletes: number }): void {
    for (const [k, r] of desired) {
      if (!resync && sent.get(k)?.tag === r.tag && sent.get(k)?.action === r.action) continue;
      txn.put(k, r);
      stats.puts++;
    }
    if (resync) return;
    for (const k of sent.keys()) {
      if (desired.has(k)) continue;
      txn.delete(k);
      stats.deletes++;
    }
  }

  #readFrontends(): Map<string, FrontendTarget> {
    const list = this.#node.serviceFrontends?.() ?? [];
    return new Map(list.map((f) => [frontendKey(f), f]));
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
