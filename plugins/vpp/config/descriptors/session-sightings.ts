/**
 * @module SessionSightings: how many session rules (ours and foreign) the session-rule dump of a
 * resync saw, handed to the session-layer dump, which runs after it. VPP refuses session rules
 * while the session layer is off, so one dumped rule proves the layer is on — the proof VPP
 * 22.10 (no dump for the layer) offers without an extra call.
 * It also keeps the app-namespace indexes learnt without a namespace's metadata: from our rules
 * the session-rule dump found (a rule tagged for namespace X sits in X's index), or from
 * re-adding a namespace (VPP answers an add of an existing id with its index). VPP 22.10 has
 * no other way to read an index (no namespace dump).
 */
import { ContivError } from '../../../../core/errors.ts';

/** The session-rule dump did not complete in this resync. */
export class SessionSightingsMissingError extends ContivError {
  readonly code = 'VPP_SESSION_SIGHTINGS_MISSING';
  constructor() {
    super('session-layer dump: no complete session-rule dump in this resync');
  }
}

/** Filled by the session-rule dump, taken by the session-layer dump. */
export class SessionSightings {
  #rules?: number;
  readonly #namespaces = new Map<string, number>();

  /** The session-rule dump starts: what an earlier resync saw no longer counts. */
  startRules(): void {
    this.#rules = undefined;
    this.#namespaces.clear();
  }

  /** VPP holds app namespace `id` under `index`; false (and ignored) if another index was seen for it. */
  sawNamespace(id: string, index: number): boolean {
    const known = this.#namespaces.get(id);
    if (known !== undefined) return known === index;
    this.#namespaces.set(id, index);
    return true;
  }

  /** VPP's index of app namespace `id`, if seen since the last session-rule dump started. */
  namespaceIndex(id: string): number | undefined {
    return this.#namespaces.get(id);
  }

  /** The session-rule dump completed and saw `count` rules (any tag, any scope). */
  sawRules(count: number): void {
    this.#rules = count;
  }

  /**
   * The number of rules of this resync's dump (and forgets it).
   * @throws {SessionSightingsMissingError} When the session-rule dump failed or did not run.
   */
  takeRules(): number {
    const n = this.#rules;
    this.#rules = undefined;
    if (n === undefined) throw new SessionSightingsMissingError();
    return n;
  }
}
