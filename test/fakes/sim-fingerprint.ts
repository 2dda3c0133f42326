/**
 * @module The configuration a simulated VPP holds, independent of the order it was built in:
 * interfaces keyed by tag (else name) instead of sw_if_index, every list sorted. Two simulators
 * with equal fingerprints carry the same configuration (a restarted VPP after resync).
 */
import { formatIp4 } from '../../plugins/net/ipv4.ts';
import type { SimState } from '../../plugins/vpp/sim/sim-state.ts';

const sortJson = <T>(xs: T[]): T[] => xs.map((x) => JSON.stringify(x)).sort().map((s) => JSON.parse(s) as T);

/** A JSON-comparable summary of `state`'s configuration. */
export function simFingerprint(state: SimState): Record<string, unknown> {
  const key = (sw: number) => {
    const i = state.interfaces.get(sw);
    return i ? i.tag || i.name : `#${sw}`;
  };
  const cidr = (a: { ip: number; len: number }) => `${formatIp4(a.ip)}/${a.len}`;
  const interfaces = [...state.interfaces.values()].map((i) => ({
    key: key(i.swIfIndex),
    type: i.type,
    adminUp: i.adminUp,
    vrf: i.vrf,
    addresses: i.addresses.map(cidr).sort(),
    ...(i.unnumberedOf === undefined ? {} : { unnumberedOf: key(i.unnumberedOf) }),
    ...(i.tap ? { tap: { hostIfName: i.tap.hostIfName, hostNamespace: i.tap.hostNamespace, hostIp4: i.tap.hostIp4 ? cidr(i.tap.hostIp4) : undefined } } : {}),
    ...(i.vxlan ? { vxlan: { src: formatIp4(i.vxlan.src), dst: formatIp4(i.vxlan.dst), vni: i.vxlan.vni } } : {}),
    ...(i.l2 ? { l2: i.l2 } : {}),
  }));
  return {
    interfaces: sortJson(interfaces),
    bridgeDomains: sortJson([...state.bridgeDomains.values()].map((b) => ({ bdId: b.bdId, tag: b.tag, flood: b.flood, learn: b.learn, arpTerm: b.arpTerm, members: b.members.map((m) => `${key(m.swIfIndex)}${m.bvi ? ' (bvi)' : ''}`).sort() }))),
    routes: sortJson(state.routes.filter((r) => r.source !== 'dhcp').map((r) => ({ vrf: r.vrf, dst: `${formatIp4(r.prefix)}/${r.len}`, paths: r.paths.map((p) => `${formatIp4(p.nextHop)} ${key(p.swIfIndex)}`).sort() }))),
    neighbours: sortJson(state.neighbours.map((n) => ({ iface: key(n.swIfIndex), ip: formatIp4(n.ip), mac: Array.from(n.mac).join(':'), isStatic: n.isStatic }))),
    acls: sortJson([...state.acls.values()].map((a) => ({ tag: a.tag, rules: a.rules.length }))),
    interfaceAcls: sortJson([...state.interfaceAcls.entries()].map(([sw, l]) => ({ iface: key(sw), input: l.input.map((x) => state.acls.get(x)?.tag), output: l.output.map((x) => state.acls.get(x)?.tag) }))),
    nat44: {
      plugin: state.nat44.plugin ?? null,
      forwarding: state.nat44.forwarding,
      addresses: sortJson(state.nat44.addresses.map((a) => JSON.stringify(a))),
      interfaces: sortJson([...state.nat44.interfaces.entries()].map(([sw, f]) => ({ iface: key(sw), f }))),
      outputInterfaces: [...state.nat44.outputInterfaces.keys()].map(key).sort(),
      staticMappings: state.nat44.staticMappings.length,
      identityMappings: state.nat44.identityMappings.length,
    },
    session: { enabled: state.session.enabled, appNamespaces: state.session.appNamespaces.map((n) => n.id).sort(), rules: state.session.rules.length },
    dhcpClients: [...state.dhcpClients.keys()].map(key).sort(),
  };
}
