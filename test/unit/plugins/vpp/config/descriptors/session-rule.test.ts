import { describe, expect, it } from 'vitest';
import { vppKeys, type AppNamespace, type SessionRule, type VppInterface, type VppValue } from '../../../../../../plugins/vpp/model.ts';
import { reconcilerOnSim } from '../../../../../fakes/vpp-reconciler-setup.ts';

const rule = (lclIp: string, action: SessionRule['action']): SessionRule => ({
  proto: 'tcp',
  scope: 'global',
  appnsIndex: 0,
  lclIp,
  lclPort: 80,
  rmtIp: '0.0.0.0/0',
  rmtPort: 0,
  action,
  tag: 'contiv/rule-1',
});
const put = (r: SessionRule): [string, VppValue] => [vppKeys.sessionRule(r), r];
const layer: [string, VppValue] = [vppKeys.sessionLayer(), { enabled: true }];

describe('sessionRuleDescriptor', () => {
  it('create() waits for the session layer, then adds the rule', async () => {
    const t = await reconcilerOnSim();
    const r1 = await t.commit(put(rule('10.1.1.2', 'deny')));
    expect(r1?.pending.map((p) => p.missing.map((m) => m.key))).toEqual([['vpp/session/enable']]);
    await t.commit(layer);
    expect(t.changes()).toEqual(['session_enable_disable', 'session_rule_add_del']);
    expect(t.sim.state.session.rules).toHaveLength(1);
  });

  it('dump() writes a /32 the way the desired key does, so an idle resync changes nothing either way', async () => {
    for (const lcl of ['10.1.1.2', '10.1.1.2/32']) {
      const t = await reconcilerOnSim();
      const desired = [layer, put(rule(lcl, 'deny'))];
      await t.commit(...desired);
      t.ch.clear();
      await t.resync(desired);
      expect(t.changes()).toEqual([]);
    }
  });

  it('a changed action re-creates the rule', async () => {
    const t = await reconcilerOnSim();
    await t.commit(layer, put(rule('10.1.1.0/24', 'deny')));
    t.ch.clear();
    await t.commit(put(rule('10.1.1.0/24', 'allow')));
    expect(t.ch.changes().map((m) => ('is_add' in m ? m.is_add : undefined))).toEqual([false, true]);
  });
});

describe('appNamespaceDescriptor', () => {
  it('create() binds the namespace to its interface and keeps VPP\'s index as metadata', async () => {
    const t = await reconcilerOnSim();
    const loop: VppInterface = { name: 'l', type: 'loopback', enabled: true, ipAddresses: ['10.1.1.2/32'], vrf: 0 };
    const ns: AppNamespace = { namespaceId: 'pod1', secret: 42, interface: 'l' };
    await t.commit(layer, [vppKeys.interface('l'), loop], [vppKeys.appNamespace('pod1'), ns]);
    expect(t.rec.metadata(vppKeys.appNamespace('pod1'))).toEqual({ appnsIndex: t.sim.state.session.appNamespaces.find((n) => n.id === 'pod1')?.index });
  });
});
