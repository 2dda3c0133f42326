import { describe, expect, it } from 'vitest';
import { aclList } from '../../../../../../plugins/vpp/config/descriptors/acl-interface.ts';
import { newRequest } from '../../../../../../plugins/vpp/messages/new-request.ts';
import { vppKeys, type Acl, type VppInterface, type VppValue } from '../../../../../../plugins/vpp/model.ts';
import { reconcilerOnSim } from '../../../../../fakes/vpp-reconciler-setup.ts';

const loop = (name: string): VppInterface => ({ name, type: 'loopback', enabled: true, ipAddresses: [], vrf: 0 });
const acl = (name: string, ingress: string[], egress: string[]): Acl => ({ name, rules: [], ingress, egress });
const put = (v: Acl | VppInterface): [string, VppValue] => ['type' in v ? vppKeys.interface(v.name) : vppKeys.acl(v.name), v];

describe('aclList', () => {
  it('aclList() puts input ACLs first, each direction ordered by ACL name', () => {
    const idx: Record<string, number> = { a: 7, b: 3, c: 5 };
    const list = aclList(
      [
        { acl: 'c', interface: 'i', direction: 'egress' },
        { acl: 'b', interface: 'i', direction: 'ingress' },
        { acl: 'a', interface: 'i', direction: 'egress' },
        { acl: 'a', interface: 'i', direction: 'ingress' },
      ],
      (n) => idx[n] ?? -1,
    );
    expect(list).toEqual({ acls: [7, 3, 7, 5], nInput: 2 });
  });
});

describe('aclInterfaceDescriptor', () => {
  it('create() and delete() re-set the whole list of the interface from all its bindings', async () => {
    const t = await reconcilerOnSim();
    await t.commit(put(loop('if1')), put(acl('b', [], ['if1'])), put(acl('a', ['if1'], ['if1'])));
    const sw = t.rec.metadata(vppKeys.interface('if1')) as { swIfIndex: number };
    const idx = (n: string): number => (t.rec.metadata(vppKeys.acl(n)) as { aclIndex: number }).aclIndex;
    const sets = t.ch.messages.filter((m) => m._msgname === 'acl_interface_set_acl_list');
    expect(sets.map((m) => ('acls' in m ? [m.n_input, ...m.acls] : []))).toEqual([
      [0, idx('a')],
      [0, idx('a'), idx('b')],
      [1, idx('a'), idx('a'), idx('b')],
    ]);
    expect(t.sim.state.interfaceAcls.get(sw.swIfIndex)).toEqual({ input: [idx('a')], output: [idx('a'), idx('b')] });

    t.ch.clear();
    await t.commit([vppKeys.acl('a')]);
    expect(t.changes()).toEqual(['acl_interface_set_acl_list', 'acl_interface_set_acl_list', 'acl_del']);
    expect(t.sim.state.interfaceAcls.get(sw.swIfIndex)).toEqual({ input: [], output: [idx('b')] });
  });

  it('dump() marks an interface whose ACLs VPP holds in another order, and resync re-sets only that list', async () => {
    const t = await reconcilerOnSim();
    const desired = [put(loop('if1')), put(acl('a', [], ['if1'])), put(acl('b', [], ['if1']))];
    await t.commit(...desired);
    const sw = (t.rec.metadata(vppKeys.interface('if1')) as { swIfIndex: number }).swIfIndex;
    const list = t.sim.state.interfaceAcls.get(sw)?.output ?? [];
    t.sim.handle(newRequest('acl_interface_set_acl_list', { sw_if_index: sw, count: 2, n_input: 0, acls: [...list].reverse() }));
    t.ch.clear();
    await t.resync(desired);
    expect(t.changes()).toEqual(['acl_interface_set_acl_list']);
    expect(t.sim.state.interfaceAcls.get(sw)?.output).toEqual(list);
    t.ch.clear();
    await t.resync(desired);
    expect(t.changes()).toEqual([]);
  });

  it('dump() reports a foreign ACL on our interface without re-setting the list on an idle resync', async () => {
    const t = await reconcilerOnSim();
    const desired = [put(loop('if1')), put(acl('a', ['if1'], []))];
    await t.commit(...desired);
    const sw = (t.rec.metadata(vppKeys.interface('if1')) as { swIfIndex: number }).swIfIndex;
    const foreign = t.sim.handle(newRequest('acl_add_replace', { tag: '', r: [] }))[0] as { acl_index: number };
    const ours = t.sim.state.interfaceAcls.get(sw)?.input ?? [];
    t.sim.handle(newRequest('acl_interface_set_acl_list', { sw_if_index: sw, count: 2, n_input: 2, acls: [...ours, foreign.acl_index] }));
    t.ch.clear();
    const r = await t.resync(desired);
    expect(t.changes()).toEqual([]);
    expect(r.dumps?.find((d) => d.descriptor === 'vpp-acl-interface')?.foreign).toEqual([`acl ${foreign.acl_index} on interface if1`]);
  });

  it('create() waits for the interface while the ACL itself is created at once', async () => {
    const t = await reconcilerOnSim();
    const r = await t.commit(put(acl('a', ['later'], [])));
    expect(t.changes()).toEqual(['acl_add_replace']);
    expect(r?.pending).toEqual([{ key: 'vpp/acl-interface/later/ingress/a', missing: [{ label: 'interface-exists', key: 'vpp/interface/later' }] }]);
  });
});
