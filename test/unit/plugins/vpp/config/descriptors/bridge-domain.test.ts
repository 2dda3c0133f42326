import { describe, expect, it } from 'vitest';
import { vppKeys, type BridgeDomain, type VppInterface, type VppValue } from '../../../../../../plugins/vpp/model.ts';
import { newRequest } from '../../../../../../plugins/vpp/messages/new-request.ts';
import { reconcilerOnSim } from '../../../../../fakes/vpp-reconciler-setup.ts';

const loop = (name: string): VppInterface => ({ name, type: 'loopback', enabled: true, ipAddresses: [], vrf: 0 });
const bd = (members: BridgeDomain['interfaces'], learn = true): BridgeDomain => ({
  name: 'vxlanBD',
  flood: true,
  unknownUnicastFlood: true,
  forward: true,
  learn,
  arpTermination: false,
  macAge: 0,
  interfaces: members,
});
const put = (v: VppInterface | BridgeDomain): [string, VppValue] => ['type' in v ? vppKeys.interface(v.name) : vppKeys.bd(v.name), v];
const members = [
  { name: 'bvi', bvi: true, splitHorizonGroup: 0 },
  { name: 'vx1', bvi: false, splitHorizonGroup: 1 },
];

describe('bridgeDomainDescriptor', () => {
  it('create() takes the lowest free bd_id and its members join once their interfaces exist', async () => {
    const t = await reconcilerOnSim();
    t.sim.handle(newRequest('bridge_domain_add_del', { bd_id: 1, is_add: true, bd_tag: '' }));
    await t.commit(put(bd(members)), put(loop('bvi')), put(loop('vx1')));
    expect(t.rec.metadata(vppKeys.bd('vxlanBD'))).toEqual({ bdId: 2 });
    expect(t.ch.names().filter((n) => n.startsWith('bridge') || n.includes('l2'))).toEqual([
      'bridge_domain_dump',
      'bridge_domain_add_del',
      'sw_interface_set_l2_bridge',
      'sw_interface_set_l2_bridge',
    ]);
    expect(t.sim.state.bridgeDomains.get(2)?.members.map((m) => [m.bvi, m.shg])).toEqual([
      [true, 0],
      [false, 1],
    ]);
  });

  it('delete() removes the members first; an idle resync changes nothing and the foreign BD stays', async () => {
    const t = await reconcilerOnSim();
    t.sim.handle(newRequest('bridge_domain_add_del', { bd_id: 7, is_add: true, bd_tag: '' }));
    const desired = [put(bd(members)), put(loop('bvi')), put(loop('vx1'))];
    await t.commit(...desired);
    t.ch.clear();
    const r = await t.resync(desired);
    expect(t.changes()).toEqual([]);
    expect(r.dumps?.find((d) => d.descriptor === 'vpp-bd')?.foreign).toEqual(['bridge domain 7']);
    t.ch.clear();
    await t.commit([vppKeys.bd('vxlanBD')]);
    expect(t.changes()).toEqual(['sw_interface_set_l2_bridge', 'sw_interface_set_l2_bridge', 'bridge_domain_add_del']);
    expect([...t.sim.state.bridgeDomains.keys()]).toEqual([7]);
  });

  it('a changed flag re-creates the bridge domain with its members', async () => {
    const t = await reconcilerOnSim();
    await t.commit(put(bd(members)), put(loop('bvi')), put(loop('vx1')));
    t.ch.clear();
    await t.commit(put(bd(members, false)));
    expect(t.changes()).toEqual([
      'sw_interface_set_l2_bridge',
      'sw_interface_set_l2_bridge',
      'bridge_domain_add_del',
      'bridge_domain_add_del',
      'sw_interface_set_l2_bridge',
      'sw_interface_set_l2_bridge',
    ]);
    expect(t.sim.state.bridgeDomains.get(1)?.learn).toBe(false);
  });
});
