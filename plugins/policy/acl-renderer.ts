/**
 * @module ACL renderer (egress orientation, spec §5): local tables become output ACLs of pod
 * interfaces (one ACL shared by all pods of a table), the global table the output ACL of the
 * node's outbound interfaces, and one reflective ACL on the inputs of isolated pods (and of the
 * outbound interfaces while the global table is non-empty) lets replies of permitted
 * connections back in. Output ACLs see real pod IPs: they run after NAT, so policies never
 * match a service VIP.
 */
import type { AclRule, Acl } from '../vpp/model.ts';
import { vppKeys } from '../vpp/model.ts';
import type { VppTxn } from '../vpp/api.ts';
import type { Cidr } from '../net/ipv4.ts';
import { formatCidr } from '../net/ipv4.ts';
import type { ContivRule } from './contiv-rule.ts';
import type { PolicyRenderer, RenderStats } from './policy-renderer.ts';
import { ANY_PROTO } from './protocol.ts';
import type { CacheChanges } from './renderer-cache.ts';
import { RendererCache } from './renderer-cache.ts';
import { mapReusing } from '../../core/list-reuse.ts';
import { hash64, hashRules } from './table-id.ts';

/** Prefix of every ACL the policy plugin owns. */
export const ACL_NAME_PREFIX = 'contiv/vpp-policy-';
/** The ACL of the global table. */
export const GLOBAL_ACL_NAME = `${ACL_NAME_PREFIX}GLOBAL`;
/** The reflective ACL. */
export const REFLECTION_ACL_NAME = `${ACL_NAME_PREFIX}REFLECTION`;

/**
 * ACL name of the local table whose first pod (in key order) is `firstPod`. ACLs are named
 * after the slot they fill (the pods bound to them), not after their content: a table whose
 * rules change while its pods stay is replaced in place (`acl_add_replace` on the same index,
 * no interface re-binding, no delete). The name is still a function of the current tables
 * only, so the same input gives the same names on every run and after any history.
 */
export function localAclName(firstPod: string): string {
  let name = ACL_NAMES.get(firstPod);
  if (name === undefined) {
    if (ACL_NAMES.size >= 65_536) ACL_NAMES.clear();
    ACL_NAMES.set(firstPod, (name = `${ACL_NAME_PREFIX}${hash64(firstPod)}`));
  }
  return name;
}

// Every render names every local ACL: the names of pods seen recently are kept.
const ACL_NAMES = new Map<string, string>();

// Rules are immutable and shared by many tables: each is converted once.
const ACL_RULES = new WeakMap<ContivRule, AclRule>();

/** The VPP ACL rule of a table rule (protocol 0 = every protocol, ICMP included). */
export function toAclRule(r: ContivRule): AclRule {
  let out = ACL_RULES.get(r);
  if (!out) ACL_RULES.set(r, (out = convert(r)));
  return out;
}

// Prefix texts by address and length: tables repeat the same few thousand addresses.
const CIDR_TEXT = new Map<number, string>();

// ...and by prefix object: rules share their prefix objects (a peer's /32, "any").
const CIDR_TEXT_OF = new WeakMap<Cidr, string>();

function cidrText(c: Cidr): string {
  let t = CIDR_TEXT_OF.get(c);
  if (t !== undefined) return t;
  const k = c.addr * 64 + c.len;
  t = CIDR_TEXT.get(k);
  if (t === undefined) {
    if (CIDR_TEXT.size >= 65_536) CIDR_TEXT.clear();
    CIDR_TEXT.set(k, (t = formatCidr(c)));
  }
  CIDR_TEXT_OF.set(c, t);
  return t;
}

function convert(r: ContivRule): AclRule {
  const anyProto = r.proto === ANY_PROTO;
  return {
    action: r.action,
    src: cidrText(r.src),
    dst: cidrText(r.dst),
    proto: r.proto,
    srcPortFirst: anyProto ? 0 : r.srcPorts.first,
    srcPortLast: anyProto ? 65535 : r.srcPorts.last,
    dstPortFirst: anyProto ? 0 : r.dstPorts.first,
    dstPortLast: anyProto ? 65535 : r.dstPorts.last,
  };
}

/** The single rule of the reflective ACL: permit and remember every session. */
export const REFLECT_RULE: AclRule = {
  action: 'reflect', src: '0.0.0.0/0', dst: '0.0.0.0/0', proto: 0,
  srcPortFirst: 0, srcPortLast: 65535, dstPortFirst: 0, dstPortLast: 65535,
};

