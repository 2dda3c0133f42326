/**
 * @module A CNI request as the agent receives it (`POST /cni/add|del|check`, JSON body) and its
 * validation. The body mirrors the CNI plugin contract: `containerId` (CNI_CONTAINERID),
 * `netns` (CNI_NETNS), `ifName` (CNI_IFNAME), `args` (CNI_ARGS, `K=V;K=V` or an object) and
 * `config` (the network configuration kubelet passes on stdin). Pure.
 */
import { BadInputError } from '../../../core/errors.ts';
import { isIp4 } from '../../net/ipv4.ts';
import type { ObjectId } from '../../ksr/model.ts';
import { CNI_CODES, DEFAULT_CNI_VERSION, SUPPORTED_CNI_VERSIONS } from './cni-result.ts';

/** The CNI operations the agent serves. */
export type CniCommand = 'ADD' | 'DEL' | 'CHECK';

/** A validated CNI request. */
export interface CniRequest {
  readonly command: CniCommand;
  readonly containerId: string;
  /** Network namespace path; may be empty for DEL. */
  readonly netns: string;
  readonly ifName: string;
  /** The pod (K8S_POD_NAMESPACE / K8S_POD_NAME); required for ADD and CHECK. */
  readonly pod?: ObjectId;
  /** cniVersion of the network config (the result is written in it). */
  readonly cniVersion: string;
  /** All CNI_ARGS pairs. */
  readonly args: Readonly<Record<string, string>>;
  /**
   * The pod IP asked for with CNI_ARGS `IP=a.b.c.d` (the CNI convention of the static and
   * host-local IPAM plugins; a `/len` suffix is accepted and ignored). ADD only.
   */
  readonly requestedIp?: string;
}

/** A CNI request that is malformed; `cniCode` is the CNI error code to answer with. */
export class CniRequestError extends BadInputError {
  constructor(source: string, field: string, detail: string, readonly cniCode: number, options?: ErrorOptions) {
    super(source, field, detail, options);
  }
}

const CONTAINER_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const IF_NAME = /^[^\s/:]{1,15}$/;
const K8S_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

/** Parses `K=V;K=V` (pairs without exactly one `=` are dropped, as the original did). */
export function parseCniArgs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of text.split(';')) {
    const kv = pair.split('=');
    if (kv.length === 2 && kv[0]) out[kv[0]] = kv[1] ?? '';
  }
  return out;
}

/**
 * Validates a request body (already JSON-parsed).
 * @throws {CniRequestError} naming the field and the CNI code
 */
export function parseCniRequest(command: CniCommand, body: unknown): CniRequest {
  const source = `CNI ${command} request`;
  const fail = (field: string, detail: string, code: number = CNI_CODES.INVALID_ENVIRONMENT) =>
    new CniRequestError(source, field, detail, code);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw fail('', 'expected a JSON object {containerId, netns, ifName, args, config}', CNI_CODES.DECODE_FAILURE);
  }
  const o = body as Record<string, unknown>;
  const str = (f: string): string => {
    const v = o[f];
    if (v === undefined || v === null) return '';
    if (typeof v !== 'string') throw fail(f, `expected a string, got ${JSON.stringify(v)}`);
    return v;
  };

  const config = o.config;
  if (config !== undefined && (typeof config !== 'object' || config === null || Array.isArray(config))) {
    throw fail('config', 'expected the network configuration object', CNI_CODES.INVALID_NETWORK_CONFIG);
  }
  const v = (config as Record<string, unknown> | undefined)?.cniVersion;
  if (v !== undefined && typeof v !== 'string') throw fail('config.cniVersion', 'expected a string', CNI_CODES.INVALID_NETWORK_CONFIG);
  const cniVersion = v ?? DEFAULT_CNI_VERSION;
  if (!SUPPORTED_CNI_VERSIONS.includes(cniVersion)) {
    throw fail('config.cniVersion', `${cniVersion} is not supported (supported: ${SUPPORTED_CNI_VERSIONS.join(', ')})`, CNI_CODES.INCOMPATIBLE_VERSION);
  }

  const containerId = str('containerId');
  if (!containerId) throw fail('containerId', 'missing container ID (CNI_CONTAINERID)');
  if (!CONTAINER_ID.test(containerId)) throw fail('containerId', `"${containerId}" is not a container ID (letters, digits, _ . -)`);

  const ifName = str('ifName');
  if (!ifName) throw fail('ifName', 'missing interface name (CNI_IFNAME)');
  if (!IF_NAME.test(ifName) || ifName === '.' || ifName === '..') throw fail('ifName', `"${ifName}" is not a Linux interface name (1-15 characters, no /, : or spaces)`);

  const netns = str('netns');
  if (command !== 'DEL' || netns) {
    if (!netns) throw fail('netns', 'missing network namespace path (CNI_NETNS)');
    if (!netns.startsWith('/') || netns.split('/').includes('..') || netns.includes('\0')) {
      throw fail('netns', `"${netns}" is not a network namespace path (an absolute path such as /var/run/netns/<name> or /proc/<pid>/ns/net)`);
    }
  }

  const rawArgs = o.args;
  let args: Record<string, string>;
  if (rawArgs === undefined || rawArgs === null) args = {};
  else if (typeof rawArgs === 'string') args = parseCniArgs(rawArgs);
  else if (typeof rawArgs === 'object' && !Array.isArray(rawArgs) && Object.values(rawArgs).every((x) => typeof x === 'string')) {
    args = { ...(rawArgs as Record<string, string>) };
  } else throw fail('args', 'expected "K=V;K=V" or an object of strings (CNI_ARGS)');

  const namespace = args.K8S_POD_NAMESPACE ?? '';
  const name = args.K8S_POD_NAME ?? '';
  let pod: ObjectId | undefined;
  if (namespace || name || command !== 'DEL') {
    if (!namespace) throw fail('args.K8S_POD_NAMESPACE', 'missing pod namespace (CNI_ARGS K8S_POD_NAMESPACE)');
    if (!name) throw fail('args.K8S_POD_NAME', 'missing pod name (CNI_ARGS K8S_POD_NAME)');
    if (!K8S_NAME.test(namespace)) throw fail('args.K8S_POD_NAMESPACE', `"${namespace}" is not a Kubernetes namespace name`);
    if (!K8S_NAME.test(name)) throw fail('args.K8S_POD_NAME', `"${name}" is not a Kubernetes pod name`);
    pod = { namespace, name };
  }
  let requestedIp: string | undefined;
  if (command === 'ADD' && args.IP !== undefined) {
    requestedIp = args.IP.split('/')[0] ?? '';
    if (!isIp4(requestedIp)) throw fail('args.IP', `"${args.IP}" is not an IPv4 address (CNI_ARGS IP=a.b.c.d)`);
  }
  return { command, containerId, netns, ifName, cniVersion, args, ...(pod ? { pod } : {}), ...(requestedIp !== undefined ? { requestedIp } : {}) };
}
