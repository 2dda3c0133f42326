/**
 * @module Desired-state descriptor for `vpp/interface/<name>`: one VPP interface (loopback,
 * tap, af_packet, VXLAN tunnel, or a NIC we only configure). Our name is the interface tag,
 * which is how resync tells ours from foreign interfaces; the metadata is the sw_if_index.
 */
import type { VppChannel } from '../../channel.ts';
import { macFromText } from '../../messages/vpp-types.ts';
import { vppKeys, type VppInterface } from '../../model.ts';
import type { Dependency, Descriptor } from '../descriptor.ts';
import { INTERFACE } from './descriptor-names.ts';
import { addressSet, equivalentInterfaces, sameCreation, validateInterface } from './interface-compare.ts';
import { createInterface, removeInterface, setAddress, setAdminUp, setDhcpClient, setTable } from './interface-calls.ts';
import { dumpInterfaces } from './interface-dump.ts';
import { interfaceIndex, type InterfaceMeta } from './lookups.ts';

/** The interface descriptor over `ch`. */
export function interfaceDescriptor(ch: VppChannel): Descriptor<VppInterface, InterfaceMeta> {
  return {
    name: INTERFACE,
    keyPrefix: 'vpp/interface/',
    validate: validateInterface,
    equivalent: (_key, desired, applied) => equivalentInterfaces(desired, applied),
    recreate: (_key, desired, applied) => !sameCreation(desired, applied),
    dependencies: (_key, v): Dependency[] =>
      v.unnumberedFrom === undefined ? [] : [{ label: 'unnumbered-source-exists', key: vppKeys.interface(v.unnumberedFrom) }],

    async create(_key, v, ctx) {
      const swIfIndex = await createInterface(ch, v);
      try {
        // Taps get their tag at creation; every other kind is tagged here.
        if (v.type !== 'tap') await ch.request({ _msgname: 'sw_interface_tag_add_del', is_add: true, sw_if_index: swIfIndex, tag: v.name });
        await configure(ch, swIfIndex, v, undefined, (name) => interfaceIndex(ctx, name));
      } catch (err: unknown) {
        // Do not leave a half-made interface behind: the retry creates a new one.
        await removeInterface(ch, v, swIfIndex).catch(() => undefined);
        throw err;
      }
      return { swIfIndex };
    },

    async update(_key, desired, applied, meta, ctx) {
      await configure(ch, meta.swIfIndex, desired, applied, (name) => interfaceIndex(ctx, name));
      return meta;
    },

    async delete(_key, v, meta) {
      await removeInterface(ch, v, meta.swIfIndex);
    },

    dump: (ctx) => dumpInterfaces(ch, ctx),
  };
}

/**
 * Brings the configurable part from `from` (undefined: a fresh interface) to `to`. Addresses
 * leave before a VRF change (VPP refuses to move an interface holding addresses).
 */
async function configure(
  ch: VppChannel,
  swIfIndex: number,
  to: VppInterface,
  from: VppInterface | undefined,
  indexOf: (name: string) => number,
): Promise<void> {
  if (from && to.mac !== undefined && to.mac.toLowerCase() !== from.mac?.toLowerCase()) {
    await ch.request({ _msgname: 'sw_interface_set_mac_address', sw_if_index: swIfIndex, mac_address: macFromText(to.mac) });
  } else if (!from && to.mac !== undefined && to.type === 'ethernet') {
    await ch.request({ _msgname: 'sw_interface_set_mac_address', sw_if_index: swIfIndex, mac_address: macFromText(to.mac) });
  }
  const vrfChanges = (to.vrf ?? 0) !== (from?.vrf ?? 0);
  const had = from ? addressSet(from.ipAddresses) : [];
  const want = addressSet(to.ipAddresses);
  for (const a of had) if (vrfChanges || !want.includes(a)) await setAddress(ch, swIfIndex, a, false);
  if (from?.unnumberedFrom !== undefined && (vrfChanges || from.unnumberedFrom !== to.unnumberedFrom)) {
    // VPP ignores the address owner when unbinding (it may be gone, or not ours).
    await ch.request({ _msgname: 'sw_interface_set_unnumbered', sw_if_index: swIfIndex, unnumbered_sw_if_index: swIfIndex, is_add: false });
  }
  if (vrfChanges) await setTable(ch, swIfIndex, to.vrf ?? 0);
  if (to.unnumberedFrom !== undefined && (vrfChanges || from?.unnumberedFrom !== to.unnumberedFrom)) {
    await ch.request({ _msgname: 'sw_interface_set_unnumbered', sw_if_index: indexOf(to.unnumberedFrom), unnumbered_sw_if_index: swIfIndex, is_add: true });
  }
  for (const a of want) if (vrfChanges || !had.includes(a)) await setAddress(ch, swIfIndex, a, true);
  if (from?.dhcpClient && from.dhcpClient.hostname !== to.dhcpClient?.hostname) await setDhcpClient(ch, swIfIndex, from.dhcpClient.hostname, false);
  if (to.dhcpClient && to.dhcpClient.hostname !== from?.dhcpClient?.hostname) await setDhcpClient(ch, swIfIndex, to.dhcpClient.hostname, true);
  if (to.enabled !== (from?.enabled ?? false)) await setAdminUp(ch, swIfIndex, to.enabled);
}
