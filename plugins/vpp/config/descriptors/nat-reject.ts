/**
 * @module Desired-state descriptor for `vpp/nat/reject/<proto>/<ip>/<port>`: a service frontend
 * that refuses (or drops) what no NAT44 mapping translated, realised with VPP's own messages
 * (see nat-reject-realisation.ts): a whole address as a /32 reject or drop route, one port as an
 * out2in-only static mapping to a sink address whose route refuses or drops. The sink routes
 * exist while a per-port value of their action does. The dump correlates what the nat-static
 * and route dumps saw (NatRejectSightings): mappings are ours by tag, whole-address routes by
 * their mark (path preference {@linkcode REJECT_ROUTE_PREFERENCE}) or when claimed; a value
 * whose realisation is broken (sink route missing, mapping altered, route unmarked) is reported
 * with `repair`, so the resync updates it. A per-port value waits for the NAT44-ED plugin (its
 * mapping is a NAT44 setting); a whole-address value is only a route and does not.
 */
import { BadInputError } from '../../../../core/errors.ts';
import { formatIp4, parseIp4, type Ip4 } from '../../../net/ipv4.ts';
import type { VppChannel } from '../../channel.ts';
import { NatConfigFlags as F } from '../../messages/nat44.ts';
import { U32_MAX, ip4Bytes, ip4FromBytes, ip4Prefix } from '../../messages/vpp-types.ts';
import { vppKeys, type NatReject } from '../../model.ts';
import type { DescriptorContext, Descriptor, DumpedValue } from '../descriptor.ts';
import { NAT_REJECT, NAT_STATIC, ROUTE } from './descriptor-names.ts';
import { NAT44_ENABLED } from './nat-global.ts';
import { checkInt, checkIp, checkKey, checkTag } from './field-checks.ts';
import {
  REJECT_ROUTE_PREFERENCE,
  REJECT_SINK,
  actionOfPathType,
  isPerPort,
  isSinkRange,
  rejectMappingTag,
  rejectPath,
  rejectTagOf,
  type RejectAction,
} from './nat-reject-realisation.ts';
import type { NatRejectSightings } from './nat-reject-sightings.ts';

/** A dumped value; `repair` says what of its realisation is broken. */
type DumpedReject = NatReject & { readonly repair?: 'mapping' | 'sink-route' | 'route-mark' };

const FLAG_MASK = F.NAT_IS_OUT2IN_ONLY | F.NAT_IS_ADDR_ONLY | F.NAT_IS_TWICE_NAT | F.NAT_IS_SELF_TWICE_NAT;

const repairOf = (r: NatReject): DumpedReject['repair'] => (r as DumpedReject).repair;

