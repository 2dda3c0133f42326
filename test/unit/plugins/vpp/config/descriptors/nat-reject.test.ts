import { describe, expect, it } from 'vitest';
import { vppKeys, type NatReject, type VppValue } from '../../../../../../plugins/vpp/model.ts';
import { reconcilerOnSim } from '../../../../../fakes/vpp-reconciler-setup.ts';

const reject = (r: Partial<NatReject> = {}): [string, VppValue] => {
  const v: NatReject = { ip: '10.96.0.20', protocol: 6, port: 80, action: 'reject', tag: 'svc:default/web:80', ...r };
  return [vppKeys.natReject(v.protocol, v.ip, v.port), v];
};

describe('natRejectDescriptor', () => {
  it('create(), update() and delete() maintain the simulator\'s reject entries without VPP messages', async () => {
    const t = await reconcilerOnSim();
    await t.commit(reject(), reject({ protocol: 0, port: 0, action: 'drop', tag: 'svc:default/web' }));
    expect(t.sim.state.nat44.rejects?.map((r) => [r.protocol, r.port, r.action])).toEqual([
      [0, 0, 'drop'],
      [6, 80, 'reject'],
    ]);
    await t.commit(reject({ action: 'drop' }));
    expect(t.sim.state.nat44.rejects?.find((r) => r.port === 80)?.action).toBe('drop');
    await t.commit([vppKeys.natReject(6, '10.96.0.20', 80)]);
    expect(t.sim.state.nat44.rejects?.map((r) => r.port)).toEqual([0]);
    expect(t.ch.messages).toEqual([]);
  });

  it('dump() reads tagged entries back (an idle resync changes nothing), removes stale ones, keeps untagged ones', async () => {
    const t = await reconcilerOnSim();
    await t.commit(reject(), reject({ port: 443, tag: 'svc:default/web:443' }));
    t.sim.state.nat44.rejects?.push({ ip: 1, protocol: 0, port: 0, action: 'drop', tag: '' });
    const r = await t.resync([reject()]);
    expect(t.sim.state.nat44.rejects?.map((x) => [x.port, x.tag])).toEqual([
      [80, 'svc:default/web:80'],
      [0, ''],
    ]);
    expect(r.dumps?.find((d) => d.descriptor === 'vpp-nat-reject')?.foreign).toEqual(['nat44 reject 0/0.0.0.1:0']);
    expect(r.executed.map((o) => `${o.op} ${o.key}`)).toEqual(['delete vpp/nat/reject/6/10.96.0.20/443']);
  });
});
