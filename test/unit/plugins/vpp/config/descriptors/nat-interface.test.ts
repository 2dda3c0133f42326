import { describe, expect, it } from 'vitest';
import { vppKeys, type NatInterface, type VppInterface, type VppValue } from '../../../../../../plugins/vpp/model.ts';
import { reconcilerOnSim } from '../../../../../fakes/vpp-reconciler-setup.ts';

const loop = (name: string): [string, VppValue] => [vppKeys.interface(name), { name, type: 'loopback', enabled: true, ipAddresses: [], vrf: 0 } satisfies VppInterface];
const nat = (name: string, f: Partial<NatInterface>): [string, VppValue] => [vppKeys.natInterface(name), { name, inside: false, outside: false, output: false, ...f }];

describe('natInterfaceDescriptor', () => {
  it('update() removes the features that go before adding new ones', async () => {
    const t = await reconcilerOnSim();
    await t.commit(loop('a'), nat('a', { output: true }));
    expect(t.changes()).toEqual(['create_loopback', 'sw_interface_tag_add_del', 'sw_interface_set_flags', 'nat44_interface_add_del_output_feature']);
    t.ch.clear();
    await t.commit(nat('a', { inside: true, outside: true }));
    expect(t.changes()).toEqual(['nat44_interface_add_del_output_feature', 'nat44_interface_add_del_feature', 'nat44_interface_add_del_feature']);
    const sw = (t.rec.metadata(vppKeys.interface('a')) as { swIfIndex: number }).swIfIndex;
    expect(t.sim.state.nat44.interfaces.get(sw)).toEqual({ inside: true, outside: true });
    expect(t.sim.state.nat44.outputInterfaces.has(sw)).toBe(false);
  });

  it('dump() reads the features back (idle resync changes nothing) and removes stale features on our interfaces', async () => {
    const t = await reconcilerOnSim();
    await t.commit(loop('a'), loop('b'), nat('a', { inside: true }), nat('b', { output: true }));
    t.ch.clear();
    await t.resync([loop('a'), loop('b'), nat('a', { inside: true }), nat('b', { output: true })]);
    expect(t.changes()).toEqual([]);
    await t.resync([loop('a'), loop('b'), nat('a', { inside: true })]);
    expect(t.changes()).toEqual(['nat44_interface_add_del_output_feature']);
  });
});
