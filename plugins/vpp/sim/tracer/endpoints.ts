/**
 * @module Endpoints at the edges of the simulated VPPs: where a sender's packet enters (a pod's
 * tap, the host interconnect, the VPP host stack, the gateway for outside hosts), who accepts a
 * packet leaving a tap (the pod owning the address, or the node's host network), and the session
 * rules of the VPP host stack that apply when a pod opens or receives a connection.
 */
import { formatIp4, type Ip4 } from '../../../net/ipv4.ts';
import type { SimAppNamespace, SimInterface, SimState } from '../sim-state.ts';
import type { UnderlayNode } from '../underlay.ts';
import type { Packet } from './packet.ts';
import { checkGlobalSessionRules, checkLocalSessionRules, sessionTransport } from './session-rules.ts';
import type { Endpoint, Origin } from './trace.ts';
import { dropped, type Next, type Walk } from './walk.ts';

/** The app namespace of the pod with address `ip` (its interface holds `ip`, or is the pod's tap). */
export function appNamespaceOf(state: SimState, ip: Ip4): SimAppNamespace | undefined {
  return state.session.appNamespaces.find((ns) => {
    const itf = state.interfaces.get(ns.swIfIndex);
    return itf !== undefined && (itf.addresses.some((a) => a.ip === ip) || itf.tap?.hostIp4?.ip === ip);
  });
}

/** The loopback of an app namespace that holds `ip` (a pod terminated in the VPP host stack). */
export function appNamespaceLoopback(state: SimState, ip: Ip4): SimInterface | undefined {
  for (const ns of state.session.appNamespaces) {
    const itf = state.interfaces.get(ns.swIfIndex);
    if (itf && itf.type !== 'tap' && itf.addresses.some((a) => a.ip === ip)) return itf;
  }
  return undefined;
}

/** The interface through which pod `ip` on `node` talks to VPP: its tap, else its app-namespace loopback. */
export function podInterface(node: UnderlayNode, ip: Ip4): SimInterface | undefined {
  for (const itf of node.state.interfaces.values()) if (itf.type === 'tap' && itf.tap?.hostIp4?.ip === ip) return itf;
  return appNamespaceLoopback(node.state, ip);
}

function deliver(w: Walk, node: string, endpoint: Endpoint, p: Packet, detail: string): Next {
  w.log.add(node, 'endpoint', p, detail, { verdict: 'deliver', ...('interface' in endpoint ? { interface: endpoint.interface } : {}) });
  return { at: 'end', end: { kind: 'delivered', endpoint, packet: p } };
}

/** Delivers `p` to the pod behind `itf` on `node`, after the global session rules of the host stack. */
export function deliverToPod(w: Walk, node: UnderlayNode, itf: SimInterface, p: Packet): Next {
  const transport = sessionTransport(p.proto);
  if (w.opening && node.state.session.enabled && transport !== undefined) {
    const v = checkGlobalSessionRules(node.state, transport, { lcl: p.dst, lclPort: p.dstPort, rmt: p.src, rmtPort: p.srcPort });
    w.log.add(node.name, 'session-rules-global', p, v.detail, { interface: itf.name, table: v.rule?.tag, rule: v.ruleIndex, verdict: v.allowed ? 'permit' : 'deny' });
    if (!v.allowed) return dropped(node.name, `session rule ${v.detail}`);
  }
  return deliver(w, node.name, { kind: 'pod', node: node.name, ip: p.dst, interface: itf.name }, p, `delivered to pod ${formatIp4(p.dst)} (${itf.name})`);
}

/** `p` leaves tap `swIfIndex` of `node` towards its host side. */
export function tapHostSide(w: Walk, node: UnderlayNode, swIfIndex: number, p: Packet): Next {
  const u = w.world.underlay;
  const itf = node.state.interfaces.get(swIfIndex)!;
  if (u.hostInterconnect(node)?.swIfIndex === swIfIndex) {
    if (!u.hostAddresses(node).includes(p.dst)) return dropped(node.name, `host network of ${node.name} does not own ${formatIp4(p.dst)}`);
    return deliver(w, node.name, { kind: 'host', node: node.name, ip: p.dst }, p, `delivered to the host network of ${node.name}`);
  }
  if (itf.tap?.hostIp4?.ip !== p.dst) return dropped(node.name, `the pod behind ${itf.name} does not own ${formatIp4(p.dst)} (pods do not forward)`);
  return deliverToPod(w, node, itf, p);
}

function ownAddresses(w: Walk, node: UnderlayNode, e: Endpoint): Ip4[] {
  return e.kind === 'host' ? w.world.underlay.hostAddresses(node) : [e.ip];
}

/** Where a packet sent by `origin` enters the world, after the local session rules of a pod. */
export function originate(w: Walk, origin: Origin, p: Packet): Next {
  if (origin.kind === 'vpp') {
    const node = w.world.underlay.node(origin.node);
    return node ? { at: 'vpp-send', node, vrf: origin.vrf, packet: p } : dropped(origin.node, `unknown node ${origin.node}`);
  }
  const e = origin.endpoint;
  if (e.kind === 'outside') {
    w.log.add('outside', 'endpoint', p, `sent by outside host ${formatIp4(e.ip)} to the gateway`, { verdict: 'forward' });
    return { at: 'gateway', packet: p, enterAt: origin.enterAt };
  }
  const node = w.world.underlay.node(e.node);
  if (!node) return dropped(e.node, `unknown node ${e.node}`);
  if (ownAddresses(w, node, e).includes(p.dst)) {
    return deliver(w, e.node, e, p, 'destination is the sender\'s own address: delivered without leaving its network namespace');
  }
  if (e.kind === 'vpp') return { at: 'vpp-send', node, vrf: 0, packet: p };
  if (e.kind === 'host') {
    const tap = w.world.underlay.hostInterconnect(node);
    if (!tap) return dropped(node.name, `${node.name} has no host interconnect`);
    return { at: 'rx', node, swIfIndex: tap.swIfIndex, packet: p };
  }
  const itf = node.state.interfaces.get(podInterface(node, e.ip)?.swIfIndex ?? -1);
  if (!itf) return dropped(node.name, `no pod interface for ${formatIp4(e.ip)} on ${node.name}`);
  const ns = node.state.session.enabled ? appNamespaceOf(node.state, e.ip) : undefined;
  const transport = sessionTransport(p.proto);
  if (w.opening && ns && transport !== undefined) {
    const v = checkLocalSessionRules(node.state, ns.index, transport, p.dst, p.dstPort);
    w.log.add(node.name, 'session-rules-local', p, `app namespace ${ns.id}: ${v.detail}`, { interface: itf.name, table: v.rule?.tag, rule: v.ruleIndex, verdict: v.allowed ? 'permit' : 'deny' });
    if (!v.allowed) return dropped(node.name, `session rule ${v.detail} (connect filtered)`);
  }
  if (itf.type !== 'tap') return { at: 'vpp-send', node, vrf: itf.vrf, packet: p };
  return { at: 'rx', node, swIfIndex: itf.swIfIndex, packet: p };
}
