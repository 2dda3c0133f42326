/**
 * @module The simulated DHCP server on the other side of a VPP DHCP client. A test or the
 * cluster simulation decides when a lease is offered or changed; the simulated VPP then does
 * what VPP's client does on a bound lease (address, default route, `dhcp_compl_event`).
 */
import { ContivError } from '../../../core/errors.ts';
import { parseIp4, type Ip4 } from '../../net/ipv4.ts';
import { bindLease, releaseLease } from './handlers/dhcp.ts';
import type { VppSimulator } from './vpp-simulator.ts';

/** No DHCP client runs on the interface the lease was meant for. */
export class NoDhcpClientError extends ContivError {
  readonly code = 'SIM_NO_DHCP_CLIENT';
  constructor(readonly node: string, readonly iface: string | number) {
    super(`${node}: no DHCP client on interface ${iface}`);
  }
}

/** A lease: the address with its prefix length and the default gateway. */
export interface DhcpOffer {
  /** `a.b.c.d` or a number. */
  readonly address: string | Ip4;
  readonly prefixLength: number;
  readonly router: string | Ip4;
}

const ip = (v: string | Ip4): Ip4 => (typeof v === 'string' ? parseIp4(v) : v);

/** Hands out leases to the DHCP clients of one simulated VPP. */
export class SimDhcpServer {
  constructor(private readonly sim: VppSimulator) {}

  /**
   * Binds `offer` on the client of `iface` (VPP name or sw_if_index); a second offer replaces
   * the first (a lease change).
   * @throws {NoDhcpClientError} When no DHCP client is configured there.
   */
  offer(iface: string | number, offer: DhcpOffer): void {
    const sw = this.#swIfIndex(iface);
    if (sw === undefined || !bindLease(this.sim, sw, { ip: ip(offer.address), len: offer.prefixLength, router: ip(offer.router) })) {
      throw new NoDhcpClientError(this.sim.state.node, iface);
    }
  }

  /**
   * Ends the lease of `iface` (address and default route go away; no event, as VPP).
   * @throws {NoDhcpClientError} When no DHCP client is configured there.
   */
  release(iface: string | number): void {
    const sw = this.#swIfIndex(iface);
    const client = sw === undefined ? undefined : this.sim.state.dhcpClients.get(sw);
    if (!client) throw new NoDhcpClientError(this.sim.state.node, iface);
    releaseLease(this.sim, client);
  }

  #swIfIndex(iface: string | number): number | undefined {
    return typeof iface === 'number' ? iface : this.sim.interfaceByName(iface)?.swIfIndex;
  }
}
