/**
 * @module ServiceAllocation: what the API server's allocators do for Services — a cluster IP
 * from the service CIDR for Services without one (lowest free address; the first address is
 * kept for the `kubernetes` Service), and NodePorts from 30000–32767 for NodePort and
 * LoadBalancer ports without one. Given values are checked (in range, not taken, unchanged);
 * assignments stick to their Service across simulation steps. Pure.
 */
import { BadInputError } from '../core/errors.ts';
import type { Service } from '../plugins/ksr/model.ts';
import { cidrContains, formatCidr, formatIp4, isIp4, lastAddress, parseIp4, type Cidr } from '../plugins/net/ipv4.ts';
import { StickyPool, type ClaimProblem } from './sticky-pool.ts';
import { compareText } from './compare-text.ts';

/** First and last NodePort (the API server's default range). */
export const NODE_PORT_RANGE = { first: 30000, last: 32767 } as const;

/** A Service as the allocator sees it. */
export interface ServiceInput {
  /** `namespace/name`. */
  readonly id: string;
  /** Names the object in errors. */
  readonly source: string;
  readonly value: Service;
}

/** What a Service got. */
export interface ServiceAssignment {
  /** The cluster IP; undefined for headless and ExternalName Services. */
  readonly clusterIP?: string;
  /** The NodePort of each port (by index), undefined where the type has none. */
  readonly nodePorts: readonly (number | undefined)[];
}

const portOwner = (id: string, p: Service['ports'][number], i: number): string => `${id}|${p.name ?? i}|${p.protocol}|${p.port}`;

function problemText(p: ClaimProblem, what: string, range: string): string {
  switch (p.kind) {
    case 'out-of-range': return `${what} is not in ${range}`;
    case 'reserved': return `${what} is reserved (the kubernetes Service's address)`;
    case 'taken': return `${what} is already allocated to Service ${p.by.split('|')[0]}`;
  }
}

/** Cluster IPs and NodePorts of the simulated cluster's Services. */
export class ServiceAllocation {
  readonly #ips: StickyPool;
  readonly #nodePorts = new Map<string, StickyPool>();

  constructor(readonly serviceCidr: Cidr) {
    const first = serviceCidr.addr + 1;
    this.#ips = new StickyPool(first, lastAddress(serviceCidr) - 1, new Set([first]));
  }

  #portPool(protocol: string): StickyPool {
    let pool = this.#nodePorts.get(protocol);
    if (!pool) this.#nodePorts.set(protocol, (pool = new StickyPool(NODE_PORT_RANGE.first, NODE_PORT_RANGE.last)));
    return pool;
  }

  /**
   * Assigns every Service of the cluster (the complete current set: Services not in it are
   * released). Given values are claimed first, in `namespace/name` order, then the missing
   * ones are allocated in the same order.
   * @throws {BadInputError} naming the Service and field for a value out of range, taken,
   *   changed from what the Service holds, or when a range is exhausted
   */
  assign(services: readonly ServiceInput[]): Map<string, ServiceAssignment> {
    const sorted = [...services].sort((a, b) => compareText(a.id, b.id));
    const present = new Set(sorted.map((s) => s.id));
    for (const owner of this.#ips.owners()) if (!present.has(owner)) this.#ips.release(owner);
    for (const pool of this.#nodePorts.values()) for (const owner of pool.owners()) if (!present.has(owner.split('|')[0]!)) pool.release(owner);

    const range = `the service CIDR ${formatCidr(this.serviceCidr)}`;
    for (const s of sorted) {
      const ip = givenClusterIp(s.value);
      if (ip === undefined) continue;
      const held = this.#ips.valueOf(s.id);
      if (held !== undefined && held !== parseIp4(ip)) {
        throw new BadInputError(s.source, 'spec.clusterIP', `${ip} differs from the Service's cluster IP ${formatIp4(held)} (spec.clusterIP is immutable)`);
      }
      if (!cidrContains(this.serviceCidr, parseIp4(ip))) throw new BadInputError(s.source, 'spec.clusterIP', `${ip} is not in ${range}`);
      const problem = this.#ips.claim(s.id, parseIp4(ip));
      if (problem) throw new BadInputError(s.source, 'spec.clusterIP', problemText(problem, ip, range));
    }
    const nodePortRange = `the NodePort range ${NODE_PORT_RANGE.first}-${NODE_PORT_RANGE.last}`;
    for (const s of sorted) {
      if (!hasNodePorts(s.value)) continue;
      s.value.ports.forEach((p, i) => {
        if (p.nodePort === undefined) return;
        const problem = this.#portPool(p.protocol).claim(portOwner(s.id, p, i), p.nodePort);
        if (problem) throw new BadInputError(s.source, `spec.ports[${i}].nodePort`, problemText(problem, `${p.nodePort}/${p.protocol}`, nodePortRange));
      });
    }

    const out = new Map<string, ServiceAssignment>();
    for (const s of sorted) {
      let clusterIP: string | undefined;
      if (wantsClusterIp(s.value)) {
        const ip = this.#ips.allocate(s.id);
        if (ip === undefined) throw new BadInputError(s.source, 'spec.clusterIP', `no free address left in ${range}`);
        clusterIP = formatIp4(ip);
      } else {
        this.#ips.release(s.id);
      }
      const nodePorts = s.value.ports.map((p, i) => {
        if (!hasNodePorts(s.value)) return undefined;
        const port = this.#portPool(p.protocol).allocate(portOwner(s.id, p, i));
        if (port === undefined) throw new BadInputError(s.source, `spec.ports[${i}].nodePort`, `no free port left in ${nodePortRange}`);
        return port;
      });
      out.set(s.id, { ...(clusterIP !== undefined ? { clusterIP } : {}), nodePorts });
    }
    return out;
  }
}

function hasNodePorts(s: Service): boolean {
  return s.type === 'NodePort' || s.type === 'LoadBalancer';
}

function wantsClusterIp(s: Service): boolean {
  return s.type !== 'ExternalName' && s.clusterIPs[0] !== 'None';
}

function givenClusterIp(s: Service): string | undefined {
  const ip = s.clusterIPs[0];
  return ip !== undefined && ip !== 'None' && isIp4(ip) ? ip : undefined;
}
