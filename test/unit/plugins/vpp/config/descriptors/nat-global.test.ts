import { describe, expect, it } from 'vitest';
import { newRequest } from '../../../../../../plugins/vpp/messages/new-request.ts';
import { vppKeys, type NatGlobal, type VppValue } from '../../../../../../plugins/vpp/model.ts';
import { reconcilerOnSim } from '../../../../../fakes/vpp-reconciler-setup.ts';

const global = (forwarding: boolean, extra: Partial<NatGlobal> = {}): [string, VppValue] => [vppKeys.natGlobal(), { forwarding, ...extra }];
const addr: [string, VppValue] = [vppKeys.natAddress('192.168.16.1'), { address: '192.168.16.1', vrf: 0, twiceNat: false }];

describe('natGlobalDescriptor', () => {
  it('create() enables the NAT44-ED plugin, then forwarding; update() sets forwarding; an idle resync reads both back with nat44_show_running_config', async () => {
    const t = await reconcilerOnSim();
    await t.commit(global(true));
    expect(t.changes()).toEqual(['nat44_ed_plugin_enable_disable', 'nat44_forwarding_enable_disable']);
    expect(t.sim.state.nat44.plugin).toEqual({ sessions: 63 * 1024, insideVrf: 0, outsideVrf: 0 });
    expect(t.sim.state.nat44.forwarding).toBe(true);
    t.ch.clear();
    await t.resync([global(true)]);
    expect(t.changes()).toEqual([]);
    expect(t.ch.names()).toContain('nat44_show_running_config');
    await t.commit(global(false));
    expect(t.changes()).toEqual(['nat44_forwarding_enable_disable']);
    expect(t.sim.state.nat44.forwarding).toBe(false);
  });

  it('create() without forwarding only enables the plugin (enabling switches forwarding off)', async () => {
    const t = await reconcilerOnSim();
    t.sim.handle(newRequest('nat44_forwarding_enable_disable', { enable: true }));
    await t.commit(global(false, { sessions: 1000 }));
    expect(t.changes()).toEqual(['nat44_ed_plugin_enable_disable']);
    expect(t.sim.state.nat44).toMatchObject({ forwarding: false, plugin: { sessions: 1000 } });
  });

  it('delete() removes every NAT44 value first, then disables the plugin', async () => {
    const t = await reconcilerOnSim();
    await t.commit(global(true), addr);
    t.ch.clear();
    await t.commit([vppKeys.natGlobal()]);
    expect(t.changes()).toEqual(['nat44_add_del_address_range', 'nat44_ed_plugin_enable_disable']);
    expect(t.sim.state.nat44.plugin).toBeUndefined();
    expect(t.rec.metadata(addr[0])).toBeUndefined();
  });

  it('a changed session limit re-enables the plugin and re-creates the NAT44 values that depend on it', async () => {
    const t = await reconcilerOnSim();
    await t.commit(global(true), addr);
    t.ch.clear();
    await t.commit(global(true, { sessions: 2000 }));
    expect(t.changes()).toEqual([
      'nat44_add_del_address_range',
      'nat44_ed_plugin_enable_disable',
      'nat44_ed_plugin_enable_disable',
      'nat44_forwarding_enable_disable',
      'nat44_add_del_address_range',
    ]);
    expect(t.sim.state.nat44.plugin?.sessions).toBe(2000);
    expect(t.sim.state.nat44.addresses).toHaveLength(1);
  });

  it('an idle resync treats VPP default sessions as the undefined limit', async () => {
    const t = await reconcilerOnSim();
    await t.commit(global(true, { sessions: 63 * 1024 }));
    t.ch.clear();
    await t.resync([global(true)]);
    expect(t.changes()).toEqual([]);
  });

  it('a resync against a VPP that lost its state (restarted) enables the plugin again before the other NAT44 values', async () => {
    const t = await reconcilerOnSim();
    await t.commit(global(true), addr);
    t.sim.handle(newRequest('nat44_ed_plugin_enable_disable', { enable: false }));
    t.ch.clear();
    await t.resync([global(true), addr]);
    expect(t.changes()).toEqual(['nat44_ed_plugin_enable_disable', 'nat44_forwarding_enable_disable', 'nat44_add_del_address_range']);
  });

  it('dump() reports a plugin enabled by someone else as foreign when we do not claim it', async () => {
    const t = await reconcilerOnSim();
    t.sim.handle(newRequest('nat44_ed_plugin_enable_disable', { enable: true }));
    t.sim.handle(newRequest('nat44_forwarding_enable_disable', { enable: true }));
    const r = await t.resync([]);
    expect(t.changes()).toEqual([]);
    expect(r.dumps?.find((d) => d.descriptor === 'vpp-nat-global')?.foreign).toEqual(['nat44-ed plugin enabled (sessions 64512, forwarding on)']);
  });

  it('validate() refuses a session limit that is not a positive u32', async () => {
    const t = await reconcilerOnSim();
    const r = await t.commit(global(true, { sessions: 0 }));
    expect(r?.invalid[0]?.error).toMatchObject({ field: 'sessions' });
    expect(t.changes()).toEqual([]);
  });
});
