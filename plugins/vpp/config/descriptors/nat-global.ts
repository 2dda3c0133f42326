/**
 * @module Desired-state descriptor for `vpp/nat/global`: the NAT44-ED plugin itself (VPP 22.10
 * starts with it disabled and refuses every NAT setting until `nat44_ed_plugin_enable_disable`
 * enables it) and forwarding mode. Every other NAT44 value depends on this key
 * ({@linkcode NAT44_ENABLED}), so the reconciler enables the plugin first and disables it last.
 * A singleton without a tag: VPP's plugin is ours once we claim the key, else it is reported as
 * foreign.
 */
import { BadInputError } from '../../../../core/errors.ts';
import type { VppChannel } from '../../channel.ts';
import { NAT44_DEFAULT_SESSIONS, type Nat44ShowRunningConfigReply } from '../../messages/nat44-plugin.ts';
import { vppKeys, type NatGlobal } from '../../model.ts';
import type { Dependency, Descriptor } from '../descriptor.ts';
import { NAT_GLOBAL } from './descriptor-names.ts';

/** What every NAT44 setting waits for: the plugin, enabled by the `vpp/nat/global` value. */
export const NAT44_ENABLED: Dependency = { label: 'nat44-enabled', key: vppKeys.natGlobal() };

const sessionsOf = (g: NatGlobal): number => g.sessions ?? NAT44_DEFAULT_SESSIONS;

/**
 * The plugin's state as `nat44_show_running_config` reports it: the reply has no enabled flag,
 * but a disabled plugin's configuration is zeroed and an enabled one has sessions ≥ 1.
 */
function pluginOf(rc: Nat44ShowRunningConfigReply): NatGlobal | undefined {
  return rc.sessions === 0 ? undefined : { forwarding: rc.forwarding_enabled, sessions: rc.sessions };
}

/** The NAT44 global descriptor over `ch`. */
export function natGlobalDescriptor(ch: VppChannel): Descriptor<NatGlobal, void> {
  const forwarding = async (enable: boolean): Promise<void> => {
    await ch.request({ _msgname: 'nat44_forwarding_enable_disable', enable });
  };
  const plugin = async (enable: boolean, sessions = 0): Promise<void> => {
    await ch.request({ _msgname: 'nat44_ed_plugin_enable_disable', enable, sessions, inside_vrf: 0, outside_vrf: 0, session_memory: 0, flags: 0 });
  };
  return {
    name: NAT_GLOBAL,
    keyPrefix: vppKeys.natGlobal(),
    validate(key, g) {
      if (g.sessions !== undefined && (!Number.isInteger(g.sessions) || g.sessions < 1 || g.sessions > 0xffffffff)) {
        throw new BadInputError(key, 'sessions', `${g.sessions} is not an integer from 1 to 4294967295`);
      }
    },
    equivalent: (_key, desired, applied) => desired.forwarding === applied.forwarding && sessionsOf(desired) === sessionsOf(applied),
    // The session table is sized when the plugin is enabled; only a disable + enable resizes it.
    recreate: (_key, desired, applied) => sessionsOf(desired) !== sessionsOf(applied),
    async create(_key, g) {
      await plugin(true, g.sessions);
      // Enabling the plugin switches forwarding off.
      if (g.forwarding) await forwarding(true);
    },
    update: (_key, g) => forwarding(g.forwarding),
    // Disabling also switches forwarding off and drops whatever NAT44 state is left.
    delete: () => plugin(false),
    async dump(ctx) {
      const found = pluginOf(await ch.request({ _msgname: 'nat44_show_running_config' }));
      if (!found) return { ours: [], foreign: [] };
      const key = vppKeys.natGlobal();
      if (ctx.claimed(key)) return { ours: [{ key, value: found, metadata: undefined }], foreign: [] };
      return { ours: [], foreign: [`nat44-ed plugin enabled (sessions ${sessionsOf(found)}, forwarding ${found.forwarding ? 'on' : 'off'})`] };
    },
  };
}
