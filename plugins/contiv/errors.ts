/** @module The contiv plugin's errors: IPAM, node ID allocation and CNI handling. */
import { ContivError } from '../../core/errors.ts';

/** A node ID does not fit in the bits a subnet leaves for it (instead of silently wrapping). */
export class NodeIdOutOfRangeError extends ContivError {
  readonly code = 'NODE_ID_OUT_OF_RANGE';
  /**
   * @param what which address block was being cut (`pod subnet`, `VXLAN address`, ...)
   * @param nodeId the node ID that does not fit
   * @param subnet the subnet it was placed into
   * @param maxId the largest node ID that fits
   */
  constructor(readonly what: string, readonly nodeId: number, readonly subnet: string, readonly maxId: number) {
    super(
      `node ID ${nodeId} does not fit the ${what} in ${subnet}: at most ${maxId} nodes fit ` +
        `(use a larger subnet or a longer per-node prefix, or set the Node's spec.podCIDR)`,
    );
  }
}

/** Every address of a node's pod subnet is taken. */
export class PodIpExhaustedError extends ContivError {
  readonly code = 'POD_IP_EXHAUSTED';
  constructor(readonly subnet: string, readonly capacity: number) {
    super(`no free pod IP left in ${subnet} (all ${capacity} addresses are allocated)`);
  }
}

/** The node ID could not be allocated (too many lost races, or the store failed). */
export class NodeIdAllocationError extends ContivError {
  readonly code = 'NODE_ID_ALLOCATION_FAILED';
  constructor(readonly nodeName: string, readonly attempts: number, options?: ErrorOptions) {
    super(`could not allocate a node ID for "${nodeName}" after ${attempts} attempts`, options);
  }
}

/** Two parts of the addressing plan want the same address. */
export class AddressConflictError extends ContivError {
  readonly code = 'ADDRESS_CONFLICT';
  constructor(readonly address: string, readonly detail: string) {
    super(`address ${address}: ${detail}`);
  }
}

/** A request arrived before the plugin finished its initial resync. */
export class ContivNotReadyError extends ContivError {
  readonly code = 'CONTIV_NOT_READY';
  constructor(readonly operation: string) {
    super(`cannot ${operation}: the contiv plugin has not finished its initial resync yet`);
  }
}

/** The network namespace named by a CNI request does not exist. */
export class NetnsNotFoundError extends ContivError {
  readonly code = 'NETNS_NOT_FOUND';
  constructor(readonly netns: string, readonly containerId: string) {
    super(`network namespace ${netns} of container ${containerId} does not exist`);
  }
}
