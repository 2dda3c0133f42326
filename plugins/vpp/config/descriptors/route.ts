/**
 * @module Desired-state descriptor for `vpp/route/<vrf>/<dst>/<nextHop>/<interface>`: one
 * path of a static IPv4 route (paths of one prefix are added and removed one by one, as
 * multipath). Routes carry no tag in VPP: a dumped path is ours only when the reconciler
 * claims its key (desired, or applied by us earlier); every other route is left alone. Routes
 * with a special path (drop, ICMP unreachable: the nat-reject realisation) are not this kind's;
 * the /32s of VRF 0 among them are handed to the nat-reject dump (NatRejectSightings).
 */
import { BadInputError } from '../../../../core/errors.ts';
import { formatCidr, formatIp4, parseCidr, parseIp4 } from '../../../net/ipv4.ts';
import type { VppChannel } from '../../channel.ts';
import { FibPathNhProto, FibPathType, type FibPath } from '../../messages/ip.ts';
import { U32_MAX, addressToIp4, ip4Bytes, ip4Prefix, prefixToCidr } from '../../messages/vpp-types.ts';
import { vppKeys, type Route } from '../../model.ts';
import type { Descriptor, DescriptorContext, DumpedValue } from '../descriptor.ts';
import { ensureTable } from './interface-calls.ts';
import { INTERFACE, ROUTE } from './descriptor-names.ts';
import { checkCidr, checkInt, checkIp, checkKey, checkTag } from './field-checks.ts';
import { interfaceIndex, interfaceNames } from './lookups.ts';
import type { NatRejectSightings, SpecialRoute } from './nat-reject-sightings.ts';

/** The route descriptor over `ch`; its dump tells `rejects` the special /32 routes of VRF 0. */
export function routeDescriptor(ch: VppChannel, rejects?: NatRejectSightings): Descriptor<Route, void> {
  const addDel = async (r: Route, isAdd: boolean, ctx: DescriptorContext): Promise<void> => {
    const dst = parseCidr(r.dst);
    const path: FibPath = {
      sw_if_index: r.outgoingInterface === undefined ? U32_MAX : interfaceIndex(ctx, r.outgoingInterface),
      table_id: r.vrf,
      rpf_id: 0,
      weight: r.weight,
      preference: r.preference,
      type: FibPathType.FIB_API_PATH_TYPE_NORMAL,
      flags: 0,
      proto: FibPathNhProto.FIB_API_PATH_NH_PROTO_IP4,
      nh: { address: { ip4: ip4Bytes(r.nextHop === undefined ? 0 : parseIp4(r.nextHop)) }, via_label: 0, obj_id: 0, classify_table_index: U32_MAX },
      n_labels: 0,
      label_stack: [],
    };
    if (isAdd && r.vrf !== 0) await ensureTable(ch, r.vrf);
    await ch.request({
      _msgname: 'ip_route_add_del',
      is_add: isAdd,
      is_multipath: true,
      route: { table_id: r.vrf, stats_index: 0, prefix: ip4Prefix(dst.addr, dst.len), n_paths: 1, paths: [path] },
    });
  };
  return {
    name: ROUTE,
    keyPrefix: 'vpp/route/',
    dumpAfter: [INTERFACE],
    validate(key, r) {
      checkInt(key, 'vrf', r.vrf, 0, 0xfffffffe);
      checkCidr(key, 'dst', r.dst);
      if (formatCidr(parseCidr(r.dst)) !== r.dst) throw new BadInputError(key, 'dst', `"${r.dst}" must be written as ${formatCidr(parseCidr(r.dst))}`);
      if (r.nextHop !== undefined) checkIp(key, 'nextHop', r.nextHop);
      if (r.outgoingInterface !== undefined) checkTag(key, 'outgoingInterface', r.outgoingInterface);
      if (r.nextHop === undefined && r.outgoingInterface === undefined) throw new BadInputError(key, 'nextHop', 'a route needs a next hop or an outgoing interface');
      checkInt(key, 'weight', r.weight, 0, 255);
      checkInt(key, 'preference', r.preference, 0, 255);
      checkKey(key, vppKeys.route(r));
    },
    dependencies: (_key, r) => (r.outgoingInterface === undefined ? [] : [{ label: 'interface-exists', key: vppKeys.interface(r.outgoingInterface) }]),
    create: (_key, r, ctx) => addDel(r, true, ctx),
    delete: (_key, r, _meta, ctx) => addDel(r, false, ctx),
    async dump(ctx) {
      const ifs = interfaceNames(ctx);
      const tables = new Set([0, ...(await ch.dump({ _msgname: 'ip_table_dump' })).filter((t) => !t.table.is_ip6).map((t) => t.table.table_id)]);
      const ours: DumpedValue<Route, void>[] = [];
      const foreign: string[] = [];
      const special: SpecialRoute[] = [];
      rejects?.startRoutes();
      for (const vrf of [...tables].sort((a, b) => a - b)) {
        for (const d of await ch.dump({ _msgname: 'ip_route_dump', table: { table_id: vrf, is_ip6: false, name: '' } })) {
          const dst = prefixToCidr(d.route.prefix);
          if (!dst) continue;
          const [only] = d.route.paths;
          if (vrf === 0 && dst.len === 32 && d.route.paths.length === 1 && only && only.type !== FibPathType.FIB_API_PATH_TYPE_NORMAL) {
            special.push({ ip: dst.addr, type: only.type, preference: only.preference });
          }
          for (const p of d.route.paths) {
            if (p.type !== FibPathType.FIB_API_PATH_TYPE_NORMAL) continue;
            const nh = p.nh.address.ip4 ? addressToIp4({ af: 0, un: p.nh.address }) : undefined;
            const iface = p.sw_if_index === U32_MAX ? undefined : ifs.get(p.sw_if_index);
            const route: Route = {
              vrf,
              dst: formatCidr(dst),
              ...(nh ? { nextHop: formatIp4(nh) } : {}),
              ...(iface === undefined ? {} : { outgoingInterface: iface }),
              weight: p.weight,
              preference: p.preference,
            };
            const key = vppKeys.route(route);
            const foreignIf = p.sw_if_index !== U32_MAX && iface === undefined;
            if (!foreignIf && ctx.claimed(key)) ours.push({ key, value: route, metadata: undefined });
            else foreign.push(`route ${vrf}/${formatCidr(dst)} via ${nh === undefined ? '-' : formatIp4(nh)} dev ${p.sw_if_index}`);
          }
        }
      }
      rejects?.sawRoutes(special);
      return { ours, foreign };
    },
  };
}
