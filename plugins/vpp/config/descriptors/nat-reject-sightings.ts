/**
 * @module NatRejectSightings: what the static-mapping and route dumps of a resync saw of the
 * nat-reject realisation (reject-tagged mappings, /32 routes in VRF 0 with one special path),
 * handed to the nat-reject dump, which runs after both — so a resync reads each table once.
 */
import type { Ip4 } from '../../../net/ipv4.ts';
import type { Nat44StaticMappingDetails } from '../../messages/nat44.ts';
import { ContivError } from '../../../../core/errors.ts';

/** A /32 route in VRF 0 whose only path is special (drop, ICMP unreachable, …). */
export interface SpecialRoute {
  readonly ip: Ip4;
  /** `fib_path_type` of its path. */
  readonly type: number;
  /** Preference of its path (VPP reports it for special paths too); undefined = 0. */
  readonly preference?: number;
}

/** What the nat-reject dump reads. */
export interface RejectSightings {
  readonly mappings: readonly Nat44StaticMappingDetails[];
  readonly routes: readonly SpecialRoute[];
}

/** The dumps the nat-reject dump correlates from did not complete in this resync. */
export class RejectSightingsMissingError extends ContivError {
  readonly code = 'VPP_REJECT_SIGHTINGS_MISSING';
  constructor(readonly missing: readonly string[]) {
    super(`nat-reject dump: no complete ${missing.join(' and ')} in this resync`);
  }
}

/** Filled by the nat-static and route dumps, taken by the nat-reject dump. */
export class NatRejectSightings {
  #mappings?: readonly Nat44StaticMappingDetails[];
  #routes?: readonly SpecialRoute[];

  /** The nat-static dump starts: what an earlier resync saw no longer counts. */
  startMappings(): void {
    this.#mappings = undefined;
  }

  /** The nat-static dump completed and saw these reject-tagged mappings. */
  sawMappings(list: readonly Nat44StaticMappingDetails[]): void {
    this.#mappings = list;
  }

  /** The route dump starts. */
  startRoutes(): void {
    this.#routes = undefined;
  }

  /** The route dump completed and saw these special routes. */
  sawRoutes(list: readonly SpecialRoute[]): void {
    this.#routes = list;
  }

  /**
   * Both sightings of this resync (and forgets them).
   * @throws {RejectSightingsMissingError} When a dump failed or did not run.
   */
  take(): RejectSightings {
    const mappings = this.#mappings;
    const routes = this.#routes;
    this.#mappings = undefined;
    this.#routes = undefined;
    if (!mappings || !routes) throw new RejectSightingsMissingError([...(mappings ? [] : ['static-mapping dump']), ...(routes ? [] : ['route dump'])]);
    return { mappings, routes };
  }
}
