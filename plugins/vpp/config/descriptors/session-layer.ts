/**
 * @module Desired-state descriptor for `vpp/session/enable`: VPP's session layer (host stack).
 * VPP 22.10 cannot report whether the layer is on, so the dump infers it (after the
 * session-rule and interface dumps): the layer is on when VPP holds a session rule (VPP refuses
 * rules while it is off), or when this process enabled it and VPP still holds our interfaces
 * (the same VPP, not a restarted empty one). Without that evidence the value is created, which
 * is harmless: enabling an enabled layer changes nothing in VPP.
 */
import type { VppChannel } from '../../channel.ts';
import { vppKeys, type SessionLayer } from '../../model.ts';
import type { Descriptor } from '../descriptor.ts';
import { INTERFACE, SESSION_LAYER, SESSION_RULE } from './descriptor-names.ts';
import type { SessionSightings } from './session-sightings.ts';

/** The session-layer descriptor over `ch`, reading what the session-rule dump saw in `seen`. */
export function sessionLayerDescriptor(ch: VppChannel, seen: SessionSightings): Descriptor<SessionLayer, void> {
  const set = async (enable: boolean): Promise<void> => {
    await ch.request({ _msgname: 'session_enable_disable', is_enable: enable });
  };
  return {
    name: SESSION_LAYER,
    keyPrefix: vppKeys.sessionLayer(),
    dumpAfter: [SESSION_RULE, INTERFACE],
    create: (_key, s) => set(s.enabled),
    update: (_key, s) => set(s.enabled),
    delete: async (_key, s) => {
      if (s.enabled) await set(false);
    },
    async dump(ctx) {
      const key = vppKeys.sessionLayer();
      const rules = seen.takeRules();
      if (rules > 0) return { ours: [{ key, value: { enabled: true }, metadata: undefined }], foreign: [] };
      const previous = ctx.previous(key)?.value as SessionLayer | undefined;
      const sameVpp = ctx.values(INTERFACE).length > 0;
      return { ours: previous && sameVpp ? [{ key, value: previous, metadata: undefined }] : [], foreign: [] };
    },
  };
}
