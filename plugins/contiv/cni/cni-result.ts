/**
 * @module CNI results and errors in the shape of the CNI specification (1.0 and the 0.3/0.4
 * variants): what `POST /cni/add` answers and the `cni` command prints. Pure.
 */
import { ContivError, errorMessage } from '../../../core/errors.ts';

/** CNI versions the agent answers in. */
export const SUPPORTED_CNI_VERSIONS: readonly string[] = ['0.3.0', '0.3.1', '0.4.0', '1.0.0', '1.1.0'];
/** Version used when the network config names none. */
export const DEFAULT_CNI_VERSION = '1.0.0';

/** CNI error codes (1-99 from the spec, 100+ ours). */
export const CNI_CODES = {
  INCOMPATIBLE_VERSION: 1,
  UNSUPPORTED_FIELD: 2,
  UNKNOWN_CONTAINER: 3,
  INVALID_ENVIRONMENT: 4,
  IO_FAILURE: 5,
  DECODE_FAILURE: 6,
  INVALID_NETWORK_CONFIG: 7,
  TRY_AGAIN_LATER: 11,
  /** No pod IP left on this node. */
  IPAM_EXHAUSTED: 100,
  /** Anything else the agent failed at. */
  INTERNAL: 101,
} as const;

/** A CNI ADD result. */
export interface CniResult {
  readonly cniVersion: string;
  readonly interfaces: readonly { readonly name: string; readonly mac: string; readonly sandbox: string }[];
  readonly ips: readonly { readonly version?: '4'; readonly address: string; readonly gateway: string; readonly interface: number }[];
  readonly routes: readonly { readonly dst: string; readonly gw?: string }[];
  readonly dns: Readonly<Record<string, never>>;
}

/** A CNI error result. */
export interface CniErrorResult {
  readonly cniVersion: string;
  readonly code: number;
  readonly msg: string;
  readonly details?: string;
}

/** What an ADD result says about the wired pod. */
export interface WiredPodFacts {
  readonly ifName: string;
  readonly netns: string;
  readonly mac: string;
  /** Pod IP (no prefix). */
  readonly ip: string;
  readonly gateway: string;
}

/** The ADD result for a wired pod: its interface, `<ip>/32` via the gateway, a default route. */
export function cniAddResult(cniVersion: string, pod: WiredPodFacts): CniResult {
  const legacy = cniVersion.startsWith('0.');
  return {
    cniVersion,
    interfaces: [{ name: pod.ifName, mac: pod.mac, sandbox: pod.netns }],
    ips: [{ ...(legacy ? { version: '4' as const } : {}), address: `${pod.ip}/32`, gateway: pod.gateway, interface: 0 }],
    routes: [{ dst: '0.0.0.0/0', gw: pod.gateway }],
    dns: {},
  };
}

/** A CNI error result. */
export function cniError(cniVersion: string, code: number, msg: string, details?: string): CniErrorResult {
  return { cniVersion, code, msg, ...(details ? { details } : {}) };
}

/** The `cniCode` an error carries, if it carries one. */
function carriedCode(err: unknown): number | undefined {
  if (typeof err === 'object' && err !== null && 'cniCode' in err && typeof err.cniCode === 'number') return err.cniCode;
  return undefined;
}

/** Maps an error of the agent to a CNI error result (code by error class, message and details). */
export function cniErrorFor(err: unknown, cniVersion: string): CniErrorResult {
  const code = carriedCode(err) ?? codeOf(err);
  const details = err instanceof ContivError ? err.code : undefined;
  return cniError(cniVersion, code, errorMessage(err), details);
}

function codeOf(err: unknown): number {
  if (!(err instanceof ContivError)) return CNI_CODES.INTERNAL;
  switch (err.code) {
    case 'BAD_INPUT': return CNI_CODES.INVALID_ENVIRONMENT;
    case 'NETNS_NOT_FOUND': return CNI_CODES.UNKNOWN_CONTAINER;
    case 'CONTIV_NOT_READY': return CNI_CODES.TRY_AGAIN_LATER;
    case 'POD_IP_EXHAUSTED': return CNI_CODES.IPAM_EXHAUSTED;
    default: return CNI_CODES.INTERNAL;
  }
}

/** HTTP status for a CNI error code: 400 for bad requests, 503 to retry, 500 otherwise. */
export function httpStatusFor(code: number): 400 | 404 | 500 | 503 {
  if (code === CNI_CODES.UNKNOWN_CONTAINER) return 404;
  if (code === CNI_CODES.TRY_AGAIN_LATER) return 503;
  if (code >= 1 && code <= 7) return 400;
  return 500;
}
