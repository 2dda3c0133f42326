import { describe, expect, it } from 'vitest';
import { vppKeys, type NatIdentityMapping, type VppValue } from '../../../../../../plugins/vpp/model.ts';
import { NAT_ON, natReconcilerOnSim } from '../../../../../fakes/vpp-reconciler-setup.ts';

const id = (m: Omit<NatIdentityMapping, 'vrf' | 'tag'>): [string, VppValue] => [vppKeys.natIdentity(m.protocol, m.ip, m.port), { ...m, vrf: 0, tag: 'vxlan' }];

describe('natIdentityDescriptor', () => {
  it('create() adds port and address-only mappings; an idle resync reads both back', async () => {
    const t = await natReconcilerOnSim();
    const desired = [id({ ip: '192.168.16.1', protocol: 17, port: 4789 }), id({ ip: '192.168.16.2', protocol: 0, port: 0 })];
    await t.commit(...desired);
    expect(t.sim.state.nat44.identityMappings.map((m) => [m.addrOnly, m.port])).toEqual([
      [true, 0],
      [false, 4789],
    ]);
    t.ch.clear();
    await t.resync([NAT_ON, ...desired]);
    expect(t.changes()).toEqual([]);
  });

  it('validate() wants port 0 for an address-only mapping', async () => {
    const t = await natReconcilerOnSim();
    const r = await t.commit(id({ ip: '192.168.16.2', protocol: 0, port: 80 }));
    expect(r?.invalid[0]?.error).toMatchObject({ field: 'port' });
  });
});
