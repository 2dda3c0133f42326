/**
 * @module Decoding VPP's `dhcp_compl_event` into a lease (address with prefix, router). Tolerant
 * of the message shapes VPP used over time: the 22.10 `lease` sub-object with `address`
 * unions, or the older flat fields with byte arrays. Pure.
 */
import { parseIp4, type Ip4 } from '../net/ipv4.ts';
import type { IfAddress } from './ipam/node-addressing.ts';

/** A bound DHCP lease. */
export interface DhcpLease {
  /** Interface the lease is for, when the event says. */
  readonly swIfIndex?: number;
  readonly address: IfAddress;
  /** The router (default gateway); undefined when the server sent none. */
  readonly router?: Ip4;
}

/** The lease in a `dhcp_compl_event`, or undefined if it carries no usable IPv4 lease. */
export function decodeDhcpEvent(event: unknown): DhcpLease | undefined {
  const ev = asRecord(event);
  if (!ev) return undefined;
  const lease = asRecord(ev.lease) ?? ev;
  if (lease.is_ipv6 === true || lease.is_ipv6 === 1) return undefined;
  const ip = ip4Of(lease.host_address);
  const len = lease.mask_width;
  if (ip === undefined || ip === 0 || typeof len !== 'number' || !Number.isInteger(len) || len < 1 || len > 32) return undefined;
  const router = ip4Of(lease.router_address);
  const sw = lease.sw_if_index;
  return {
    ...(typeof sw === 'number' ? { swIfIndex: sw } : {}),
    address: { ip, len },
    ...(router !== undefined && router !== 0 ? { router } : {}),
  };
}

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** An IPv4 address given as `address {af, un: {ip4}}`, bytes, dotted quad or uint32. */
function ip4Of(v: unknown): Ip4 | undefined {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 && v <= 0xffffffff ? v >>> 0 : undefined;
  if (typeof v === 'string') {
    try {
      return parseIp4(v);
    } catch {
      return undefined;
    }
  }
  if (Array.isArray(v) || v instanceof Uint8Array) {
    const b: unknown[] = Array.from(v as ArrayLike<unknown>).slice(0, 4);
    if (b.length < 4 || !b.every((x) => typeof x === 'number' && x >= 0 && x <= 255)) return undefined;
    const n = b as number[];
    return ((n[0]! << 24) | (n[1]! << 16) | (n[2]! << 8) | n[3]!) >>> 0;
  }
  const rec = asRecord(v);
  if (!rec) return undefined;
  if (rec.af === 1) return undefined;
  const un = asRecord(rec.un);
  return ip4Of(un?.ip4 ?? rec.ip4);
}
