/**
 * @module The last DHCP lease of this node's main NIC, persisted under its own prefix
 * (`/vnf-agent/<node>/contiv/dhcp-lease` → `{"address": "a.b.c.d/len", "router": "a.b.c.d"}`),
 * so a restarted agent knows its node IP before VPP's DHCP client reports again (VPP keeps the
 * lease across agent restarts and sends no new event).
 */
import { BadInputError } from '../../core/errors.ts';
import { formatIp4, isIp4, parseIfAddress, parseIp4 } from '../net/ipv4.ts';
import type { DhcpLease } from './dhcp-lease.ts';
import { formatIfAddress } from './vswitch/base-config.ts';

/** Store key of this node's last lease. */
export function dhcpLeaseKey(nodeName: string): string {
  return `/vnf-agent/${nodeName}/contiv/dhcp-lease`;
}

/** Serializes a lease. */
export function encodeDhcpLease(lease: DhcpLease): string {
  return JSON.stringify({
    address: formatIfAddress(lease.address),
    ...(lease.router !== undefined ? { router: formatIp4(lease.router) } : {}),
  });
}

/** Parses a persisted lease. @throws {BadInputError} naming the key and field */
export function decodeDhcpLease(key: string, value: string): DhcpLease {
  let raw: unknown;
  try {
    raw = JSON.parse(value);
  } catch (err: unknown) {
    throw new BadInputError(key, '', 'value is not valid JSON', { cause: err });
  }
  const o = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  if (typeof o.address !== 'string' || !o.address.includes('/')) throw new BadInputError(key, 'address', 'expected a.b.c.d/len');
  let address;
  try {
    address = parseIfAddress(o.address);
  } catch (err: unknown) {
    throw new BadInputError(key, 'address', `"${o.address}" is not a.b.c.d/len`, { cause: err });
  }
  if (o.router !== undefined && (typeof o.router !== 'string' || !isIp4(o.router))) throw new BadInputError(key, 'router', 'expected a.b.c.d');
  return { address, ...(typeof o.router === 'string' ? { router: parseIp4(o.router) } : {}) };
}
