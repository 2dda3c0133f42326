/**
 * @module NatDesiredState: the NAT44 values the service plugin currently wants, by owner (each
 * Service, and '' for the node's base config), with clashes between owners resolved per slot
 * (the smallest owner wins, so the base config beats every Service and an older-named Service
 * beats a newer one deterministically). Each update returns only the values that changed.
 */
import type { VppValue } from '../vpp/model.ts';
import type { NatClaim } from './nat-claim.ts';

/** Owner id of the node's base configuration (sorts before every `namespace/name`). */
export const BASE_OWNER = '';

/** One change to the desired state: put a value, or delete a key. */
export type NatChange =
  | { readonly op: 'put'; readonly key: string; readonly value: VppValue }
  | { readonly op: 'delete'; readonly key: string };

/** A slot wanted by more than one owner. */
export interface NatClash {
  readonly slot: string;
  /** The owner whose value is used. */
  readonly winner: string;
  /** The owners whose value is not, sorted. */
  readonly losers: readonly string[];
}

interface Emitted {
  readonly key: string;
  readonly value: VppValue;
  readonly json: string;
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Values are built by our own code with a fixed property order, so JSON compares them. */
const jsonOf = (v: VppValue): string => JSON.stringify(v);

/** The desired NAT44 state, kept incrementally. */
export class NatDesiredState {
  readonly #claims = new Map<string, Map<string, NatClaim>>();
  readonly #claimants = new Map<string, Set<string>>();
  readonly #emitted = new Map<string, Emitted>();

  /**
   * Replaces everything `owner` wants by `claims` (an empty list removes the owner).
   * @returns the changes to the emitted values, sorted by key (deletes and puts of distinct keys)
   */
  set(owner: string, claims: readonly NatClaim[]): NatChange[] {
    const old = this.#claims.get(owner) ?? new Map<string, NatClaim>();
    const next = new Map<string, NatClaim>();
    // Within one owner the first claim of a slot wins (owners sort their claims by key).
    for (const c of claims) if (!next.has(c.slot)) next.set(c.slot, c);
    const slots = new Set([...old.keys(), ...next.keys()]);
    if (next.size === 0) this.#claims.delete(owner);
    else this.#claims.set(owner, next);
    for (const slot of old.keys()) if (!next.has(slot)) this.#release(slot, owner);
    for (const slot of next.keys()) {
      let set = this.#claimants.get(slot);
      if (!set) this.#claimants.set(slot, (set = new Set()));
      set.add(owner);
    }
    const changes: NatChange[] = [];
    for (const slot of [...slots].sort(byString)) changes.push(...this.#refresh(slot));
    return changes.sort((a, b) => byString(a.key, b.key) || (a.op === b.op ? 0 : a.op === 'delete' ? -1 : 1));
  }

  /** Every emitted value, sorted by key (what a resync puts). */
  values(): { readonly key: string; readonly value: VppValue }[] {
    return [...this.#emitted.values()].map((e) => ({ key: e.key, value: e.value })).sort((a, b) => byString(a.key, b.key));
  }

  /** The emitted value of a key, if any. */
  value(key: string): VppValue | undefined {
    for (const e of this.#emitted.values()) if (e.key === key) return e.value;
    return undefined;
  }

  /** The owner whose value occupies `slot`, if any. */
  ownerOf(slot: string): string | undefined {
    return this.#winner(slot);
  }

  /** Slots wanted by several owners, sorted by slot. */
  clashes(): NatClash[] {
    const out: NatClash[] = [];
    for (const [slot, owners] of this.#claimants) {
      if (owners.size < 2) continue;
      const sorted = [...owners].sort(byString);
      out.push({ slot, winner: sorted[0]!, losers: sorted.slice(1) });
    }
    return out.sort((a, b) => byString(a.slot, b.slot));
  }

  #release(slot: string, owner: string): void {
    const set = this.#claimants.get(slot);
    set?.delete(owner);
    if (set && set.size === 0) this.#claimants.delete(slot);
  }

  #winner(slot: string): string | undefined {
    const owners = this.#claimants.get(slot);
    return owners && owners.size > 0 ? [...owners].sort(byString)[0] : undefined;
  }

  #refresh(slot: string): NatChange[] {
    const winner = this.#winner(slot);
    const claim = winner === undefined ? undefined : this.#claims.get(winner)?.get(slot);
    const had = this.#emitted.get(slot);
    if (!claim) {
      this.#emitted.delete(slot);
      return had ? [{ op: 'delete', key: had.key }] : [];
    }
    const json = jsonOf(claim.value);
    if (had && had.key === claim.key && had.json === json) return [];
    this.#emitted.set(slot, { key: claim.key, value: claim.value, json });
    const put: NatChange = { op: 'put', key: claim.key, value: claim.value };
    return had && had.key !== claim.key ? [{ op: 'delete', key: had.key }, put] : [put];
  }
}
