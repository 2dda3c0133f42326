/**
 * @module Simulator handlers of `l2.api`: bridge domains (id 0 is VPP's and cannot be touched;
 * a BD with members cannot be deleted) and interface membership, at most one BVI per BD.
 */
import { VnetApiError as E } from '../../messages/api-errno.ts';
import { L2PortType, type BridgeDomainDetails } from '../../messages/l2.ts';
import { U32_MAX } from '../../messages/vpp-types.ts';
import type { SimBridgeDomain, SimState } from '../sim-state.ts';
import { retval } from './retval.ts';
import type { DumpHandlers, RequestHandlers } from './sim-context.ts';
import { MAX_TAG_LENGTH } from '../../vpp-tag.ts';

/** Largest bridge-domain id (VPP's `L2_BD_ID_MAX`, 16M - 1). */
const BD_ID_MAX = 0xffffff;

function bdDetails(bd: SimBridgeDomain): BridgeDomainDetails {
  const members = [...bd.members].sort((a, b) => a.swIfIndex - b.swIfIndex);
  return {
    _msgname: 'bridge_domain_details',
    bd_id: bd.bdId,
    flood: bd.flood,
    uu_flood: bd.uuFlood,
    forward: bd.forward,
    learn: bd.learn,
    arp_term: bd.arpTerm,
    arp_ufwd: false,
    mac_age: bd.macAge,
    bd_tag: bd.tag,
    bvi_sw_if_index: bd.members.find((m) => m.bvi)?.swIfIndex ?? U32_MAX,
    uu_fwd_sw_if_index: U32_MAX,
    n_sw_ifs: members.length,
    sw_if_details: members.map((m) => ({ context: 0, sw_if_index: m.swIfIndex, shg: m.shg })),
  };
}

/** Takes the interface out of whatever bridge domain holds it (back to L3). */
export function leaveBridgeDomain(state: SimState, swIfIndex: number): void {
  const i = state.interfaces.get(swIfIndex);
  if (!i?.l2) return;
  const bd = state.bridgeDomains.get(i.l2.bdId);
  if (bd) bd.members = bd.members.filter((m) => m.swIfIndex !== swIfIndex);
  delete i.l2;
}

function newBridgeDomain(bdId: number): SimBridgeDomain {
  return { bdId, flood: true, uuFlood: true, forward: true, learn: true, arpTerm: false, macAge: 0, tag: '', members: [] };
}

/** Request handlers of `l2.api`. */
export const l2RequestHandlers: RequestHandlers = {
  bridge_domain_add_del(ctx, req) {
    const name = 'bridge_domain_add_del_reply';
    if (req.bd_id === 0) return retval(name, E.BD_NOT_MODIFIABLE);
    const bds = ctx.state.bridgeDomains;
    const existing = bds.get(req.bd_id);
    if (!req.is_add) {
      if (!existing) return retval(name, E.NO_SUCH_ENTRY);
      if (existing.members.length > 0) return retval(name, E.BD_IN_USE);
      bds.delete(req.bd_id);
      return retval(name);
    }
    if (existing) return retval(name, E.BD_ALREADY_EXISTS);
    if (req.bd_id > BD_ID_MAX) return retval(name, E.BD_ID_EXCEED_MAX);
    bds.set(req.bd_id, {
      bdId: req.bd_id,
      flood: req.flood,
      uuFlood: req.uu_flood,
      forward: req.forward,
      learn: req.learn,
      arpTerm: req.arp_term,
      macAge: req.mac_age,
      tag: req.bd_tag.slice(0, MAX_TAG_LENGTH),
      members: [],
    });
    return retval(name);
  },

  sw_interface_set_l2_bridge(ctx, req) {
    const name = 'sw_interface_set_l2_bridge_reply';
    const i = ctx.iface(req.rx_sw_if_index);
    if (!i) return retval(name, E.INVALID_SW_IF_INDEX);
    if (!req.enable) {
      leaveBridgeDomain(ctx.state, i.swIfIndex);
      return retval(name);
    }
    if (req.bd_id === 0) return retval(name, E.BD_NOT_MODIFIABLE);
    if (req.bd_id > BD_ID_MAX) return retval(name, E.BD_ID_EXCEED_MAX);
    const bvi = req.port_type === L2PortType.L2_API_PORT_TYPE_BVI;
    const target = ctx.state.bridgeDomains.get(req.bd_id);
    if (bvi && target?.members.some((m) => m.bvi && m.swIfIndex !== i.swIfIndex)) return retval(name, E.BD_ALREADY_HAS_BVI);
    // VPP creates a missing bridge domain with default flags.
    const bd = target ?? newBridgeDomain(req.bd_id);
    ctx.state.bridgeDomains.set(bd.bdId, bd);
    leaveBridgeDomain(ctx.state, i.swIfIndex);
    bd.members.push({ swIfIndex: i.swIfIndex, bvi, shg: req.shg });
    i.l2 = { bdId: bd.bdId, bvi, shg: req.shg };
    return retval(name);
  },
};

/** Dump handlers of `l2.api`. */
export const l2DumpHandlers: DumpHandlers = {
  bridge_domain_dump(ctx, req) {
    return [...ctx.state.bridgeDomains.values()]
      .filter((bd) => bd.bdId !== 0 && (req.bd_id === U32_MAX || bd.bdId === req.bd_id))
      .filter((bd) => req.sw_if_index === U32_MAX || bd.members.some((m) => m.swIfIndex === req.sw_if_index))
      .sort((a, b) => a.bdId - b.bdId)
      .map(bdDetails);
  },
};
