/** @module Synchronous calls into a VppSimulator for handler tests (no channel, no adapter). */
import type { VppDumpMap, VppDumpName, VppGetMap, VppGetName, VppRequestMap, VppRequestName } from '../../plugins/vpp/messages/message-map.ts';
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

/** Sends cursor get `name` and returns what VPP answers: the details, then the reply. */
export function getOf<N extends VppGetName>(
  sim: VppSimulator,
  name: N,
  fields: Partial<FieldsOf<N>> = {},
): { details: VppGetMap[N]['details'][]; reply: VppGetMap[N]['reply'] } {
  const answers = sim.handle(newRequest(name, fields));
  // handle() answers a get with its details followed by exactly one reply.
  const reply = answers.pop() as VppGetMap[N]['reply'];
  return { details: answers as VppGetMap[N]['details'][], reply };
}

/** A simulator of `node-1` with one NIC `GigabitEthernet0/8/0` (sw_if_index 1). */
export function newSim(opts: Partial<VppSimulatorOptions> = {}): VppSimulator {
  return new VppSimulator({ node: 'node-1', nics: [{ name: 'GigabitEthernet0/8/0', mac: '08:00:27:00:00:01' }], ...opts });
}

/** A {@linkcode newSim} whose NAT44-ED plugin is enabled (VPP 22.10 refuses NAT settings before). */
export function newNatSim(opts: Partial<VppSimulatorOptions> = {}): VppSimulator {
  const sim = newSim(opts);
  call(sim, 'nat44_ed_plugin_enable_disable', { enable: true });
  return sim;
}
