/**
 * @module Desired-state descriptor for `vpp/nat/interface/<name>`: the NAT44 features of one
 * interface (pre-routing inside / outside with `nat44_interface_add_del_feature`, post-routing
 * output with `nat44_ed_add_del_output_interface`, read back with the cursor get
 * `nat44_ed_output_interface_get`). Features on our interfaces are ours; those on foreign
 * interfaces are left alone. Waits for the interface and for the NAT44-ED plugin.
 */
import type { VppChannel } from '../../channel.ts';
import { NatConfigFlags } from '../../messages/nat44.ts';
import { vppKeys, type NatInterface } from '../../model.ts';
import type { Descriptor, DescriptorContext, DumpedValue } from '../descriptor.ts';
import { INTERFACE, NAT_INTERFACE } from './descriptor-names.ts';
import { NAT44_ENABLED } from './nat-global.ts';
import { checkKey, checkTag } from './field-checks.ts';
import { interfaceIndex, interfaceNames } from './lookups.ts';

type Feature = 'inside' | 'outside' | 'output';
const FEATURES: readonly Feature[] = ['inside', 'outside', 'output'];

/** The NAT44 interface-feature descriptor over `ch`. */
export function natInterfaceDescriptor(ch: VppChannel): Descriptor<NatInterface, void> {
  const setFeature = async (swIfIndex: number, f: Feature, isAdd: boolean): Promise<void> => {
    if (f === 'output') {
      await ch.request({ _msgname: 'nat44_ed_add_del_output_interface', is_add: isAdd, sw_if_index: swIfIndex });
    } else {
      const flags = f === 'inside' ? NatConfigFlags.NAT_IS_INSIDE : NatConfigFlags.NAT_IS_OUTSIDE;
      await ch.request({ _msgname: 'nat44_interface_add_del_feature', is_add: isAdd, flags, sw_if_index: swIfIndex });
    }
  };
  const change = async (to: NatInterface, from: NatInterface | undefined, ctx: DescriptorContext): Promise<void> => {
    const idx = interfaceIndex(ctx, to.name);
    // Remove before adding, so switching between pre-routing and output features never has both at once.
    for (const f of FEATURES) if (from?.[f] && !to[f]) await setFeature(idx, f, false);
    for (const f of FEATURES) if (to[f] && !from?.[f]) await setFeature(idx, f, true);
  };
  return {
    name: NAT_INTERFACE,
    keyPrefix: 'vpp/nat/interface/',
    dumpAfter: [INTERFACE],
    validate(key, n) {
      checkTag(key, 'name', n.name);
      checkKey(key, vppKeys.natInterface(n.name));
    },
    dependencies: (_key, n) => [{ label: 'interface-exists', key: vppKeys.interface(n.name) }, NAT44_ENABLED],
    create: (_key, n, ctx) => change(n, undefined, ctx),
    update: (_key, n, applied, _meta, ctx) => change(n, applied, ctx),
    delete: (_key, n, _meta, ctx) => change({ name: n.name, inside: false, outside: false, output: false }, n, ctx),
    async dump(ctx) {
      const ifs = interfaceNames(ctx);
      const found = new Map<number, { inside: boolean; outside: boolean; output: boolean }>();
      const at = (i: number) => found.get(i) ?? (found.set(i, { inside: false, outside: false, output: false }).get(i) as { inside: boolean; outside: boolean; output: boolean });
      for (const d of await ch.dump({ _msgname: 'nat44_interface_dump' })) {
        const e = at(d.sw_if_index);
        if (d.flags & NatConfigFlags.NAT_IS_INSIDE) e.inside = true;
        if (d.flags & NatConfigFlags.NAT_IS_OUTSIDE) e.outside = true;
      }
      for (const d of await ch.get({ _msgname: 'nat44_ed_output_interface_get', cursor: 0 })) at(d.sw_if_index).output = true;
      const ours: DumpedValue<NatInterface, void>[] = [];
      const foreign: string[] = [];
      for (const [idx, f] of [...found].sort((a, b) => a[0] - b[0])) {
        const name = ifs.get(idx);
        if (name === undefined) foreign.push(`nat44 features of interface ${idx}`);
        else ours.push({ key: vppKeys.natInterface(name), value: { name, ...f }, metadata: undefined });
      }
      return { ours, foreign };
    },
  };
}
