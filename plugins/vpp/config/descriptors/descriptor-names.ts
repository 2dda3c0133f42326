/** @module Names and key prefixes of the VPP descriptors (leaf module: descriptors look each other up by name). */

/** `vpp/interface/<name>` */
export const INTERFACE = 'vpp-interface';
/** `vpp/bd/<name>` */
export const BRIDGE_DOMAIN = 'vpp-bd';
/** `vpp/bd-member/<bd>/<interface>` (derived from a bridge domain) */
export const BD_MEMBER = 'vpp-bd-member';
/** `vpp/route/...` */
export const ROUTE = 'vpp-route';
/** `vpp/arp/<interface>/<ip>` */
export const ARP = 'vpp-arp';
/** `vpp/acl/<name>` */
export const ACL = 'vpp-acl';
/** `vpp/acl-interface/<interface>/<direction>/<acl>` (derived from an ACL) */
export const ACL_INTERFACE = 'vpp-acl-interface';
/** `vpp/nat/global` */
export const NAT_GLOBAL = 'vpp-nat-global';
/** `vpp/nat/address/<ip>` */
export const NAT_ADDRESS = 'vpp-nat-address';
/** `vpp/nat/interface/<name>` */
export const NAT_INTERFACE = 'vpp-nat-interface';
/** `vpp/nat/static/<proto>/<ip>/<port>` (static or load-balanced by the number of locals) */
export const NAT_STATIC = 'vpp-nat-static';
/** `vpp/nat/identity/<proto>/<ip>/<port>` */
export const NAT_IDENTITY = 'vpp-nat-identity';
/** `vpp/nat/reject/<proto>/<ip>/<port>` (service frontends refusing connections) */
export const NAT_REJECT = 'vpp-nat-reject';
/** `vpp/session/enable` */
export const SESSION_LAYER = 'vpp-session-layer';
/** `vpp/session/appns/<id>` */
export const APP_NAMESPACE = 'vpp-app-namespace';
/** `vpp/session/rule/...` */
export const SESSION_RULE = 'vpp-session-rule';

/** Key prefixes of the derived kinds (the model's `vppKeys` covers the others). */
export const derivedKeys = {
  bdMember: (bd: string, iface: string) => `vpp/bd-member/${bd}/${iface}`,
  aclInterface: (iface: string, direction: 'ingress' | 'egress', acl: string) => `vpp/acl-interface/${iface}/${direction}/${acl}`,
} as const;
