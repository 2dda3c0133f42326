import { describe, expect, it } from 'vitest';
import { newRequest } from '../../../../../../plugins/vpp/messages/new-request.ts';
import { vppKeys, type VppValue } from '../../../../../../plugins/vpp/model.ts';
import { NAT_ON, natReconcilerOnSim } from '../../../../../fakes/vpp-reconciler-setup.ts';

const addr = (ip: string): [string, VppValue] => [vppKeys.natAddress(ip), { address: ip, vrf: 0, twiceNat: false }];

describe('natAddressDescriptor', () => {
  it('dump() counts only claimed pool addresses as ours: an idle resync keeps them, unclaimed ones are foreign', async () => {
    const t = await natReconcilerOnSim();
    await t.commit(addr('192.168.16.1'));
    t.sim.handle(newRequest('nat44_add_del_address_range', { first_ip_address: [1, 2, 3, 4], last_ip_address: [1, 2, 3, 4], is_add: true, vrf_id: 0 }));
    t.ch.clear();
    const r = await t.resync([NAT_ON, addr('192.168.16.1')]);
    expect(t.changes()).toEqual([]);
    expect(r.dumps?.find((d) => d.descriptor === 'vpp-nat-address')?.foreign).toEqual(['nat44 pool address 1.2.3.4']);
    await t.commit([vppKeys.natAddress('192.168.16.1')]);
    expect(t.sim.state.nat44.addresses.map((a) => a.ip)).toEqual([0x01020304]);
  });
});
