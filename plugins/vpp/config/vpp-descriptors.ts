/** @module The registry of every VPP descriptor over one channel (what the vpp plugin reconciles with). */
import type { VppChannel } from '../channel.ts';
import { DescriptorRegistry } from './descriptor-registry.ts';
import { aclDescriptor } from './descriptors/acl.ts';
import { aclInterfaceDescriptor } from './descriptors/acl-interface.ts';
import { appNamespaceDescriptor } from './descriptors/app-namespace.ts';
import { arpDescriptor } from './descriptors/arp.ts';
import { bdMemberDescriptor } from './descriptors/bd-member.ts';
import { bridgeDomainDescriptor } from './descriptors/bridge-domain.ts';
import { interfaceDescriptor } from './descriptors/interface.ts';
import { natAddressDescriptor } from './descriptors/nat-address.ts';
import { natGlobalDescriptor } from './descriptors/nat-global.ts';
import { natIdentityDescriptor } from './descriptors/nat-identity.ts';
import { natInterfaceDescriptor } from './descriptors/nat-interface.ts';
import { natRejectDescriptor } from './descriptors/nat-reject.ts';
import { NatRejectSightings } from './descriptors/nat-reject-sightings.ts';
import { natStaticDescriptor } from './descriptors/nat-static.ts';
import { routeDescriptor } from './descriptors/route.ts';
import { sessionLayerDescriptor } from './descriptors/session-layer.ts';
import { sessionRuleDescriptor } from './descriptors/session-rule.ts';
import { SessionSightings } from './descriptors/session-sightings.ts';

/** A registry with one descriptor per kind of `plugins/vpp/model.ts`, all over `ch`. */
export function vppDescriptors(ch: VppChannel): DescriptorRegistry {
  // The nat-reject dump reads what the nat-static and route dumps saw of its objects.
  const rejects = new NatRejectSightings();
  // The session-layer dump infers the layer from the rules the session-rule dump saw.
  const sessions = new SessionSightings();
  return new DescriptorRegistry()
    .register(interfaceDescriptor(ch))
    .register(bridgeDomainDescriptor(ch))
    .register(bdMemberDescriptor(ch))
    .register(routeDescriptor(ch, rejects))
    .register(arpDescriptor(ch))
    .register(aclDescriptor(ch))
    .register(aclInterfaceDescriptor(ch))
    .register(natGlobalDescriptor(ch))
    .register(natAddressDescriptor(ch))
    .register(natInterfaceDescriptor(ch))
    .register(natStaticDescriptor(ch, rejects))
    .register(natIdentityDescriptor(ch))
    .register(natRejectDescriptor(ch, rejects))
    .register(sessionLayerDescriptor(ch, sessions))
    .register(appNamespaceDescriptor(ch, sessions))
    .register(sessionRuleDescriptor(ch, sessions));
}
