/**
 * @module How two interface values compare: which differences are changes made in place
 * (admin state, MAC, addresses, VRF, unnumbered, DHCP) and which need a new interface (type,
 * tap / af_packet / VXLAN parameters). Fields VPP picks when we leave them unset are compared
 * only when the desired value sets them; tap ring sizes are compared as VPP sets them up (unset
 * or 0 = 256; validation admits only what VPP accepts: powers of two up to 32768).
 */
import { BadInputError } from '../../../../core/errors.ts';
import { vppKeys, type VppInterface } from '../../model.ts';
import { valuesEqual } from '../value-equal.ts';
import { canonicalIfAddress, checkCidr, checkIfAddress, checkInt, checkIp, checkKey, checkMac, checkTag } from './field-checks.ts';

/** Addresses as a sorted set of canonical `a.b.c.d/len`. */
export function addressSet(addrs: readonly string[]): string[] {
  return [...new Set(addrs.map(canonicalIfAddress))].sort();
}

const lower = (s: string | undefined): string | undefined => s?.toLowerCase();
const optional = <T>(desired: T | undefined, applied: T | undefined): boolean => desired === undefined || valuesEqual(desired, applied);
const hostIp = (s: string | undefined): string | undefined => (s === undefined || s === '' ? undefined : canonicalIfAddress(s));

/** VPP's tap ring size when a request leaves it 0. */
export const DEFAULT_TAP_RING_SIZE = 256;
/** Largest ring size VPP's virtio rings take. */
const MAX_TAP_RING_SIZE = 32768;
const ring = (n: number | undefined): number => n || DEFAULT_TAP_RING_SIZE;

/** Whether the parameters an interface is created with are the same (else it must be re-created). */
export function sameCreation(desired: VppInterface, applied: VppInterface): boolean {
  if (desired.type !== applied.type) return false;
  const dt = desired.tap;
  const at = applied.tap;
  if (dt || at) {
    if (!dt || !at || dt.hostIfName !== at.hostIfName || (dt.netns ?? '') !== (at.netns ?? '')) return false;
    if (hostIp(dt.hostIp) !== hostIp(at.hostIp)) return false;
    if (!optional(lower(dt.hostMac), lower(at.hostMac)) || !optional(dt.hostGateway, at.hostGateway)) return false;
    if (ring(dt.rxRingSize) !== ring(at.rxRingSize) || ring(dt.txRingSize) !== ring(at.txRingSize)) return false;
  }
  if (desired.afPacket?.hostIfName !== applied.afPacket?.hostIfName) return false;
  return valuesEqual(desired.vxlan, applied.vxlan);
}

/** Whether the interface is configured as desired. */
export function equivalentInterfaces(desired: VppInterface, applied: VppInterface): boolean {
  return (
    sameCreation(desired, applied) &&
    desired.enabled === applied.enabled &&
    optional(lower(desired.mac), lower(applied.mac)) &&
    valuesEqual(addressSet(desired.ipAddresses), addressSet(applied.ipAddresses)) &&
    (desired.vrf ?? 0) === (applied.vrf ?? 0) &&
    desired.unnumberedFrom === applied.unnumberedFrom &&
    desired.dhcpClient?.hostname === applied.dhcpClient?.hostname
  );
}

/** Checks an interface value. @throws {BadInputError} naming the field. */
export function validateInterface(key: string, v: VppInterface): void {
  checkTag(key, 'name', v.name);
  checkKey(key, vppKeys.interface(v.name));
  if (v.mac !== undefined) checkMac(key, 'mac', v.mac);
  if (v.mac !== undefined && v.type === 'vxlan') throw new BadInputError(key, 'mac', 'VPP cannot set the MAC of a VXLAN tunnel');
  v.ipAddresses.forEach((a, i) => checkIfAddress(key, `ipAddresses[${i}]`, a));
  checkInt(key, 'vrf', v.vrf ?? 0, 0, 0xfffffffe);
  if (v.unnumberedFrom === v.name) throw new BadInputError(key, 'unnumberedFrom', 'an interface cannot borrow its own address');
  const need = (field: 'tap' | 'afPacket' | 'vxlan', type: VppInterface['type']): void => {
    if ((v[field] !== undefined) !== (v.type === type)) throw new BadInputError(key, field, `is required for, and only for, type ${type}`);
  };
  need('tap', 'tap');
  need('afPacket', 'af_packet');
  need('vxlan', 'vxlan');
  if (v.tap) {
    checkTag(key, 'tap.hostIfName', v.tap.hostIfName);
    if (v.tap.hostIfName.length > 15) throw new BadInputError(key, 'tap.hostIfName', 'Linux interface names have at most 15 characters');
    if (v.tap.hostIp) checkCidr(key, 'tap.hostIp', v.tap.hostIp);
    if (v.tap.hostMac) checkMac(key, 'tap.hostMac', v.tap.hostMac);
    if (v.tap.hostGateway) checkIp(key, 'tap.hostGateway', v.tap.hostGateway);
    for (const field of ['rxRingSize', 'txRingSize'] as const) {
      const n = v.tap[field] ?? 0;
      checkInt(key, `tap.${field}`, n, 0, MAX_TAP_RING_SIZE);
      if ((n & (n - 1)) !== 0) throw new BadInputError(key, `tap.${field}`, `${n} is not a power of two (VPP's virtio rings)`);
    }
  }
  if (v.afPacket) checkTag(key, 'afPacket.hostIfName', v.afPacket.hostIfName);
  if (v.vxlan) {
    checkIp(key, 'vxlan.srcAddress', v.vxlan.srcAddress);
    checkIp(key, 'vxlan.dstAddress', v.vxlan.dstAddress);
    checkInt(key, 'vxlan.vni', v.vxlan.vni, 0, 0xffffff);
  }
  if (v.dhcpClient) checkTag(key, 'dhcpClient.hostname', v.dhcpClient.hostname, true);
}
