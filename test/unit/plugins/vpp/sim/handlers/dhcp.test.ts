import { describe, expect, it } from 'vitest';
import { VnetApiError as E } from '../../../../../../plugins/vpp/messages/api-errno.ts';
import type { DhcpClient } from '../../../../../../plugins/vpp/messages/dhcp.ts';
import { ip4Address } from '../../../../../../plugins/vpp/messages/vpp-types.ts';
import { bindLease } from '../../../../../../plugins/vpp/sim/handlers/dhcp.ts';
import { parseIp4 } from '../../../../../../plugins/net/ipv4.ts';
import { call, dumpOf, newSim } from '../../../../../fakes/vpp-sim-call.ts';

const client = (over: Partial<DhcpClient> = {}): DhcpClient => ({
  sw_if_index: 1,
  hostname: 'node-1',
  id: [],
  want_dhcp_event: true,
  set_broadcast_flag: false,
  dscp: 0,
  pid: 99,
  ...over,
});

describe('dhcp handlers', () => {
  it('dhcp_client_config adds a client that dhcp_client_dump shows in DISCOVER state', () => {
    const sim = newSim();
    expect(call(sim, 'dhcp_client_config', { client: client() }).retval).toBe(0);
    expect(dumpOf(sim, 'dhcp_client_dump')).toMatchObject([{ client: { sw_if_index: 1, hostname: 'node-1', want_dhcp_event: true, pid: 99 }, lease: { state: 0 } }]);
  });

  it('dhcp_client_config fails for an unknown interface, a second client (INVALID_VALUE) and removing a missing one (NO_SUCH_ENTRY)', () => {
    const sim = newSim();
    expect(call(sim, 'dhcp_client_config', { client: client({ sw_if_index: 9 }) }).retval).toBe(E.INVALID_SW_IF_INDEX);
    call(sim, 'dhcp_client_config', { client: client() });
    expect(call(sim, 'dhcp_client_config', { client: client() }).retval).toBe(E.INVALID_VALUE);
    expect(call(sim, 'dhcp_client_config', { client: client({ sw_if_index: 0 }), is_add: false }).retval).toBe(E.NO_SUCH_ENTRY);
  });

  it('bindLease() sets the address, installs a DHCP default route and emits dhcp_compl_event with the lease', () => {
    const sim = newSim();
    const events: unknown[] = [];
    sim.onEvent((e) => events.push(e));
    call(sim, 'dhcp_client_config', { client: client() });
    expect(bindLease(sim, 1, { ip: parseIp4('192.168.16.5'), len: 24, router: parseIp4('192.168.16.1') })).toBe(true);
    expect(sim.state.interfaces.get(1)!.addresses).toEqual([{ ip: parseIp4('192.168.16.5'), len: 24 }]);
    expect(sim.state.routes).toEqual([
      { vrf: 0, prefix: 0, len: 0, paths: [{ nextHop: parseIp4('192.168.16.1'), swIfIndex: 1, weight: 1, preference: 0 }], source: 'dhcp' },
    ]);
    expect(events).toMatchObject([
      { _msgname: 'dhcp_compl_event', pid: 99, lease: { sw_if_index: 1, state: 2, mask_width: 24, host_address: ip4Address('192.168.16.5'), router_address: ip4Address('192.168.16.1') } },
    ]);
  });

  it('bindLease() sends no event to a client without want_dhcp_event and returns false without a client', () => {
    const sim = newSim();
    const events: unknown[] = [];
    sim.onEvent((e) => events.push(e));
    expect(bindLease(sim, 1, { ip: 1, len: 24, router: 2 })).toBe(false);
    call(sim, 'dhcp_client_config', { client: client({ want_dhcp_event: false }) });
    expect(bindLease(sim, 1, { ip: parseIp4('10.0.0.5'), len: 24, router: parseIp4('10.0.0.1') })).toBe(true);
    expect(events).toEqual([]);
  });

  it('dhcp_client_config delete removes the lease address and the DHCP route', () => {
    const sim = newSim();
    call(sim, 'dhcp_client_config', { client: client() });
    bindLease(sim, 1, { ip: parseIp4('10.0.0.5'), len: 24, router: parseIp4('10.0.0.1') });
    expect(call(sim, 'dhcp_client_config', { client: client(), is_add: false }).retval).toBe(0);
    expect(sim.state.interfaces.get(1)!.addresses).toEqual([]);
    expect(sim.state.routes).toEqual([]);
    expect(dumpOf(sim, 'dhcp_client_dump')).toEqual([]);
  });
});
