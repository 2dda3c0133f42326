/**
 * @module NatRejectTable: where `vpp/nat/reject` entries are realised. VPP has no message for
 * "refuse connections to this service frontend", so the nat-reject descriptor writes through
 * this port. The simulator's table (`SimNat44.rejects`, read by the packet tracer) is the
 * reference; a real-VPP realisation (an ICMP-unreachable /32 route for whole addresses, input
 * ACL denies for ports, see docs/service.md) can implement the same port.
 */
import { formatIp4, parseIp4 } from '../../../net/ipv4.ts';
import type { NatReject } from '../../model.ts';
import type { SimNatReject } from '../../sim/sim-state.ts';
import type { VppSimulator } from '../../sim/vpp-simulator.ts';

/** The reject entries of one data plane. */
export interface NatRejectTable {
  /** Adds (or replaces, by protocol/ip/port) an entry. */
  add(r: NatReject): Promise<void>;
  /** Removes the entry with `r`'s protocol/ip/port (no error when absent). */
  remove(r: NatReject): Promise<void>;
  /** Every entry, in table order. */
  list(): Promise<readonly NatReject[]>;
}

const same = (a: SimNatReject, r: NatReject): boolean => a.ip === parseIp4(r.ip) && a.protocol === r.protocol && a.port === r.port;

/** The table of a simulated VPP (`sim.state.nat44.rejects`). */
export function simNatRejectTable(sim: VppSimulator): NatRejectTable {
  const nat = sim.state.nat44;
  return {
    async add(r) {
      const entry: SimNatReject = { ip: parseIp4(r.ip), protocol: r.protocol, port: r.port, action: r.action, tag: r.tag };
      nat.rejects = [...(nat.rejects ?? []).filter((x) => !same(x, r)), entry];
    },
    async remove(r) {
      nat.rejects = (nat.rejects ?? []).filter((x) => !same(x, r));
    },
    async list() {
      return (nat.rejects ?? []).map((x) => ({ ip: formatIp4(x.ip), protocol: x.protocol as NatReject['protocol'], port: x.port, action: x.action, tag: x.tag }));
    },
  };
}