/** The nat-reject descriptor over `ch`, reading what the nat-static and route dumps saw in `seen`. */
export function natRejectDescriptor(ch: VppChannel, seen: NatRejectSightings): Descriptor<NatReject, void> {
  const route = async (ip: Ip4, action: RejectAction, isAdd: boolean): Promise<void> => {
    // Not multipath: the route has exactly this one path (an add replaces, a delete removes it).
    await ch.request({
      _msgname: 'ip_route_add_del',
      is_add: isAdd,
      is_multipath: false,
      route: { table_id: 0, stats_index: 0, prefix: ip4Prefix(ip, 32), n_paths: 1, paths: [rejectPath(action)] },
    });
  };
  const mapping = async (r: NatReject, isAdd: boolean): Promise<void> => {
    await ch.request({
      _msgname: 'nat44_add_del_static_mapping',
      is_add: isAdd,
      flags: F.NAT_IS_OUT2IN_ONLY,
      local_ip_address: ip4Bytes(REJECT_SINK[r.action]),
      external_ip_address: ip4Bytes(parseIp4(r.ip)),
      protocol: r.protocol,
      local_port: r.port,
      external_port: r.port,
      external_sw_if_index: U32_MAX,
      vrf_id: 0,
      tag: rejectMappingTag(r.tag),
    });
  };
  /** Whether another applied per-port value keeps the sink route of `action`. */
  const sinkInUse = (ctx: DescriptorContext, key: string, action: RejectAction): boolean =>
    ctx.values(NAT_REJECT).some((v) => v.key !== key && isPerPort(v.value as NatReject) && (v.value as NatReject).action === action);

  return {
    name: NAT_REJECT,
    keyPrefix: 'vpp/nat/reject/',
    dumpAfter: [NAT_STATIC, ROUTE],
    validate(key, r) {
      checkIp(key, 'ip', r.ip);
      if (isSinkRange(parseIp4(r.ip))) throw new BadInputError(key, 'ip', `${r.ip} is in 0.0.0.0/8 (reserved for the reject sinks)`);
      if (![0, 6, 17, 132].includes(r.protocol)) throw new BadInputError(key, 'protocol', `${r.protocol} is not 0, 6, 17 or 132`);
      checkInt(key, 'port', r.port, 0, 65535);
      if ((r.protocol === 0) !== (r.port === 0)) throw new BadInputError(key, 'port', 'protocol and port are both 0 (the whole address) or both set (one port)');
      if (r.action !== 'reject' && r.action !== 'drop') throw new BadInputError(key, 'action', `"${String(r.action)}" is not reject or drop`);
      checkTag(key, 'tag', r.tag);
      checkKey(key, vppKeys.natReject(r.protocol, r.ip, r.port));
    },
    equivalent: (_key, d, a) => repairOf(a) === undefined && d.action === a.action && d.tag === a.tag,
    dependencies: (_key, r) => (isPerPort(r) ? [NAT44_ENABLED] : []),

    async create(key, r, ctx) {
      if (!isPerPort(r)) return route(parseIp4(r.ip), r.action, true);
      // The sink route first: a packet mapped to the sink must find it.
      if (!sinkInUse(ctx, key, r.action)) await route(REJECT_SINK[r.action], r.action, true);
      await mapping(r, true);
    },

    async update(key, d, a, _meta, ctx) {
      const repair = repairOf(a);
      if (!isPerPort(d)) {
        // The tag lives only in our state: a route changes with its action.
        if (d.action !== a.action || repair) await route(parseIp4(d.ip), d.action, true);
        return;
      }
      if (repair || (d.action !== a.action && !sinkInUse(ctx, key, d.action))) await route(REJECT_SINK[d.action], d.action, true);
      // VPP has no static-mapping update: the mapping is replaced.
      if (repair === 'mapping' || d.action !== a.action || rejectMappingTag(d.tag) !== rejectMappingTag(a.tag)) {
        await mapping(a, false);
        await mapping(d, true);
      }
      if (d.action !== a.action && !sinkInUse(ctx, key, a.action)) await route(REJECT_SINK[a.action], a.action, false);
    },

    async delete(key, r, _meta, ctx) {
      if (!isPerPort(r)) return route(parseIp4(r.ip), r.action, false);
      await mapping(r, false);
      if (!sinkInUse(ctx, key, r.action)) await route(REJECT_SINK[r.action], r.action, false);
    },

    async dump(ctx) {
      const { mappings, routes } = seen.take();
      const ours: DumpedValue<NatReject, void>[] = [];
      const foreign: string[] = [];
      const sinkRoutes = new Map<Ip4, RejectAction>();
      for (const r of routes) {
        const action = actionOfPathType(r.type);
        if (action === undefined) continue;
        const ip = formatIp4(r.ip);
        if (isSinkRange(r.ip)) {
          sinkRoutes.set(r.ip, action);
          continue;
        }
        // Routes carry no tag: a whole-address route is ours when it bears our mark (a restarted
        // agent removes the unwanted ones) or when claimed (an unmarked one is marked again).
        const key = vppKeys.natReject(0, ip, 0);
        const marked = r.preference === REJECT_ROUTE_PREFERENCE;
        if (!marked && !ctx.claimed(key)) {
          foreign.push(`route ${ip}/32 ${action === 'reject' ? 'unreachable' : 'drop'}`);
          continue;
        }
        const want = ctx.correlate(key) as NatReject | undefined;
        const value: DumpedReject = { ip, protocol: 0, port: 0, action, tag: want?.tag ?? '', ...(marked ? {} : { repair: 'route-mark' as const }) };
        ours.push({ key, value, metadata: undefined });
      }
      const usedSinks = new Set<Ip4>();
      for (const d of mappings) {
        const ip = formatIp4(ip4FromBytes(d.external_ip_address));
        const local = ip4FromBytes(d.local_ip_address);
        const action: RejectAction = local === REJECT_SINK.drop ? 'drop' : 'reject';
        usedSinks.add(local);
        const key = vppKeys.natReject(d.protocol, ip, d.external_port);
        const want = ctx.correlate(key) as NatReject | undefined;
        const tag = want && rejectMappingTag(want.tag) === d.tag ? want.tag : rejectTagOf(d.tag);
        const intact = local === REJECT_SINK[action] && d.local_port === d.external_port && (d.flags & FLAG_MASK) === F.NAT_IS_OUT2IN_ONLY && d.vrf_id === 0;
        const repair = !intact ? 'mapping' : sinkRoutes.get(REJECT_SINK[action]) !== action ? 'sink-route' : undefined;
        const value: DumpedReject = { ip, protocol: d.protocol as NatReject['protocol'], port: d.external_port, action, tag, ...(repair ? { repair } : {}) };
        ours.push({ key, value, metadata: undefined });
      }
      // A sink route no mapping uses is left over (e.g. an interrupted delete): report it as a
      // whole-address value of the sink, which nobody wants, so the resync removes it.
      for (const [ip, action] of [...sinkRoutes].sort(([a], [b]) => a - b)) {
        if (usedSinks.has(ip)) continue;
        if (ip !== REJECT_SINK.reject && ip !== REJECT_SINK.drop) {
          foreign.push(`route ${formatIp4(ip)}/32 ${action === 'reject' ? 'unreachable' : 'drop'}`);
          continue;
        }
        ours.push({ key: vppKeys.natReject(0, formatIp4(ip), 0), value: { ip: formatIp4(ip), protocol: 0, port: 0, action, tag: '' }, metadata: undefined });
      }
      return { ours, foreign };
    },
  };
}
