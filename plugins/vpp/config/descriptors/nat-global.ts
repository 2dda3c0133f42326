/**
 * @module Desired-state descriptor for `vpp/nat/global`: NAT44 forwarding mode. A singleton
 * without a tag: VPP's setting is ours once we claim the key, else it is reported as foreign.
 */
import type { VppChannel } from '../../channel.ts';
import { vppKeys, type NatGlobal } from '../../model.ts';
import type { Descriptor } from '../descriptor.ts';
import { NAT_GLOBAL } from './descriptor-names.ts';

/** The NAT44 global descriptor over `ch`. */
export function natGlobalDescriptor(ch: VppChannel): Descriptor<NatGlobal, void> {
  const set = async (enable: boolean): Promise<void> => {
    await ch.request({ _msgname: 'nat44_forwarding_enable_disable', enable });
  };
  return {
    name: NAT_GLOBAL,
    keyPrefix: vppKeys.natGlobal(),
    create: (_key, g) => set(g.forwarding),
    update: (_key, g) => set(g.forwarding),
    delete: async (_key, g) => {
      if (g.forwarding) await set(false);
    },
    async dump(ctx) {
      const { enabled } = await ch.request({ _msgname: 'nat44_forwarding_is_enabled' });
      const key = vppKeys.natGlobal();
      if (ctx.claimed(key)) return { ours: [{ key, value: { forwarding: enabled }, metadata: undefined }], foreign: [] };
      return { ours: [], foreign: enabled ? ['nat44 forwarding enabled'] : [] };
    },
  };
}
