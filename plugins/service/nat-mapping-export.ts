/**
 * @module NAT44 export of a service model: per frontend a static mapping (one backend) or a
 * load-balanced static mapping (several), or a reject/drop entry when no backend is usable;
 * per cluster IP a catch-all reject for ports the Service does not declare. Pure.
 */
import type { NatLocal, NatReject, NatStaticMapping } from '../vpp/model.ts';
import { vppKeys } from '../vpp/model.ts';
import { frontendSlot, NAT_PROTOCOL, type NatClaim } from './nat-claim.ts';
import type { ServiceFrontend, ServiceModel } from './service-model.ts';
import { serviceTag } from './service-tag.ts';

/** The mapping of a forwarding frontend. */
function staticMapping(model: ServiceModel, f: ServiceFrontend, tag: string): NatStaticMapping {
  const single = f.backends.length === 1;
  const locals: NatLocal[] = f.backends.map((b) => ({ ip: b.ip, port: b.port, probability: single ? 1 : b.weight }));
  return {
    externalIp: f.ip,
    externalPort: f.port,
    protocol: NAT_PROTOCOL[f.protocol],
    locals,
    // Services are reached from outside in; a backend's own connections must not be mapped.
    out2inOnly: true,
    // Cluster external traffic: the backend sees this node's address, so replies come back here.
    // Otherwise self-twice-NAT only when a backend reaches its own service (hairpin).
    twiceNat: f.masquerade ? 'enabled' : 'self',
    // Affinity is a property of VPP's load-balanced mappings; a single local needs none.
    affinity: single ? 0 : model.affinitySeconds,
    vrf: 0,
    tag,
  };
}

/**
 * The NAT44 values of one Service on this node, sorted by key.
 * @example exportServiceNat(model) // → [{ slot: '6/10.96.0.10/80', key: 'vpp/nat/static/6/10.96.0.10/80', value: {...} }, ...]
 */
export function exportServiceNat(model: ServiceModel): NatClaim[] {
  const claims: NatClaim[] = [];
  for (const port of model.ports) {
    for (const f of port.frontends) {
      const proto = NAT_PROTOCOL[f.protocol];
      const slot = frontendSlot(proto, f.ip, f.port);
      if (f.action === 'forward') {
        claims.push({ slot, key: vppKeys.natStatic(proto, f.ip, f.port), value: staticMapping(model, f, port.tag) });
      } else {
        const reject: NatReject = { ip: f.ip, protocol: proto, port: f.port, action: f.action, tag: port.tag };
        claims.push({ slot, key: vppKeys.natReject(proto, f.ip, f.port), value: reject });
      }
    }
  }
  // A port the Service does not declare is refused at its cluster IP (as kube-proxy's nftables
  // mode does), instead of being routed towards the default gateway.
  const tag = serviceTag(model.service.namespace, model.service.name);
  for (const ip of model.ignored ? [] : model.clusterIPs) {
    const reject: NatReject = { ip, protocol: 0, port: 0, action: 'reject', tag };
    claims.push({ slot: frontendSlot(0, ip, 0), key: vppKeys.natReject(0, ip, 0), value: reject });
  }
  return claims.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
