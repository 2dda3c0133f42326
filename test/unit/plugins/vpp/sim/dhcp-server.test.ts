import { describe, expect, it } from 'vitest';
import { newRequest } from '../../../../../plugins/vpp/messages/new-request.ts';
import { ip4Address } from '../../../../../plugins/vpp/messages/vpp-types.ts';
import { NoDhcpClientError, SimDhcpServer } from '../../../../../plugins/vpp/sim/dhcp-server.ts';
import { parseIp4 } from '../../../../../plugins/net/ipv4.ts';
import type { DhcpComplEvent } from '../../../../../plugins/vpp/messages/dhcp.ts';
import { connectSim } from '../../../../fakes/vpp-recording-channel.ts';
import { call, dumpOf, newSim } from '../../../../fakes/vpp-sim-call.ts';

const config = newRequest('dhcp_client_config', {
  client: { sw_if_index: 1, hostname: 'node-1', id: [], want_dhcp_event: true, set_broadcast_flag: false, dscp: 0, pid: 1 },
});

describe('SimDhcpServer', () => {
  it('offer() leads to a dhcp_compl_event on a subscribed channel, the address on the NIC and a default route', async () => {
    const sim = newSim();
    const { channel } = await connectSim(sim);
    const event = new Promise<DhcpComplEvent>((resolve) => channel.subscribe('dhcp_compl_event', resolve));
    await channel.request(config);
    new SimDhcpServer(sim).offer('GigabitEthernet0/8/0', { address: '192.168.16.5', prefixLength: 24, router: '192.168.16.1' });
    expect((await event).lease).toMatchObject({ sw_if_index: 1, state: 2, host_address: ip4Address('192.168.16.5'), mask_width: 24 });
    expect(dumpOf(sim, 'ip_address_dump', { sw_if_index: 1 }).map((d) => d.prefix.len)).toEqual([24]);
    expect(dumpOf(sim, 'ip_route_dump')).toMatchObject([{ route: { prefix: { len: 0 }, paths: [{ sw_if_index: 1, nh: { address: { ip4: [192, 168, 16, 1] } } }] } }]);
  });

  it('offer() of a new lease replaces the old address and route (a lease change)', () => {
    const sim = newSim();
    sim.handle(config);
    const server = new SimDhcpServer(sim);
    server.offer(1, { address: '192.168.16.5', prefixLength: 24, router: '192.168.16.1' });
    server.offer(1, { address: '10.0.0.7', prefixLength: 8, router: '10.0.0.1' });
    expect(sim.state.interfaces.get(1)!.addresses).toEqual([{ ip: parseIp4('10.0.0.7'), len: 8 }]);
    expect(sim.state.routes.map((r) => r.paths[0]!.nextHop)).toEqual([parseIp4('10.0.0.1')]);
  });

  it('release() removes the lease address and route', () => {
    const sim = newSim();
    sim.handle(config);
    const server = new SimDhcpServer(sim);
    server.offer(1, { address: '192.168.16.5', prefixLength: 24, router: '192.168.16.1' });
    server.release(1);
    expect(sim.state.interfaces.get(1)!.addresses).toEqual([]);
    expect(sim.state.routes).toEqual([]);
  });

  it('offer() throws NoDhcpClientError naming node and interface when no client runs there', () => {
    const sim = newSim();
    call(sim, 'create_loopback');
    const err = (() => {
      try {
        new SimDhcpServer(sim).offer('loop0', { address: '1.1.1.2', prefixLength: 24, router: '1.1.1.1' });
      } catch (e: unknown) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(NoDhcpClientError);
    expect(err).toMatchObject({ code: 'SIM_NO_DHCP_CLIENT', node: 'node-1', iface: 'loop0' });
    expect(() => new SimDhcpServer(sim).release('nope')).toThrow(NoDhcpClientError);
  });
});
