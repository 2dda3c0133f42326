/**
 * @module Simulator handlers of NAT44-ED mappings: static (flags-based, v1 and v2),
 * load-balanced (at least two locals, changed one by one with
 * `nat44_lb_static_mapping_add_del_local`) and identity mappings. As in VPP, all of them share one
 * outside→inside key (external address, port, protocol): a second mapping on a key is
 * VNET_API_ERROR_VALUE_EXIST and a delete of an unknown key VNET_API_ERROR_NO_SUCH_ENTRY. While
 * the NAT44-ED plugin is disabled every add and delete is VNET_API_ERROR_UNSUPPORTED.
 */
import { VnetApiError as E } from '../../messages/api-errno.ts';
import {
  NatConfigFlags as F,
  type Nat44AddDelStaticMapping,
  type Nat44AddDelStaticMappingV2,
  type Nat44LbStaticMappingDetails,
  type Nat44StaticMappingDetails,
} from '../../messages/nat44.ts';
import { U32_MAX, ip4Bytes, ip4FromBytes, type RetvalReply } from '../../messages/vpp-types.ts';
import type { SimNat44, SimNatStaticMapping } from '../sim-state.ts';
import { natDisabled } from './nat44-plugin.ts';
import { retval } from './retval.ts';
import type { DumpHandlers, RequestHandlers, SimContext } from './sim-context.ts';
import { MAX_TAG_LENGTH } from '../../vpp-tag.ts';

/** VPP's inside VRF when a request says ~0. */
const vrfOf = (vrf: number): number => (vrf === U32_MAX ? 0 : vrf);

function mappingFlags(m: SimNatStaticMapping): number {
  return (
    (m.addrOnly ? F.NAT_IS_ADDR_ONLY : 0) |
    (m.twiceNat ? F.NAT_IS_TWICE_NAT : 0) |
    (m.selfTwiceNat ? F.NAT_IS_SELF_TWICE_NAT : 0) |
    (m.out2inOnly ? F.NAT_IS_OUT2IN_ONLY : 0)
  );
}

/** Whether something already owns the outside→inside key (ip, port, proto). */
function o2iTaken(nat: SimNat44, ip: number, port: number, proto: number): SimNatStaticMapping | 'identity' | undefined {
  const m = nat.staticMappings.find((x) => x.externalIp === ip && x.externalPort === port && x.protocol === proto);
  if (m) return m;
  return nat.identityMappings.some((x) => x.ip === ip && x.port === port && x.protocol === proto) ? 'identity' : undefined;
}

/** Whether a mapping that translates in2out already uses the inside key (ip, port, proto, vrf). */
function i2oTaken(nat: SimNat44, ip: number, port: number, proto: number, vrf: number): boolean {
  return nat.staticMappings.some((m) => !m.out2inOnly && m.protocol === proto && m.locals.some((l) => l.ip === ip && l.port === port && l.vrf === vrf));
}

/** `nat44_ed_validate_sm_input`: twice-NAT flags do not combine with address-only mappings. */
function invalidFlags(flags: number): boolean {
  return (flags & (F.NAT_IS_TWICE_NAT | F.NAT_IS_SELF_TWICE_NAT)) !== 0 && (flags & F.NAT_IS_ADDR_ONLY) !== 0;
}

function staticMapping<N extends string>(ctx: SimContext, req: Nat44AddDelStaticMapping | Nat44AddDelStaticMappingV2, name: N): RetvalReply<N> {
  const disabled = natDisabled(ctx);
  if (disabled !== undefined) return retval(name, disabled);
  if (invalidFlags(req.flags)) return retval(name, E.UNSUPPORTED);
  // Interface-bound external addresses are not simulated.
  if (req.external_sw_if_index !== U32_MAX) return retval(name, E.UNIMPLEMENTED);
  const nat = ctx.state.nat44;
  const addrOnly = (req.flags & F.NAT_IS_ADDR_ONLY) !== 0;
  const extIp = ip4FromBytes(req.external_ip_address);
  const localIp = ip4FromBytes(req.local_ip_address);
  const extPort = addrOnly ? 0 : req.external_port;
  const localPort = addrOnly ? 0 : req.local_port;
  const proto = addrOnly ? 0 : req.protocol;
  const vrf = vrfOf(req.vrf_id);
  const taken = o2iTaken(nat, extIp, extPort, proto);
  if (!req.is_add) {
    if (!taken || taken === 'identity' || taken.lb) return retval(name, E.NO_SUCH_ENTRY);
    nat.staticMappings = nat.staticMappings.filter((m) => m !== taken);
    nat.sessions = nat.sessions.filter((s) => !(s.isStatic && s.outIp === extIp && (addrOnly || s.outPort === extPort)));
    return retval(name);
  }
  if (taken) return retval(name, E.VALUE_EXIST);
  const out2inOnly = (req.flags & F.NAT_IS_OUT2IN_ONLY) !== 0;
  // The inside→outside key must be unique too, unless the mapping only works out2in.
  if (!out2inOnly && nat.staticMappings.some((m) => !m.out2inOnly && !m.lb && m.locals[0]?.ip === localIp && m.locals[0].port === localPort && m.protocol === proto && m.vrf === vrf)) {
    return retval(name, E.VALUE_EXIST);
  }
  nat.staticMappings.push({
    lb: false,
    addrOnly,
    externalIp: extIp,
    externalPort: extPort,
    protocol: proto,
    locals: [{ ip: localIp, port: localPort, probability: 0, vrf }],
    vrf,
    out2inOnly,
    twiceNat: (req.flags & F.NAT_IS_TWICE_NAT) !== 0,
    selfTwiceNat: (req.flags & F.NAT_IS_SELF_TWICE_NAT) !== 0,
    affinity: 0,
    tag: req.tag.slice(0, MAX_TAG_LENGTH),
  });
  return retval(name);
}

