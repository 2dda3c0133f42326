import { describe, expect, it } from 'vitest';
import { newRequest } from '../../../../../../plugins/vpp/messages/new-request.ts';
import { vppKeys, type NatStaticMapping, type VppValue } from '../../../../../../plugins/vpp/model.ts';
import { reconcilerOnSim } from '../../../../../fakes/vpp-reconciler-setup.ts';

const mapping = (locals: NatStaticMapping['locals'], extra: Partial<NatStaticMapping> = {}): NatStaticMapping => ({
  externalIp: '10.96.0.10',
  externalPort: 53,
  protocol: 17,
  locals,
  out2inOnly: true,
  twiceNat: 'self',
  affinity: 0,
  vrf: 0,
  tag: 'svc:kube-system/dns:53',
  ...extra,
});
const put = (m: NatStaticMapping): [string, VppValue] => [vppKeys.natStatic(m.protocol, m.externalIp, m.externalPort), m];
const one = [{ ip: '10.1.1.5', port: 5353, probability: 1 }];
const two = [...one, { ip: '10.1.2.5', port: 5353, probability: 3 }];

describe('natStaticDescriptor', () => {
  it('create() uses a static mapping for one local and a load-balanced one for several', async () => {
    const t = await reconcilerOnSim();
    await t.commit(put(mapping(one)), put(mapping(two, { externalPort: 54, affinity: 10800 })));
    expect(t.changes()).toEqual(['nat44_add_del_static_mapping', 'nat44_add_del_lb_static_mapping']);
    expect(t.sim.state.nat44.staticMappings.map((m) => [m.lb, m.selfTwiceNat, m.out2inOnly, m.affinity, m.locals.length])).toEqual([
      [false, true, true, 0, 1],
      [true, true, true, 10800, 2],
    ]);
  });

  it('dump() reads both kinds back as desired (an idle resync changes nothing) and leaves untagged mappings alone', async () => {
    const t = await reconcilerOnSim();
    const desired = [put(mapping(one)), put(mapping(two, { externalPort: 54, affinity: 10800 }))];
    await t.commit(...desired);
    t.sim.handle(newRequest('nat44_add_del_static_mapping', { is_add: true, local_ip_address: [10, 1, 9, 9], external_ip_address: [10, 96, 0, 99], protocol: 6, local_port: 80, external_port: 80, tag: '' }));
    t.ch.clear();
    const r = await t.resync(desired);
    expect(t.changes()).toEqual([]);
    expect(r.dumps?.find((d) => d.descriptor === 'vpp-nat-static')?.foreign).toEqual(['nat44 static mapping 6/10.96.0.99:80']);
  });

  it('a changed backend list re-creates the mapping (delete, then add)', async () => {
    const t = await reconcilerOnSim();
    await t.commit(put(mapping(two)));
    t.ch.clear();
    await t.commit(put(mapping([...two, { ip: '10.1.3.5', port: 5353, probability: 1 }])));
    expect(t.ch.changes().map((m) => `${m._msgname} ${'is_add' in m ? m.is_add : ''}`)).toEqual([
      'nat44_add_del_lb_static_mapping false',
      'nat44_add_del_lb_static_mapping true',
    ]);
  });

  it('validate() rejects a mapping without locals', async () => {
    const t = await reconcilerOnSim();
    const r = await t.commit(put(mapping([])));
    expect(r?.invalid[0]?.error).toMatchObject({ code: 'BAD_INPUT', field: 'locals' });
  });
});
