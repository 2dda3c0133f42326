import { describe, expect, it } from 'vitest';
import { vppKeys, type Neighbour, type VppInterface, type VppValue } from '../../../../../../plugins/vpp/model.ts';
import { reconcilerOnSim } from '../../../../../fakes/vpp-reconciler-setup.ts';

const loop: [string, VppValue] = [vppKeys.interface('l'), { name: 'l', type: 'loopback', enabled: true, ipAddresses: ['10.0.0.1/24'], vrf: 0 } satisfies VppInterface];
const arp = (mac: string): [string, VppValue] => [vppKeys.arp('l', '10.0.0.2'), { interface: 'l', ip: '10.0.0.2', mac } satisfies Neighbour];

describe('arpDescriptor', () => {
  it('update() replaces the MAC in place; a MAC differing only in case is the same', async () => {
    const t = await reconcilerOnSim();
    await t.commit(loop, arp('02:00:00:00:00:0a'));
    t.ch.clear();
    await t.commit(arp('02:00:00:00:00:0B'));
    expect(t.changes()).toEqual(['ip_neighbor_add_del']);
    t.ch.clear();
    await t.resync([loop, arp('02:00:00:00:00:0b')]);
    expect(t.changes()).toEqual([]);
    expect(t.sim.state.neighbours.map((n) => n.mac[5])).toEqual([0x0b]);
  });
});
