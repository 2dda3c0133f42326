/**
 * @module The pod IP pool of one node: deterministic allocation of the lowest free address of
 * the pod subnet, skipping the network address, the gateway and the broadcast address. Pure;
 * persistence is the caller's job (allocations are restored with `assign`).
 */
import { BadInputError } from '../../../core/errors.ts';
import { cidrContains, formatCidr, formatIp4, lastAddress, type Cidr, type Ip4 } from '../../net/ipv4.ts';
import { PodIpExhaustedError } from '../errors.ts';

/** One allocation. */
export interface PodIpAllocation {
  /** Who holds the address (`namespace/name` of the pod). */
  readonly owner: string;
  readonly ip: Ip4;
}

/** Allocates pod IPs in one subnet; the same sequence of calls always yields the same addresses. */
export class PodIpPool {
  private readonly byOwner = new Map<string, Ip4>();
  private readonly byIp = new Map<Ip4, string>();
  /** No address below this one is free (a lower bound that keeps allocation cheap). */
  private lowestMaybeFree: Ip4;
  private readonly first: Ip4;
  private readonly last: Ip4;

  /**
   * @param subnet the node's pod subnet (at most /30)
   * @param gateway the address VPP holds in it (never handed out)
   */
  constructor(readonly subnet: Cidr, readonly gateway: Ip4) {
    if (subnet.len > 30) throw new RangeError(`pod subnet ${formatCidr(subnet)} is too small: at most /30`);
    this.first = (subnet.addr + 1) >>> 0;
    this.last = (lastAddress(subnet) - 1) >>> 0;
    this.lowestMaybeFree = this.first;
  }

  /** How many pods fit: every address but network, gateway and broadcast. */
  get capacity(): number {
    return this.last - this.first + 1 - (this.isUsable(this.gateway) ? 1 : 0);
  }

  /** Number of allocated addresses. */
  get size(): number {
    return this.byOwner.size;
  }

  /**
   * The address of `owner`, allocating the lowest free one if it has none (idempotent).
   * @throws {PodIpExhaustedError} if every address is taken
   */
  allocate(owner: string): Ip4 {
    const held = this.byOwner.get(owner);
    if (held !== undefined) return held;
    for (let ip = this.lowestMaybeFree; ip <= this.last; ip++) {
      if (ip === this.gateway || this.byIp.has(ip)) continue;
      this.lowestMaybeFree = ip + 1;
      this.take(owner, ip);
      return ip;
    }
    this.lowestMaybeFree = this.last + 1;
    throw new PodIpExhaustedError(formatCidr(this.subnet), this.capacity);
  }

  /**
   * Records that `owner` holds `ip` (restoring persisted allocations).
   * @param source names the persisted record for errors
   * @throws {BadInputError} if the address is outside the subnet, reserved or held by another owner
   */
  assign(owner: string, ip: Ip4, source = owner): void {
    const bad = (detail: string) => new BadInputError(source, 'ip', detail);
    if (!cidrContains(this.subnet, ip)) throw bad(`${formatIp4(ip)} is outside the pod subnet ${formatCidr(this.subnet)}`);
    if (!this.isUsable(ip) || ip === this.gateway) throw bad(`${formatIp4(ip)} is reserved in ${formatCidr(this.subnet)}`);
    const other = this.byIp.get(ip);
    if (other !== undefined && other !== owner) throw bad(`${formatIp4(ip)} is already held by ${other}`);
    const held = this.byOwner.get(owner);
    if (held !== undefined && held !== ip) this.release(owner);
    this.take(owner, ip);
  }

  /** Frees the address of `owner`; returns it, or undefined if it held none. */
  release(owner: string): Ip4 | undefined {
    const ip = this.byOwner.get(owner);
    if (ip === undefined) return undefined;
    this.byOwner.delete(owner);
    this.byIp.delete(ip);
    if (ip < this.lowestMaybeFree) this.lowestMaybeFree = ip;
    return ip;
  }

  /** The address `owner` holds. */
  ipOf(owner: string): Ip4 | undefined {
    return this.byOwner.get(owner);
  }

  /** Who holds `ip`. */
  ownerOf(ip: Ip4): string | undefined {
    return this.byIp.get(ip);
  }

  /** All allocations, sorted by address. */
  allocations(): readonly PodIpAllocation[] {
    return [...this.byIp].map(([ip, owner]) => ({ owner, ip })).sort((a, b) => a.ip - b.ip);
  }

  private isUsable(ip: Ip4): boolean {
    return ip >= this.first && ip <= this.last;
  }

  private take(owner: string, ip: Ip4): void {
    this.byOwner.set(owner, ip);
    this.byIp.set(ip, owner);
  }
}
