import { describe, expect, it } from 'vitest';
import { vppKeys, type NatInterface, type VppInterface, type VppValue } from '../../../../../../plugins/vpp/model.ts';
import { NAT_ON, natReconcilerOnSim, reconcilerOnSim } from '../../../../../fakes/vpp-reconciler-setup.ts';
import { RecordingSimulator } from '../../../../../fakes/vpp-recording-simulator.ts';

const loop = (name: string): [string, VppValue] => [vppKeys.interface(name), { name, type: 'loopback', enabled: true, ipAddresses: [], vrf: 0 } satisfies VppInterface];
const nat = (name: string, f: Partial<NatInterface>): [string, VppValue] => [vppKeys.natInterface(name), { name, inside: false, outside: false, output: false, ...f }];

describe('natInterfaceDescriptor', () => {
  it('update() removes the features that go before adding new ones', async () => {
    const t = await natReconcilerOnSim();
    await t.commit(loop('a'), nat('a', { output: true }));
    expect(t.changes()).toEqual(['create_loopback', 'sw_interface_tag_add_del', 'sw_interface_set_flags', 'nat44_ed_add_del_output_interface']);
    t.ch.clear();
    await t.commit(nat('a', { inside: true, outside: true }));
    expect(t.changes()).toEqual(['nat44_ed_add_del_output_interface', 'nat44_interface_add_del_feature', 'nat44_interface_add_del_feature']);
    const sw = (t.rec.metadata(vppKeys.interface('a')) as { swIfIndex: number }).swIfIndex;
    expect(t.sim.state.nat44.interfaces.get(sw)).toEqual({ inside: true, outside: true });
    expect(t.sim.state.nat44.outputInterfaces.has(sw)).toBe(false);
  });

  it('dump() reads the features back (idle resync changes nothing) and removes stale features on our interfaces', async () => {
    const t = await natReconcilerOnSim();
    await t.commit(loop('a'), loop('b'), nat('a', { inside: true }), nat('b', { output: true }));
    t.ch.clear();
    await t.resync([NAT_ON, loop('a'), loop('b'), nat('a', { inside: true }), nat('b', { output: true })]);
    expect(t.changes()).toEqual([]);
    await t.resync([NAT_ON, loop('a'), loop('b'), nat('a', { inside: true })]);
    expect(t.changes()).toEqual(['nat44_ed_add_del_output_interface']);
  });

  it('dump() follows nat44_ed_output_interface_get through EAGAIN from the cursor VPP returns', async () => {
    const sim = new RecordingSimulator({ cursorBatch: 2 });
    const t = await natReconcilerOnSim(sim);
    const desired = [NAT_ON, ...['a', 'b', 'c'].map(loop), ...['a', 'b', 'c'].map((n) => nat(n, { output: true }))];
    await t.commit(...desired.slice(1));
    sim.clear();
    t.ch.clear();
    await t.resync(desired);
    expect(t.changes()).toEqual([]);
    const gets = sim.messages.filter((m) => m._msgname === 'nat44_ed_output_interface_get');
    expect(gets.map((m) => ('cursor' in m ? m.cursor : undefined))).toEqual([0, 2]);
  });

  it('create() waits for vpp/nat/global: the NAT44-ED plugin must be enabled first', async () => {
    const t = await reconcilerOnSim();
    const r = await t.commit(loop('a'), nat('a', { inside: true }));
    expect(r?.pending).toEqual([{ key: vppKeys.natInterface('a'), missing: [{ label: 'nat44-enabled', key: vppKeys.natGlobal() }] }]);
    t.ch.clear();
    await t.commit(NAT_ON);
    expect(t.changes()).toEqual(['nat44_ed_plugin_enable_disable', 'nat44_interface_add_del_feature']);
  });
});
