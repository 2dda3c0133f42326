/**
 * @module Desired-state descriptor for the derived `vpp/acl-interface/<if>/<dir>/<acl>`: one
 * ACL applied on one interface in one direction. `acl_interface_set_acl_list` sets the whole
 * list of an interface at once, so every change recomputes the interface's list from all its
 * configured bindings, in a fixed order (by ACL name, input ACLs first). The ACL list of an
 * interface we own is ours: foreign ACLs on it are reported and dropped when the list is next set.
 */
import type { VppChannel } from '../../channel.ts';
import { U32_MAX } from '../../messages/vpp-types.ts';
import { vppKeys } from '../../model.ts';
import type { AppliedValue, Descriptor, DescriptorContext, DumpedValue } from '../descriptor.ts';
import { compareKeys } from '../key-order.ts';
import { ACL_INTERFACE, ACL, INTERFACE, derivedKeys } from './descriptor-names.ts';
import { aclIndex, aclNames, interfaceIndex, interfaceNames } from './lookups.ts';

/** One ACL on one interface in one direction. */
export interface AclBinding {
  readonly acl: string;
  readonly interface: string;
  readonly direction: 'ingress' | 'egress';
  /** Dump only: VPP holds this interface's ACLs in another order than ours (re-set it). */
  readonly outOfOrder?: boolean;
}

/** The group of an interface's bindings. */
export const aclGroup = (iface: string): string => `acl-interface/${iface}`;

/** The ordered list for `acl_interface_set_acl_list`: input ACLs by name, then output ACLs by name. */
export function aclList(bindings: readonly AclBinding[], indexOf: (acl: string) => number): { readonly acls: number[]; readonly nInput: number } {
  const names = (dir: AclBinding['direction']): string[] => [...new Set(bindings.filter((b) => b.direction === dir).map((b) => b.acl))].sort(compareKeys);
  const input = names('ingress').map(indexOf);
  const output = names('egress').map(indexOf);
  return { acls: [...input, ...output], nInput: input.length };
}

/** The ACL-on-interface descriptor over `ch`. */
export function aclInterfaceDescriptor(ch: VppChannel): Descriptor<AclBinding, void> {
  const setList = async (iface: string, bindings: readonly AclBinding[], ctx: DescriptorContext): Promise<void> => {
    const { acls, nInput } = aclList(bindings, (acl) => aclIndex(ctx, acl));
    await ch.request({ _msgname: 'acl_interface_set_acl_list', sw_if_index: interfaceIndex(ctx, iface), count: acls.length, n_input: nInput, acls });
  };
  const others = (key: string, b: AclBinding, ctx: DescriptorContext): AclBinding[] =>
    ctx.group(aclGroup(b.interface)).filter((v) => v.key !== key).map((v: AppliedValue) => v.value as AclBinding);
  return {
    name: ACL_INTERFACE,
    keyPrefix: 'vpp/acl-interface/',
    dumpAfter: [INTERFACE, ACL],
    dependencies: (_key, b) => [
      { label: 'acl-exists', key: vppKeys.acl(b.acl) },
      { label: 'interface-exists', key: vppKeys.interface(b.interface) },
    ],
    group: (_key, b) => aclGroup(b.interface),
    equivalent: (_key, desired, applied) =>
      applied.outOfOrder !== true && desired.acl === applied.acl && desired.interface === applied.interface && desired.direction === applied.direction,
    create: (key, b, ctx) => setList(b.interface, [...others(key, b, ctx), b], ctx),
    update: (key, b, _applied, _meta, ctx) => setList(b.interface, [...others(key, b, ctx), b], ctx),
    delete: (key, b, _meta, ctx) => setList(b.interface, others(key, b, ctx), ctx),
    async dump(ctx) {
      const ifNames = interfaceNames(ctx);
      const acls = aclNames(ctx);
      const ours: DumpedValue<AclBinding, void>[] = [];
      const foreign: string[] = [];
      for (const d of await ch.dump({ _msgname: 'acl_interface_list_dump', sw_if_index: U32_MAX })) {
        const iface = ifNames.get(d.sw_if_index);
        if (d.count === 0) continue;
        if (iface === undefined) {
          foreign.push(`acl list of interface ${d.sw_if_index}: [${d.acls.join(',')}]`);
          continue;
        }
        const found: AclBinding[] = [];
        d.acls.forEach((idx, pos) => {
          const acl = acls.get(idx);
          if (acl === undefined) foreign.push(`acl ${idx} on interface ${iface}`);
          else found.push({ acl, interface: iface, direction: pos < d.n_input ? 'ingress' : 'egress' });
        });
        const actual = d.acls.filter((idx) => acls.has(idx));
        const expected = aclList(found, (name) => d.acls[d.acls.findIndex((i) => acls.get(i) === name)] ?? -1).acls;
        // One marked binding is enough: its update re-sets the interface's whole list.
        const outOfOrder = actual.join(',') !== expected.join(',');
        const keyed = found.map((b) => ({ key: derivedKeys.aclInterface(iface, b.direction, b.acl), b })).sort((x, y) => compareKeys(x.key, y.key));
        keyed.forEach(({ key, b }, i) => ours.push({ key, value: outOfOrder && i === 0 ? { ...b, outOfOrder } : b, metadata: undefined }));
      }
      return { ours, foreign };
    },
  };
}
