/**
 * @module How a `vpp/nat/reject` value looks in VPP. A whole address (protocol 0, port 0) is a
 * /32 route in VRF 0 with one ICMP-unreachable (reject) or drop path: NAT44 pre-routing DNATs
 * the ports a mapping declares before the FIB lookup, so only the rest is refused. One port is
 * an out2in-only static mapping to the same port of a **sink** address in 0.0.0.0/8 (never a
 * real destination) whose /32 route refuses (0.0.0.1) or drops (0.0.0.2). The mapping's tag is
 * `reject:<tag>`, which keeps it apart from the service mappings of the nat-static descriptor.
 * Every reject route is marked by its path preference ({@linkcode REJECT_ROUTE_PREFERENCE}).
 */
import { parseIp4, type Ip4 } from '../../../net/ipv4.ts';
import { FibPathNhProto, FibPathType, type FibPath } from '../../messages/ip.ts';
import { U32_MAX, ip4Bytes } from '../../messages/vpp-types.ts';
import type { NatReject } from '../../model.ts';
import { fitTag } from '../../vpp-tag.ts';

/** What a reject value does with a packet. */
export type RejectAction = NatReject['action'];

/** The sink address of each action: a per-port reject maps its frontend there. */
export const REJECT_SINK: { readonly [A in RejectAction]: Ip4 } = { reject: parseIp4('0.0.0.1'), drop: parseIp4('0.0.0.2') };

/** The FIB path type of each action: ICMP unreachable refuses, drop discards. */
export const REJECT_PATH_TYPE: { readonly [A in RejectAction]: number } = {
  reject: FibPathType.FIB_API_PATH_TYPE_ICMP_UNREACH,
  drop: FibPathType.FIB_API_PATH_TYPE_DROP,
};

/**
 * The path preference that marks a reject route as ours. VPP 22.10 routes carry no tag, but
 * VPP keeps a path's preference (special paths included) and reports it in `ip_route_dump`;
 * with a single path the preference changes nothing in forwarding. So a restarted agent tells
 * its reject routes (removable when unwanted) from other /32 drop or unreachable routes (left
 * alone) without knowing what it desired before.
 */
export const REJECT_ROUTE_PREFERENCE = 199;

/** Prefix of the tags of per-port reject mappings. */
export const REJECT_TAG_PREFIX = 'reject:';

/** Whether `ip` is in 0.0.0.0/8 (sinks live there; no value may use it). */
export function isSinkRange(ip: Ip4): boolean {
  return ip >>> 24 === 0;
}

/** The action of a special path type, if it is one of ours. */
export function actionOfPathType(type: number): RejectAction | undefined {
  return type === REJECT_PATH_TYPE.reject ? 'reject' : type === REJECT_PATH_TYPE.drop ? 'drop' : undefined;
}

/** Whether a per-port value (as opposed to a whole address). */
export function isPerPort(r: Pick<NatReject, 'protocol'>): boolean {
  return r.protocol !== 0;
}

/** The single path of a reject route. */
export function rejectPath(action: RejectAction): FibPath {
  return {
    sw_if_index: U32_MAX,
    table_id: 0,
    rpf_id: 0,
    weight: 1,
    preference: REJECT_ROUTE_PREFERENCE,
    type: REJECT_PATH_TYPE[action],
    flags: 0,
    proto: FibPathNhProto.FIB_API_PATH_NH_PROTO_IP4,
    nh: { address: { ip4: ip4Bytes(0) }, via_label: 0, obj_id: 0, classify_table_index: U32_MAX },
    n_labels: 0,
    label_stack: [],
  };
}

/**
 * The tag of the static mapping of a per-port reject tagged `tag`, within VPP's 63 characters
 * (too long: a prefix and a hash of the whole).
 * @example rejectMappingTag('svc:default/web:80') // → 'reject:svc:default/web:80'
 */
export function rejectMappingTag(tag: string): string {
  return fitTag(`${REJECT_TAG_PREFIX}${tag}`);
}

/** Whether a static mapping's tag marks a per-port reject. */
export function isRejectMappingTag(tag: string): boolean {
  return tag.startsWith(REJECT_TAG_PREFIX);
}

/**
 * The value tag a reject mapping's tag carries (exact unless it had to be shortened), e.g. for
 * trace explanations that resolve a mapping tag to its Service.
 */
export function rejectTagOf(mappingTag: string): string {
  return isRejectMappingTag(mappingTag) ? mappingTag.slice(REJECT_TAG_PREFIX.length) : mappingTag;
}
