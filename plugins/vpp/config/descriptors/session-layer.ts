/**
 * @module Desired-state descriptor for `vpp/session/enable`: VPP's session layer (host stack).
 * VPP has no dump for it, so resync trusts the reconciler's own view.
 */
import type { VppChannel } from '../../channel.ts';
import { vppKeys, type SessionLayer } from '../../model.ts';
import type { Descriptor } from '../descriptor.ts';
import { SESSION_LAYER } from './descriptor-names.ts';

/** The session-layer descriptor over `ch`. */
export function sessionLayerDescriptor(ch: VppChannel): Descriptor<SessionLayer, void> {
  const set = async (enable: boolean): Promise<void> => {
    await ch.request({ _msgname: 'session_enable_disable', is_enable: enable });
  };
  return {
    name: SESSION_LAYER,
    keyPrefix: vppKeys.sessionLayer(),
    create: (_key, s) => set(s.enabled),
    update: (_key, s) => set(s.enabled),
    delete: async (_key, s) => {
      if (s.enabled) await set(false);
    },
  };
}