/** What the ACL renderer needs to know about the node. */
export interface AclNode {
  /** VPP interface of a local pod (undefined if not wired). */
  podInterface(pod: string): string | undefined;
  /** Interfaces traffic leaves the node through (host interconnect, NICs, VXLAN BVI). */
  outboundInterfaces(): readonly string[];
}

/** Which table an ACL renders. */
export type AclOrigin =
  | { readonly kind: 'local'; readonly tableId: string }
  | { readonly kind: 'global' }
  | { readonly kind: 'reflection' };

interface Desired {
  readonly acl: Acl;
  readonly signature: string;
}

/** The ACL of one local table, before it is named. */
interface LocalAcl {
  readonly tableId: string;
  /** The table's first pod: names the ACL. */
  readonly firstPod: string;
  readonly rules: readonly AclRule[];
  /** Interfaces of the table's wired pods, sorted. */
  readonly ifs: readonly string[];
  /** Table and interfaces: an ACL of the same name and signature need not be put again. */
  readonly signature: string;
}

/** Removed tables whose ACL rules are kept for a comeback. */
const RECENT_TABLES = 256;
/** Slots whose last rules are kept (cleared when more: slots come and go with pods). */
const SLOT_RULES = 4096;

/** Renders an egress-orientation cache as VPP ACLs. */
export class AclRenderer implements PolicyRenderer {
  readonly name = 'acl';
  readonly cache = new RendererCache('egress');
  readonly #node: AclNode;
  readonly #rulesByTable = new Map<string, readonly AclRule[]>();
  /** ACL rules of recently removed tables, oldest first. */
  readonly #recent = new Map<string, readonly AclRule[]>();
  /** The last rules of each slot (first pod), both forms: the base of the slot's next table. */
  readonly #slotRules = new Map<string, { readonly contiv: readonly ContivRule[]; readonly acl: readonly AclRule[] }>();
  #globalRules: readonly AclRule[] = [];
  #globalHash = '';
  /** Local ACLs by table ID (kept incrementally: an event recomputes only the tables it changed). */
  readonly #local = new Map<string, LocalAcl>();
  /** ACL name → table ID of the last render. */
  #tableOfAcl = new Map<string, string>();
  /** Table ID → ACL name of the last render. */
  #aclOfTable = new Map<string, string>();
  /** Interface → number of local ACLs on it (the reflective ACL's inputs). */
  readonly #ifUse = new Map<string, number>();
  #sent = new Map<string, Desired>();

  constructor(node: AclNode) {
    this.#node = node;
  }