function staticDetails(m: SimNatStaticMapping): Nat44StaticMappingDetails {
  const local = m.locals[0] ?? { ip: 0, port: 0 };
  return {
    _msgname: 'nat44_static_mapping_details',
    flags: mappingFlags(m),
    local_ip_address: ip4Bytes(local.ip),
    external_ip_address: ip4Bytes(m.externalIp),
    protocol: m.protocol,
    local_port: local.port,
    external_port: m.externalPort,
    external_sw_if_index: U32_MAX,
    vrf_id: m.vrf,
    tag: m.tag,
  };
}

function lbDetails(m: SimNatStaticMapping): Nat44LbStaticMappingDetails {
  return {
    _msgname: 'nat44_lb_static_mapping_details',
    external_addr: ip4Bytes(m.externalIp),
    external_port: m.externalPort,
    protocol: m.protocol,
    flags: mappingFlags(m),
    affinity: m.affinity,
    tag: m.tag,
    local_num: m.locals.length,
    locals: m.locals.map((l) => ({ addr: ip4Bytes(l.ip), port: l.port, probability: l.probability, vrf_id: l.vrf })),
  };
}

/** Request handlers of NAT44 mappings. */
export const nat44MappingRequestHandlers: RequestHandlers = {
  nat44_add_del_static_mapping: (ctx, req) => staticMapping(ctx, req, 'nat44_add_del_static_mapping_reply'),
  nat44_add_del_static_mapping_v2: (ctx, req) => staticMapping(ctx, req, 'nat44_add_del_static_mapping_v2_reply'),

  nat44_add_del_lb_static_mapping(ctx, req) {
    const name = 'nat44_add_del_lb_static_mapping_reply';
    const disabled = natDisabled(ctx);
    if (disabled !== undefined) return retval(name, disabled);
    const nat = ctx.state.nat44;
    const extIp = ip4FromBytes(req.external_addr);
    const taken = o2iTaken(nat, extIp, req.external_port, req.protocol);
    if (!req.is_add) {
      if (!taken) return retval(name, E.NO_SUCH_ENTRY);
      if (taken === 'identity' || !taken.lb) return retval(name, E.INVALID_VALUE);
      nat.staticMappings = nat.staticMappings.filter((m) => m !== taken);
      nat.sessions = nat.sessions.filter((s) => !(s.isStatic && s.outIp === extIp && s.outPort === req.external_port && s.protocol === req.protocol));
      return retval(name);
    }
    if (taken) return retval(name, E.VALUE_EXIST);
    if (req.local_num !== req.locals.length || req.locals.length < 2) return retval(name, E.INVALID_VALUE);
    nat.staticMappings.push({
      lb: true,
      addrOnly: false,
      externalIp: extIp,
      externalPort: req.external_port,
      protocol: req.protocol,
      locals: req.locals.map((l) => ({ ip: ip4FromBytes(l.addr), port: l.port, probability: l.probability, vrf: vrfOf(l.vrf_id) })),
      vrf: 0,
      out2inOnly: (req.flags & F.NAT_IS_OUT2IN_ONLY) !== 0,
      twiceNat: (req.flags & F.NAT_IS_TWICE_NAT) !== 0,
      selfTwiceNat: (req.flags & F.NAT_IS_SELF_TWICE_NAT) !== 0,
      affinity: req.affinity,
      tag: req.tag.slice(0, MAX_TAG_LENGTH),
    });
    return retval(name);
  },

  nat44_lb_static_mapping_add_del_local(ctx, req) {
    const name = 'nat44_lb_static_mapping_add_del_local_reply';
    const disabled = natDisabled(ctx);
    if (disabled !== undefined) return retval(name, disabled);
    const nat = ctx.state.nat44;
    const extIp = ip4FromBytes(req.external_addr);
    const m = o2iTaken(nat, extIp, req.external_port, req.protocol);
    if (!m) return retval(name, E.NO_SUCH_ENTRY);
    if (m === 'identity' || !m.lb) return retval(name, E.INVALID_VALUE);
    const local = { ip: ip4FromBytes(req.local.addr), port: req.local.port, probability: req.local.probability, vrf: vrfOf(req.local.vrf_id) };
    const at = m.locals.findIndex((l) => l.ip === local.ip && l.port === local.port && l.vrf === local.vrf);
    if (req.is_add) {
      if (at >= 0) return retval(name, E.VALUE_EXIST);
      // A mapping that also translates in2out needs a unique inside key per backend.
      if (!m.out2inOnly && i2oTaken(nat, local.ip, local.port, m.protocol, local.vrf)) return retval(name, E.UNSPECIFIED);
      m.locals.push(local);
      return retval(name);
    }
    if (at < 0) return retval(name, E.NO_SUCH_ENTRY);
    // VPP keeps a load-balanced mapping at two backends or more.
    if (m.locals.length < 3) return retval(name, E.UNSPECIFIED);
    m.locals.splice(at, 1);
    nat.sessions = nat.sessions.filter(
      (s) => !(s.isStatic && s.outIp === extIp && s.outPort === req.external_port && s.protocol === req.protocol && s.inIp === local.ip && s.inPort === local.port),
    );
    return retval(name);
  },

  nat44_add_del_identity_mapping(ctx, req) {
    const name = 'nat44_add_del_identity_mapping_reply';
    const disabled = natDisabled(ctx);
    if (disabled !== undefined) return retval(name, disabled);
    // Identity NAT is initiated from inside only.
    if ((req.flags & F.NAT_IS_OUT2IN_ONLY) !== 0) return retval(name, E.UNSUPPORTED);
    const nat = ctx.state.nat44;
    const addrOnly = (req.flags & F.NAT_IS_ADDR_ONLY) !== 0;
    const port = addrOnly ? 0 : req.port;
    const proto = addrOnly ? 0 : req.protocol;
    const vrf = vrfOf(req.vrf_id);
    let ip = ip4FromBytes(req.ip_address);
    if (req.sw_if_index !== U32_MAX) {
      const i = ctx.iface(req.sw_if_index);
      if (!i) return retval(name, E.INVALID_SW_IF_INDEX);
      // Until the interface has an address, VPP keeps the mapping unresolved (address 0).
      ip = i.addresses[0]?.ip ?? 0;
    }
    const at = nat.identityMappings.findIndex((m) => m.ip === ip && m.port === port && m.protocol === proto && m.vrf === vrf && m.swIfIndex === req.sw_if_index);
    if (!req.is_add) {
      if (at < 0) return retval(name, E.NO_SUCH_ENTRY);
      nat.identityMappings.splice(at, 1);
      return retval(name);
    }
    const taken = o2iTaken(nat, ip, port, proto);
    if (at >= 0 || (taken !== undefined && taken !== 'identity')) return retval(name, E.VALUE_EXIST);
    nat.identityMappings.push({ ip, swIfIndex: req.sw_if_index, addrOnly, protocol: proto, port, vrf, tag: req.tag.slice(0, MAX_TAG_LENGTH) });
    return retval(name);
  },
};

/** Dump handlers of NAT44 mappings. */
export const nat44MappingDumpHandlers: DumpHandlers = {
  nat44_static_mapping_dump(ctx) {
    return ctx.state.nat44.staticMappings.filter((m) => !m.lb).map(staticDetails);
  },

  nat44_lb_static_mapping_dump(ctx) {
    return ctx.state.nat44.staticMappings.filter((m) => m.lb).map(lbDetails);
  },

  nat44_identity_mapping_dump(ctx) {
    return ctx.state.nat44.identityMappings.map((m) => ({
      _msgname: 'nat44_identity_mapping_details' as const,
      flags: m.addrOnly ? F.NAT_IS_ADDR_ONLY : F.NAT_IS_NONE,
      ip_address: ip4Bytes(m.ip),
      protocol: m.protocol,
      port: m.port,
      sw_if_index: m.swIfIndex,
      vrf_id: m.vrf,
      tag: m.tag,
    }));
  },
};
