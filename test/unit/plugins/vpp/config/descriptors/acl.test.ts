import { describe, expect, it } from 'vitest';
import { vppKeys, type Acl, type VppInterface, type VppValue } from '../../../../../../plugins/vpp/model.ts';
import { reconcilerOnSim } from '../../../../../fakes/vpp-reconciler-setup.ts';

const loop: [string, VppValue] = [vppKeys.interface('l'), { name: 'l', type: 'loopback', enabled: true, ipAddresses: [], vrf: 0 } satisfies VppInterface];
const acl = (dstPort: number, egress: string[] = ['l']): [string, VppValue] => [
  vppKeys.acl('contiv/vpp-policy-1'),
  { name: 'contiv/vpp-policy-1', rules: [{ action: 'permit', src: '', dst: '10.1.1.0/24', proto: 6, srcPortFirst: 0, srcPortLast: 65535, dstPortFirst: dstPort, dstPortLast: dstPort }], ingress: [], egress } satisfies Acl,
];

describe('aclDescriptor', () => {
  it('update() replaces the rules under the same index, leaving the interface list alone', async () => {
    const t = await reconcilerOnSim();
    await t.commit(loop, acl(80));
    const before = t.rec.metadata(vppKeys.acl('contiv/vpp-policy-1'));
    t.ch.clear();
    await t.commit(acl(443));
    expect(t.changes()).toEqual(['acl_add_replace']);
    expect(t.rec.metadata(vppKeys.acl('contiv/vpp-policy-1'))).toEqual(before);
    expect([...t.sim.state.acls.values()].map((a) => a.rules[0]?.dstPortFirst)).toEqual([443]);
  });

  it('an interface removed from the ACL only changes that interface\'s list', async () => {
    const t = await reconcilerOnSim();
    await t.commit(loop, acl(80));
    t.ch.clear();
    await t.commit(acl(80, []));
    expect(t.changes()).toEqual(['acl_interface_set_acl_list']);
  });

  it('dump() reads the rules back as desired (an empty network is 0.0.0.0/0), so an idle resync changes nothing', async () => {
    const t = await reconcilerOnSim();
    await t.commit(loop, acl(80));
    t.ch.clear();
    await t.resync([loop, acl(80)]);
    expect(t.changes()).toEqual([]);
  });

  it('validate() names the rule and field of a bad prefix', async () => {
    const t = await reconcilerOnSim();
    const [key, v] = acl(80);
    const bad = { ...(v as Acl), rules: [{ ...(v as Acl).rules[0]!, dst: '10.1.1.0/33' }] };
    const r = await t.commit([key, bad]);
    expect(r?.invalid[0]?.error).toMatchObject({ code: 'BAD_INPUT', field: 'rules[0].dst' });
  });
});
