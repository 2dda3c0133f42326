/**
 * @module The world a trace runs in: the underlay with its simulated nodes, the clock that ages
 * NAT / ACL sessions and affinity, the seeded random source for load balancing, tracer options,
 * which endpoints listen on which ports, and the ephemeral ports clients use.
 */
import type { Clock } from '../../../../core/clock.ts';
import type { Underlay } from '../underlay.ts';
import type { TracerOptions } from './options.ts';
import type { Random } from './random.ts';
import type { Endpoint } from './trace.ts';

/** Whether `endpoint` accepts connections on `port` of protocol `proto`; false = it refuses. */
export type ListenPolicy = (endpoint: Endpoint, proto: number, port: number) => boolean;

/** Everything a world is made of. */
export interface SimWorldInit {
  readonly underlay: Underlay;
  readonly clock: Clock;
  readonly random: Random;
  readonly options?: TracerOptions;
  /** @default every endpoint listens on every port */
  readonly listening?: ListenPolicy;
}

/** First and last ephemeral port handed to probe clients (Linux's default range). */
const EPHEMERAL_FIRST = 32768, EPHEMERAL_LAST = 60999;

/** The world of a trace. Mutable: walks create sessions in the nodes' states and take ports. */
export class SimWorld {
  readonly underlay: Underlay;
  readonly clock: Clock;
  readonly random: Random;
  readonly options: TracerOptions;
  readonly listening: ListenPolicy;
  #nextPort = EPHEMERAL_FIRST;

  constructor(init: SimWorldInit) {
    this.underlay = init.underlay;
    this.clock = init.clock;
    this.random = init.random;
    this.options = init.options ?? {};
    this.listening = init.listening ?? (() => true);
  }

  /** A fresh client port (cycling through the ephemeral range), so repeated probes are new flows. */
  ephemeralPort(): number {
    const port = this.#nextPort;
    this.#nextPort = port >= EPHEMERAL_LAST ? EPHEMERAL_FIRST : port + 1;
    return port;
  }
}
