/**
 * @module The persisted record of a pod wired on this node, under the node's own prefix:
 * `/vnf-agent/<node>/contiv/pod/<namespace>/<name>` → `{containerId, netns, ifName, ip}`. It is
 * the pod's IPAM allocation and everything needed to re-create its wiring after a restart (so
 * pods keep their IPs). An `appNsIndex` of older records (contiv's guess of VPP's app-namespace
 * index, which VPP does not follow) is ignored: the namespace is named by id, VPP numbers it.
 */
import { BadInputError } from '../../../core/errors.ts';
import { isIp4 } from '../../net/ipv4.ts';
import type { ObjectId } from '../../ksr/model.ts';

/** A wired pod as persisted. */
export interface PodRecord {
  readonly id: ObjectId;
  /** CNI container ID of the pod sandbox. */
  readonly containerId: string;
  /** Path of the pod's network namespace. */
  readonly netns: string;
  /** Interface name inside the pod (`eth0`). */
  readonly ifName: string;
  /** Pod IP (no prefix). */
  readonly ip: string;
}

/** Prefix of this node's pod records. */
export function podRecordPrefix(nodeName: string): string {
  return `/vnf-agent/${nodeName}/contiv/pod/`;
}

/** Store key of a pod's record. */
export function podRecordKey(nodeName: string, id: ObjectId): string {
  return `${podRecordPrefix(nodeName)}${id.namespace}/${id.name}`;
}

/** Serializes a record (the key carries the pod ID). */
export function encodePodRecord(r: PodRecord): string {
  return JSON.stringify({
    containerId: r.containerId,
    netns: r.netns,
    ifName: r.ifName,
    ip: r.ip,
  });
}

/** Parses a record stored at `key`. @throws {BadInputError} naming the key and the field */
export function decodePodRecord(nodeName: string, key: string, value: string): PodRecord {
  const prefix = podRecordPrefix(nodeName);
  const parts = key.startsWith(prefix) ? key.slice(prefix.length).split('/') : [];
  if (parts.length !== 2 || !parts[0] || !parts[1]) throw new BadInputError(key, '', `expected a key ${prefix}<namespace>/<name>`);
  let raw: unknown;
  try {
    raw = JSON.parse(value);
  } catch (err: unknown) {
    throw new BadInputError(key, '', 'value is not valid JSON', { cause: err });
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new BadInputError(key, '', 'expected a JSON object');
  const o = raw as Record<string, unknown>;
  const str = (f: string): string => {
    const v = o[f];
    if (typeof v !== 'string' || v === '') throw new BadInputError(key, f, 'expected a non-empty string');
    return v;
  };
  const ip = str('ip');
  if (!isIp4(ip)) throw new BadInputError(key, 'ip', `"${ip}" is not an IPv4 address`);
  return {
    id: { namespace: parts[0], name: parts[1] },
    containerId: str('containerId'),
    netns: str('netns'),
    ifName: str('ifName'),
    ip,
  };
}
