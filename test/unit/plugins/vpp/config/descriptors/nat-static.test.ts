import { describe, expect, it } from 'vitest';
import { newRequest } from '../../../../../../plugins/vpp/messages/new-request.ts';
import { vppKeys, type NatStaticMapping, type VppValue } from '../../../../../../plugins/vpp/model.ts';
import { formatIp4 } from '../../../../../../plugins/net/ipv4.ts';
import type { VppOutgoing } from '../../../../../../plugins/vpp/messages/message-map.ts';
import { ip4FromBytes } from '../../../../../../plugins/vpp/messages/vpp-types.ts';
import { NAT_ON, natReconcilerOnSim } from '../../../../../fakes/vpp-reconciler-setup.ts';

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

/** A changing message in short: `local add <ip>:<port> p<probability>`, `lb del`, `static add`. */
function said(m: VppOutgoing): string {
  switch (m._msgname) {
    case 'nat44_lb_static_mapping_add_del_local':
      return `local ${m.is_add ? 'add' : 'del'} ${formatIp4(ip4FromBytes(m.local.addr))}:${m.local.port} p${m.local.probability}`;
    case 'nat44_add_del_lb_static_mapping':
      return `lb ${m.is_add ? 'add' : 'del'}`;
    case 'nat44_add_del_static_mapping':
      return `static ${m.is_add ? 'add' : 'del'}`;
    default:
      return m._msgname;
  }
}

describe('natStaticDescriptor', () => {
  it('create() uses a static mapping for one local and a load-balanced one for several', async () => {
    const t = await natReconcilerOnSim();
    await t.commit(put(mapping(one)), put(mapping(two, { externalPort: 54, affinity: 10800 })));
    expect(t.changes()).toEqual(['nat44_add_del_static_mapping', 'nat44_add_del_lb_static_mapping']);
    expect(t.sim.state.nat44.staticMappings.map((m) => [m.lb, m.selfTwiceNat, m.out2inOnly, m.affinity, m.locals.length])).toEqual([
      [false, true, true, 0, 1],
      [true, true, true, 10800, 2],
    ]);
  });

  it('dump() reads both kinds back as desired (an idle resync changes nothing) and leaves untagged mappings alone', async () => {
    const t = await natReconcilerOnSim();
    const desired = [put(mapping(one)), put(mapping(two, { externalPort: 54, affinity: 10800 }))];
    await t.commit(...desired);
    t.sim.handle(newRequest('nat44_add_del_static_mapping', { is_add: true, local_ip_address: [10, 1, 9, 9], external_ip_address: [10, 96, 0, 99], protocol: 6, local_port: 80, external_port: 80, tag: '' }));
    t.ch.clear();
    const r = await t.resync([NAT_ON, ...desired]);
    expect(t.changes()).toEqual([]);
    expect(r.dumps?.find((d) => d.descriptor === 'vpp-nat-static')?.foreign).toEqual(['nat44 static mapping 6/10.96.0.99:80']);
  });

  it('update() changes the backends of a load-balanced mapping in place: new ones first, a changed probability as delete + add', async () => {
    const t = await natReconcilerOnSim();
    const a = { ip: '10.1.1.5', port: 5353, probability: 1 };
    const b = { ip: '10.1.2.5', port: 5353, probability: 1 };
    const c = { ip: '10.1.3.5', port: 5353, probability: 1 };
    await t.commit(put(mapping([a, b])));
    t.ch.clear();
    await t.commit(put(mapping([a, c])));
    await t.commit(put(mapping([{ ...a, probability: 3 }, b, c])));
    expect(t.ch.changes().map(said)).toEqual([
      'local add 10.1.3.5:5353 p1',
      'local del 10.1.2.5:5353 p1',
      'local add 10.1.2.5:5353 p1',
      'local del 10.1.1.5:5353 p1',
      'local add 10.1.1.5:5353 p3',
    ]);
    expect(t.sim.state.nat44.staticMappings[0]?.locals.map((l) => `${l.port}/${l.probability}`)).toEqual(['5353/1', '5353/1', '5353/3']);
    t.ch.clear();
    await t.resync([NAT_ON, put(mapping([{ ...a, probability: 3 }, b, c]))]);
    expect(t.changes()).toEqual([]);
  });

  it.each<[string, NatStaticMapping['locals'], string[], Partial<NatStaticMapping>]>([
    ['a changed probability with only two backends', [one[0]!, { ...two[1]!, probability: 1 }], ['lb del', 'lb add'], {}],
    ['one backend left (static mapping)', one, ['lb del', 'static add'], {}],
    ['another affinity', two, ['lb del', 'lb add'], { affinity: 60 }],
  ])('update() re-creates the mapping for %s', async (_what, locals, expected, extra) => {
    const t = await natReconcilerOnSim();
    await t.commit(put(mapping(two)));
    t.ch.clear();
    await t.commit(put(mapping([...locals], extra)));
    expect(t.ch.changes().map(said)).toEqual(expected);
  });

  it('update() from one backend to two replaces the static mapping by a load-balanced one', async () => {
    const t = await natReconcilerOnSim();
    await t.commit(put(mapping(one)));
    t.ch.clear();
    await t.commit(put(mapping(two)));
    expect(t.ch.changes().map(said)).toEqual(['static del', 'lb add']);
  });

  it('validate() rejects a mapping without locals', async () => {
    const t = await natReconcilerOnSim();
    const r = await t.commit(put(mapping([])));
    expect(r?.invalid[0]?.error).toMatchObject({ code: 'BAD_INPUT', field: 'locals' });
  });
});
