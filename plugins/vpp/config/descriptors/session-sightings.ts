/**
 * @module SessionSightings: how many session rules (ours and foreign) the session-rule dump of a
 * resync saw, handed to the session-layer dump, which runs after it. VPP refuses session rules
 * while the session layer is off, so one dumped rule proves the layer is on — the proof VPP
 * 22.10 (no dump for the layer) offers without an extra call.
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

  /** The session-rule dump starts: what an earlier resync saw no longer counts. */
  startRules(): void {
    this.#rules = undefined;
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
