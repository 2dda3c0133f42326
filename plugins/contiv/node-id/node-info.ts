/**
 * @module The node registry entries `allocatedIDs/<id>` under the KSR prefix: which node holds
 * which ID and which addresses it publishes. The JSON is the original's NodeInfo
 * (`{id, name, ip_address, management_ip_address}`, empty fields omitted); reading accepts any
 * key case, as Go's decoder did.
 */
import { BadInputError } from '../../../core/errors.ts';
import { KSR_PREFIX } from '../../ksr/api.ts';

/** Prefix of the node ID entries (absolute key). */
export const ALLOCATED_IDS_PREFIX = `${KSR_PREFIX}allocatedIDs/`;

/** One node's registry entry. */
export interface NodeInfo {
  /** Node ID (>= 1, no upper limit). */
  readonly id: number;
  /** Node name (the agent label). */
  readonly name: string;
  /** Node interconnect IP with prefix (`192.168.16.1/24`); absent until known (DHCP). */
  readonly ipAddress?: string;
  /** The Node's Kubernetes InternalIP (no prefix), if known. */
  readonly managementIpAddress?: string;
}

/** The store key of node ID `id` (under `prefix`, by default the KSR's `allocatedIDs/`). */
export function nodeInfoKey(id: number, prefix = ALLOCATED_IDS_PREFIX): string {
  return `${prefix}${id}`;
}

/** The node ID in a registry key, or undefined if the key is not `<prefix><decimal>`. */
export function nodeIdOfKey(key: string, prefix = ALLOCATED_IDS_PREFIX): number | undefined {
  if (!key.startsWith(prefix)) return undefined;
  const rest = key.slice(prefix.length);
  if (!/^[0-9]{1,15}$/.test(rest)) return undefined;
  const id = Number(rest);
  return id >= 1 ? id : undefined;
}

/** Serializes an entry (empty fields omitted). */
export function encodeNodeInfo(info: NodeInfo): string {
  return JSON.stringify({
    id: info.id,
    name: info.name,
    ...(info.ipAddress ? { ip_address: info.ipAddress } : {}),
    ...(info.managementIpAddress ? { management_ip_address: info.managementIpAddress } : {}),
  });
}

/**
 * Parses an entry stored at `key`. The ID is the key's; a different `id` inside is an error.
 * @throws {BadInputError} naming the key and the field
 */
export function decodeNodeInfo(key: string, value: string, prefix = ALLOCATED_IDS_PREFIX): NodeInfo {
  const id = nodeIdOfKey(key, prefix);
  if (id === undefined) throw new BadInputError(key, '', 'expected a key allocatedIDs/<id> with a decimal id >= 1');
  let raw: unknown;
  try {
    raw = JSON.parse(value);
  } catch (err: unknown) {
    throw new BadInputError(key, '', 'value is not valid JSON', { cause: err });
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new BadInputError(key, '', 'expected a JSON object');
  const fields = new Map<string, unknown>();
  for (const [k, v] of Object.entries(raw)) fields.set(k.toLowerCase().replaceAll('_', ''), v);
  const str = (f: string, label: string): string | undefined => {
    const v = fields.get(f);
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v !== 'string') throw new BadInputError(key, label, `expected a string, got ${JSON.stringify(v)}`);
    return v;
  };
  const name = str('name', 'name');
  if (!name) throw new BadInputError(key, 'name', 'missing node name');
  const inner = fields.get('id');
  if (inner !== undefined && inner !== null && inner !== 0 && inner !== id) {
    throw new BadInputError(key, 'id', `value says ${JSON.stringify(inner)} but the key says ${id}`);
  }
  const ipAddress = str('ipaddress', 'ip_address');
  const managementIpAddress = str('managementipaddress', 'management_ip_address');
  return { id, name, ...(ipAddress ? { ipAddress } : {}), ...(managementIpAddress ? { managementIpAddress } : {}) };
}