  /** Puts changed ACLs, deletes unused ones (or puts all of them on resync). */
  render(changes: CacheChanges, txn: VppTxn, resync: boolean, touched: readonly string[] = []): RenderStats {
    // Rule lists of removed tables stay a while: pods coming and going flip tables back and forth.
    for (const t of changes.removed) {
      const rules = this.#rulesByTable.get(t.id);
      this.#rulesByTable.delete(t.id);
      if (rules) this.#recent.set(t.id, rules);
    }
    while (this.#recent.size > RECENT_TABLES) this.#recent.delete(this.#recent.keys().next().value!);
    if (changes.global) {
      this.#globalRules = changes.global.map(toAclRule);
      this.#globalHash = hashRules(changes.global);
    }
    if (resync) {
      for (const id of [...this.#local.keys()]) this.#dropLocal(id);
      for (const t of this.cache.localTables()) this.#setLocal(t.id, t.rules, t.pods);
    } else {
      const ids = new Set<string>();
      for (const t of [...changes.removed, ...changes.added, ...changes.repodded]) ids.add(t.id);
      // A pod wired or unwired without a rule change still changes its table's interfaces.
      for (const pod of touched) {
        const t = this.cache.tableOf(pod);
        if (t) ids.add(t.id);
      }
      for (const id of [...ids].sort()) {
        const t = this.cache.table(id);
        if (t) this.#setLocal(id, t.rules, t.pods);
        else this.#dropLocal(id);
      }
    }
    const desired = this.#desired();
    let puts = 0;
    let deletes = 0;
    for (const [name, d] of desired) {
      if (!resync && this.#sent.get(name)?.signature === d.signature) continue;
      txn.put(vppKeys.acl(name), d.acl);
      puts++;
    }
    if (!resync) {
      for (const name of this.#sent.keys()) {
        if (desired.has(name)) continue;
        txn.delete(vppKeys.acl(name));
        deletes++;
      }
    }
    this.#sent = desired;
    return { puts, deletes };
  }

  /** The ACLs currently rendered, sorted by name. */
  acls(): Acl[] {
    return [...this.#sent.keys()].sort().map((n) => this.#sent.get(n)!.acl);
  }

  /** The table an ACL name renders, if it is one of ours. */
  originOf(aclName: string): AclOrigin | undefined {
    if (aclName === GLOBAL_ACL_NAME) return { kind: 'global' };
    if (aclName === REFLECTION_ACL_NAME) return { kind: 'reflection' };
    const tableId = this.#tableOfAcl.get(aclName);
    return tableId !== undefined && this.cache.table(tableId) ? { kind: 'local', tableId } : undefined;
  }

  /** The ACL name of a local table (the name it would get when none of its pods is wired yet). */
  aclNameOf(tableId: string): string {
    return this.#aclOfTable.get(tableId) ?? localAclName(this.cache.table(tableId)?.pods[0] ?? tableId);
  }

  #aclRules(id: string, rules: readonly ContivRule[], firstPod: string): readonly AclRule[] {
    let r = this.#rulesByTable.get(id);
    if (!r) {
      // Same ID = same rules (content-addressed; a hash collision gets a suffixed ID). A new
      // table of a slot mostly holds the rules of the slot's previous table.
      const prev = this.#slotRules.get(firstPod);
      r = this.#recent.get(id) ?? (prev ? mapReusing(rules, prev.contiv, prev.acl, toAclRule) : rules.map(toAclRule));
      this.#recent.delete(id);
      this.#rulesByTable.set(id, r);
    }
    if (this.#slotRules.size >= SLOT_RULES) this.#slotRules.clear();
    this.#slotRules.set(firstPod, { contiv: rules, acl: r });
    return r;
  }

  /** (Re)computes the local ACL of a table from its pods' interfaces. */
  #setLocal(id: string, rules: readonly ContivRule[], pods: readonly string[]): void {
    this.#dropLocal(id);
    const ifs = pods.flatMap((p) => {
      const i = this.#node.podInterface(p);
      return i === undefined ? [] : [i];
    }).sort();
    if (ifs.length === 0) return;
    for (const i of ifs) this.#ifUse.set(i, (this.#ifUse.get(i) ?? 0) + 1);
    this.#local.set(id, { tableId: id, firstPod: pods[0]!, rules: this.#aclRules(id, rules, pods[0]!), ifs, signature: `${id}|${ifs.join(',')}` });
  }

  #dropLocal(id: string): void {
    const d = this.#local.get(id);
    if (!d) return;
    this.#local.delete(id);
    for (const i of d.ifs) {
      const n = (this.#ifUse.get(i) ?? 0) - 1;
      if (n > 0) this.#ifUse.set(i, n);
      else this.#ifUse.delete(i);
    }
  }

  /** Names the local ACLs: by first pod; a (64-bit) hash collision gets the table ID appended. */
  #nameLocal(out: Map<string, Desired>): void {
    const tableOfAcl = new Map<string, string>();
    const aclOfTable = new Map<string, string>();
    const byPod = [...this.#local.values()].sort((a, b) => (a.firstPod < b.firstPod ? -1 : a.firstPod > b.firstPod ? 1 : 0));
    for (const l of byPod) {
      let name = localAclName(l.firstPod);
      if (tableOfAcl.has(name)) name = `${name}-${l.tableId}`;
      tableOfAcl.set(name, l.tableId);
      aclOfTable.set(l.tableId, name);
      const sent = this.#sent.get(name);
      out.set(name, sent?.signature === l.signature ? sent : { acl: { name, rules: l.rules, ingress: [], egress: l.ifs }, signature: l.signature });
    }
    this.#tableOfAcl = tableOfAcl;
    this.#aclOfTable = aclOfTable;
  }

  /** Every ACL: the local ones, the global one and the reflective one, sorted by name. */
  #desired(): Map<string, Desired> {
    const out = new Map<string, Desired>();
    this.#nameLocal(out);
    const isolatedIfs = new Set<string>(this.#ifUse.keys());
    const outbound = [...new Set(this.#node.outboundInterfaces())].sort();
    if (this.#globalRules.length > 0 && outbound.length > 0) {
      out.set(GLOBAL_ACL_NAME, {
        acl: { name: GLOBAL_ACL_NAME, rules: this.#globalRules, ingress: [], egress: outbound },
        signature: `${this.#globalHash}|${outbound.join(',')}`,
      });
      for (const i of outbound) isolatedIfs.add(i);
    }
    if (isolatedIfs.size > 0) {
      const ingress = [...isolatedIfs].sort();
      const signature = ingress.join(',');
      const sent = this.#sent.get(REFLECTION_ACL_NAME);
      out.set(REFLECTION_ACL_NAME, sent?.signature === signature ? sent : {
        acl: { name: REFLECTION_ACL_NAME, rules: [REFLECT_RULE], ingress, egress: [] },
        signature,
      });
    }
    return new Map([...out.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
  }
}
