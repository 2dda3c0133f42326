/**
 * @module A throw-away view of a simulated VPP's state for one trace: the configuration is
 * shared (walks only read it), the runtime tables a walk writes — NAT44 sessions, affinity
 * records, ACL reflect sessions — are copies. Tracing on a running agent therefore never changes
 * its data plane, and every trace sees the sessions that existed before it and none of another
 * trace's, so a reachability matrix does not depend on the order of its cells.
 */
import type { SimState } from '../vpp/sim/sim-state.ts';

/**
 * A state equal to `state` whose session tables are copies (objects included: walks refresh
 * `lastHeard` in place).
 * @example probe(worldOver(sandboxState(sim.state)), request) // sim.state is unchanged
 */
export function sandboxState(state: SimState): SimState {
  const nat = state.nat44;
  return {
    ...state,
    aclSessions: state.aclSessions.map((s) => ({ ...s })),
    nat44: {
      ...nat,
      sessions: nat.sessions.map((s) => ({ ...s })),
      affinity: new Map([...nat.affinity].map(([k, v]) => [k, { ...v }])),
    },
  };
}
