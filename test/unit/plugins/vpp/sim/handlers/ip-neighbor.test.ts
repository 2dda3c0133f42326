import { describe, expect, it } from 'vitest';
import { VnetApiError as E } from '../../../../../../plugins/vpp/messages/api-errno.ts';
import { ip4Address } from '../../../../../../plugins/vpp/messages/vpp-types.ts';
import { call, dumpOf, newSim } from '../../../../../fakes/vpp-sim-call.ts';

const neighbor = (ip: string, mac: readonly [number, number, number, number, number, number], sw = 1) => ({
  neighbor: { sw_if_index: sw, flags: 1, mac_address: mac, ip_address: ip4Address(ip) },
});

describe('ip_neighbor handlers', () => {
  it('ip_neighbor_add_del adds a static entry, updates its MAC on re-add, and ip_neighbor_dump shows it', () => {
    const sim = newSim();
    expect(call(sim, 'ip_neighbor_add_del', neighbor('192.168.16.2', [2, 0, 0, 0, 0, 2])).retval).toBe(0);
    expect(call(sim, 'ip_neighbor_add_del', neighbor('192.168.16.2', [2, 0, 0, 0, 0, 3])).retval).toBe(0);
    expect(dumpOf(sim, 'ip_neighbor_dump').map((d) => d.neighbor)).toEqual([
      { sw_if_index: 1, flags: 1, mac_address: [2, 0, 0, 0, 0, 3], ip_address: ip4Address('192.168.16.2') },
    ]);
  });

  it('ip_neighbor_add_del fails with INVALID_SW_IF_INDEX for an unknown interface and NO_SUCH_ENTRY when deleting a missing entry', () => {
    const sim = newSim();
    expect(call(sim, 'ip_neighbor_add_del', neighbor('192.168.16.2', [2, 0, 0, 0, 0, 2], 9)).retval).toBe(E.INVALID_SW_IF_INDEX);
    expect(call(sim, 'ip_neighbor_add_del', { ...neighbor('192.168.16.2', [2, 0, 0, 0, 0, 2]), is_add: false }).retval).toBe(E.NO_SUCH_ENTRY);
  });

  it('ip_neighbor_dump filters by interface and returns nothing for IPv6', () => {
    const sim = newSim();
    const loop = call(sim, 'create_loopback').sw_if_index;
    call(sim, 'ip_neighbor_add_del', neighbor('10.0.0.2', [2, 0, 0, 0, 0, 2]));
    call(sim, 'ip_neighbor_add_del', neighbor('10.1.0.2', [2, 0, 0, 0, 0, 4], loop));
    expect(dumpOf(sim, 'ip_neighbor_dump', { sw_if_index: loop }).map((d) => d.neighbor.sw_if_index)).toEqual([loop]);
    expect(dumpOf(sim, 'ip_neighbor_dump', { af: 1 })).toEqual([]);
  });
});
