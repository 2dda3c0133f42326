import { describe, expect, it } from 'vitest';
import { VnetApiError as E } from '../../../../../../plugins/vpp/messages/api-errno.ts';
import { ip4Path } from '../../../../../../plugins/vpp/messages/new-request.ts';
import { ip4Prefix, prefixFromText } from '../../../../../../plugins/vpp/messages/vpp-types.ts';
import { parseIp4 } from '../../../../../../plugins/net/ipv4.ts';
import type { FibPath } from '../../../../../../plugins/vpp/messages/ip.ts';
import { call, dumpOf, newSim } from '../../../../../fakes/vpp-sim-call.ts';

const route = (dst: string, paths: FibPath[], table_id = 0) => ({ route: { table_id, stats_index: 0, prefix: prefixFromText(dst), n_paths: paths.length, paths } });

describe('ip handlers', () => {
  it('ip_route_add_del adds a route with host bits masked and ip_route_dump returns it with its paths', () => {
    const sim = newSim();
    expect(call(sim, 'ip_route_add_del', route('10.2.1.7/24', [ip4Path('192.168.16.2', 1)])).retval).toBe(0);
    expect(sim.state.routes).toEqual([
      { vrf: 0, prefix: parseIp4('10.2.1.0'), len: 24, paths: [{ nextHop: parseIp4('192.168.16.2'), swIfIndex: 1, weight: 1, preference: 0 }], source: 'api' },
    ]);
    const [d] = dumpOf(sim, 'ip_route_dump');
    expect(d!.route.prefix).toEqual(ip4Prefix('10.2.1.0', 24));
    expect(d!.route.paths[0]).toMatchObject({ sw_if_index: 1, weight: 1, nh: { address: { ip4: [192, 168, 16, 2] } } });
  });

  it('ip_route_add_del replaces the paths without is_multipath and appends with it', () => {
    const sim = newSim();
    call(sim, 'ip_route_add_del', route('10.3.0.0/16', [ip4Path('192.168.16.2', 1)]));
    call(sim, 'ip_route_add_del', route('10.3.0.0/16', [ip4Path('192.168.16.3', 1)]));
    expect(sim.state.routes[0]!.paths.map((p) => p.nextHop)).toEqual([parseIp4('192.168.16.3')]);
    call(sim, 'ip_route_add_del', { ...route('10.3.0.0/16', [ip4Path('192.168.16.4', 1)]), is_multipath: true });
    expect(sim.state.routes[0]!.paths.map((p) => p.nextHop)).toEqual([parseIp4('192.168.16.3'), parseIp4('192.168.16.4')]);
    call(sim, 'ip_route_add_del', { ...route('10.3.0.0/16', [ip4Path('192.168.16.3', 1)]), is_multipath: true, is_add: false });
    expect(sim.state.routes[0]!.paths.map((p) => p.nextHop)).toEqual([parseIp4('192.168.16.4')]);
  });

  it('ip_route_add_del deletes a route and, as VPP, answers 0 when deleting a route that does not exist', () => {
    const sim = newSim();
    call(sim, 'ip_route_add_del', route('10.3.0.0/16', [ip4Path('192.168.16.2', 1)]));
    expect(call(sim, 'ip_route_add_del', { ...route('10.3.0.0/16', []), is_add: false }).retval).toBe(0);
    expect(sim.state.routes).toEqual([]);
    expect(call(sim, 'ip_route_add_del', { ...route('10.3.0.0/16', []), is_add: false }).retval).toBe(0);
  });

  it('ip_route_add_del fails with NO_PATHS_IN_ROUTE, NO_SUCH_FIB and INVALID_SW_IF_INDEX on bad input', () => {
    const sim = newSim();
    expect(call(sim, 'ip_route_add_del', route('10.3.0.0/16', [])).retval).toBe(E.NO_PATHS_IN_ROUTE);
    expect(call(sim, 'ip_route_add_del', route('10.3.0.0/16', [ip4Path('1.1.1.1', 1)], 3)).retval).toBe(E.NO_SUCH_FIB);
    expect(call(sim, 'ip_route_add_del', route('10.3.0.0/16', [ip4Path('1.1.1.1', 30)])).retval).toBe(E.INVALID_SW_IF_INDEX);
  });

  it('ip_route_add_del keeps the path type (drop, icmp-unreachable) for the tracer', () => {
    const sim = newSim();
    call(sim, 'ip_route_add_del', route('10.9.0.0/16', [ip4Path(undefined, 0xffffffff, { type: 2 })]));
    expect(sim.state.routes[0]!.paths[0]!.type).toBe(2);
    expect(dumpOf(sim, 'ip_route_dump')[0]!.route.paths[0]!.type).toBe(2);
  });

  it('ip_table_add_del creates a table, routes may use it, and deleting it removes its routes', () => {
    const sim = newSim();
    expect(call(sim, 'ip_table_add_del', { table: { table_id: 1, is_ip6: false, name: 'pods' } }).retval).toBe(0);
    expect(dumpOf(sim, 'ip_table_dump').map((d) => [d.table.table_id, d.table.name])).toEqual([
      [0, 'ipv4-VRF:0'],
      [1, 'pods'],
    ]);
    expect(call(sim, 'ip_route_add_del', route('10.1.0.0/16', [ip4Path('10.0.0.1', 0xffffffff)], 1)).retval).toBe(0);
    expect(dumpOf(sim, 'ip_route_dump', { table: { table_id: 1, is_ip6: false, name: '' } })).toHaveLength(1);
    expect(dumpOf(sim, 'ip_route_dump')).toHaveLength(0);
    call(sim, 'ip_table_add_del', { is_add: false, table: { table_id: 1, is_ip6: false, name: '' } });
    expect(sim.state.routes).toEqual([]);
    expect(dumpOf(sim, 'ip_route_dump', { table: { table_id: 1, is_ip6: false, name: '' } })).toEqual([]);
  });
  it('ip_unnumbered_dump lists the unnumbered interfaces with their address owner, all (~0) or one', () => {
    const sim = newSim();
    const a = call(sim, 'create_loopback').sw_if_index;
    const b = call(sim, 'create_loopback').sw_if_index;
    call(sim, 'sw_interface_set_unnumbered', { sw_if_index: 1, unnumbered_sw_if_index: b });
    call(sim, 'sw_interface_set_unnumbered', { sw_if_index: 1, unnumbered_sw_if_index: a });
    expect(dumpOf(sim, 'ip_unnumbered_dump').map((d) => [d.sw_if_index, d.ip_sw_if_index])).toEqual([[a, 1], [b, 1]]);
    expect(dumpOf(sim, 'ip_unnumbered_dump', { sw_if_index: b })).toEqual([{ _msgname: 'ip_unnumbered_details', sw_if_index: b, ip_sw_if_index: 1 }]);
    expect(dumpOf(sim, 'ip_unnumbered_dump', { sw_if_index: 1 })).toEqual([]);
  });
});
