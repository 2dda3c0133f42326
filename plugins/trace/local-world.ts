/**
 * @module The tracer's world around one running agent: its simulated VPP (a sandboxed view, see
 * `sandbox-state.ts`) on a single-node underlay with the default gateway and the outside
 * network behind it. Each call builds a fresh world with the same seed and client port, so the
 * same question gets the same answer.
 */
import type { Clock } from '../../core/clock.ts';
import { isIp4, parseCidr, parseIp4, type Cidr } from '../net/ipv4.ts';
import type { SimState } from '../vpp/sim/sim-state.ts';
import { seededRandom } from '../vpp/sim/tracer/random.ts';
import { SimWorld } from '../vpp/sim/tracer/world.ts';
import { singleNodeUnderlay } from '../vpp/sim/underlay.ts';
import { sandboxState } from './sandbox-state.ts';

/** One agent's data plane as the tracer needs it. */
export interface LocalDataPlane {
  readonly node: string;
  readonly state: SimState;
  readonly clock: Clock;
  /** The main NIC: VPP's interface name or our tag of it. */
  readonly mainInterface?: string;
  /** The VPP side of the host interconnect: VPP's name or our tag (`tap-vpp2`). */
  readonly hostInterconnect?: string;
  /** Default gateway (no prefix), if any: the way to outside hosts. */
  readonly gateway?: string;
  /** Never-outside prefixes (pod, service subnets), as text. */
  readonly internalPrefixes: readonly string[];
}

/** Seed of the load-balancing draws of every trace (any fixed value keeps answers stable). */
export const TRACE_SEED = 1;

/** VPP's name of the interface called `nameOrTag` (its name, or the tag we gave it). */
export function vppInterfaceName(state: SimState, nameOrTag: string): string | undefined {
  const all = [...state.interfaces.values()];
  return (all.find((i) => i.name === nameOrTag) ?? all.find((i) => i.tag === nameOrTag))?.name;
}

function cidrs(texts: readonly string[]): Cidr[] {
  const out: Cidr[] = [];
  for (const t of texts) {
    try {
      out.push(parseCidr(t));
    } catch {
      // A prefix that does not parse only widens "outside"; the tracer still drops what no route takes.
    }
  }
  return out;
}

/**
 * A fresh world over a sandboxed copy of `dp.state`.
 * @example probe(localWorld(dp), { from: { kind: 'pod', node: dp.node, ip }, to, protocol: 'TCP', dstPort: 80 })
 */
export function localWorld(dp: LocalDataPlane): SimWorld {
  const state = sandboxState(dp.state);
  const nic = dp.mainInterface === undefined ? undefined : vppInterfaceName(state, dp.mainInterface);
  const host = dp.hostInterconnect === undefined ? undefined : vppInterfaceName(state, dp.hostInterconnect);
  const underlay = singleNodeUnderlay(
    { name: dp.node, state, nics: nic === undefined ? [] : [{ interface: nic, segment: 'nodes' }], ...(host !== undefined ? { hostInterconnect: host } : {}) },
    { ...(dp.gateway !== undefined && isIp4(dp.gateway) ? { gateway: parseIp4(dp.gateway) } : {}), internalPrefixes: cidrs(dp.internalPrefixes) },
  );
  return new SimWorld({ underlay, clock: dp.clock, random: seededRandom(TRACE_SEED) });
}
