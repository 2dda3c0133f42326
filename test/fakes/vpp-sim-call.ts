/** @module Synchronous calls into a VppSimulator for handler tests (no channel, no adapter). */
import type { VppDumpMap, VppDumpName, VppRequestMap, VppRequestName } from '../../plugins/vpp/messages/message-map.ts';
import { newRequest, type FieldsOf } from '../../plugins/vpp/messages/new-request.ts';
import { VppSimulator, type VppSimulatorOptions } from '../../plugins/vpp/sim/vpp-simulator.ts';

/** Sends request `name` (VPP defaults + `fields`) and returns its reply. */
export function call<N extends VppRequestName>(sim: VppSimulator, name: N, fields: Partial<FieldsOf<N>> = {}): VppRequestMap[N]['reply'] {
  const [reply] = sim.handle(newRequest(name, fields));
  // handle() answers a request with exactly its reply.
  return reply as VppRequestMap[N]['reply'];
}

/** Sends dump `name` and returns the details. */
export function dumpOf<N extends VppDumpName>(sim: VppSimulator, name: N, fields: Partial<FieldsOf<N>> = {}): VppDumpMap[N]['details'][] {
  return sim.handle(newRequest(name, fields)) as VppDumpMap[N]['details'][];
}

/** A simulator of `node-1` with one NIC `GigabitEthernet0/8/0` (sw_if_index 1). */
export function newSim(opts: Partial<VppSimulatorOptions> = {}): VppSimulator {
  return new VppSimulator({ node: 'node-1', nics: [{ name: 'GigabitEthernet0/8/0', mac: '08:00:27:00:00:01' }], ...opts });
}
