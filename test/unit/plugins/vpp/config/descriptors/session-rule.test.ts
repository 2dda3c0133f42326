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

/** A pod's loopback, its app namespace and a local rule naming the namespace by id. */
function podValues(pod: string, ip: string, rmtIp = '10.1.9.9/32'): [string, VppValue][] {
  const loop: VppInterface = { name: `loop-${pod}`, type: 'loopback', enabled: true, ipAddresses: [`${ip}/32`], vrf: 0 };
  const ns: AppNamespace = { namespaceId: `appns-${pod}`, secret: 42, interface: loop.name };
  const r: SessionRule = { proto: 'tcp', scope: 'local', appnsIndex: 0, appNamespace: ns.namespaceId, lclIp: '0.0.0.0/0', lclPort: 0, rmtIp, rmtPort: 80, action: 'deny', tag: `contiv/${pod}-${rmtIp}` };
  return [[vppKeys.interface(loop.name), loop], [vppKeys.appNamespace(ns.namespaceId), ns], put(r)];
}

/** VPP's index of namespace `id` in `t`'s simulator. */
const vppIndex = (t: { sim: { state: { session: { appNamespaces: readonly { id: string; index: number }[] } } } }, id: string) =>
  t.sim.state.session.appNamespaces.find((n) => n.id === id)?.index;

/** `appns index -> namespace id` of every local rule in VPP. */
const localRules = (t: Awaited<ReturnType<typeof reconcilerOnSim>>) =>
  t.sim.state.session.rules.filter((r) => r.scope & 2).map((r) => `${r.appnsIndex} ${r.tag}`).sort();

describe('sessionRuleDescriptor with namespaces by id', () => {
  it('create() puts a local rule under the index VPP gave its namespace, not a reused lower one', async () => {
    const t = await reconcilerOnSim();
    await t.commit(layer, ...podValues('a', '10.1.1.2'), ...podValues('b', '10.1.1.3'));
    // a goes, c comes: VPP never frees a's index, c's namespace gets a new one.
    await t.commit(...podValues('a', '10.1.1.2').map(([k]): [string] => [k]), ...podValues('c', '10.1.1.4'));
    expect(vppIndex(t, 'appns-c')).toBe(3);
    expect(localRules(t)).toEqual([`${vppIndex(t, 'appns-b')} contiv/b-10.1.9.9/32`, '3 contiv/c-10.1.9.9/32']);
    expect(t.rec.metadata(vppKeys.sessionRule({ ...podValues('c', '10.1.1.4')[2]![1] as SessionRule }))).toEqual({ appnsIndex: 3 });
    // a's namespace stays in VPP (22.10 cannot remove one), detached from the interface VPP may reuse.
    expect(t.sim.state.session.appNamespaces.find((n) => n.id === 'appns-a')?.swIfIndex).toBe(0xffffffff);
  });

  it('dump() of a restarted agent maps rules to namespace ids by tag: an idle resync changes nothing', async () => {
    const first = await reconcilerOnSim();
    const values = [layer, ...podValues('b', '10.1.1.3'), ...podValues('a', '10.1.1.2')];
    await first.commit(layer, ...podValues('b', '10.1.1.3'));
    await first.commit(...podValues('a', '10.1.1.2'));
    const t = await reconcilerOnSim(first.sim);
    const r = await t.resync(values);
    expect(r.executed).toEqual([]);
    expect(t.changes()).toEqual([]);
    // The namespaces' indexes were learnt from the rules found in them.
    expect(t.rec.metadata(vppKeys.appNamespace('appns-a'))).toEqual({ appnsIndex: vppIndex(t, 'appns-a') });
    expect(t.rec.metadata(vppKeys.appNamespace('appns-b'))).toEqual({ appnsIndex: vppIndex(t, 'appns-b') });
  });

  it('create() of a restarted agent reads an unknown namespace index by re-adding the namespace, once', async () => {
    const first = await reconcilerOnSim();
    const [loopB, nsB] = podValues('b', '10.1.1.3');
    await first.commit(layer, ...podValues('a', '10.1.1.2'), loopB!, nsB!);
    const t = await reconcilerOnSim(first.sim);
    await t.resync([layer, ...podValues('a', '10.1.1.2'), loopB!, nsB!]);
    expect(t.changes()).toEqual([]);
    expect(t.rec.metadata(vppKeys.appNamespace('appns-b'))).toEqual({});
    await t.commit(podValues('b', '10.1.1.3', '10.1.9.1/32')[2]!, podValues('b', '10.1.1.3', '10.1.9.2/32')[2]!);
    expect(t.changes()).toEqual(['app_namespace_add_del', 'session_rule_add_del', 'session_rule_add_del']);
    expect(localRules(t)).toEqual([`${vppIndex(t, 'appns-a')} contiv/a-10.1.9.9/32`, `${vppIndex(t, 'appns-b')} contiv/b-10.1.9.1/32`, `${vppIndex(t, 'appns-b')} contiv/b-10.1.9.2/32`]);
  });

  it('resync() over a restarted (empty) VPP creates namespaces first and rules under their new indexes', async () => {
    const first = await reconcilerOnSim();
    await first.commit(layer, ...podValues('b', '10.1.1.3'));
    await first.commit(...podValues('a', '10.1.1.2'));
    expect(vppIndex(first, 'appns-b')).toBe(1);
    // The same agent over a new VPP: namespaces are re-created in key order (a before b).
    const fresh = await reconcilerOnSim();
    const t = await reconcilerOnSim(fresh.sim);
    await t.resync([layer, ...podValues('b', '10.1.1.3'), ...podValues('a', '10.1.1.2')]);
    expect(vppIndex(t, 'appns-a')).toBe(1);
    expect(localRules(t)).toEqual(['1 contiv/a-10.1.9.9/32', '2 contiv/b-10.1.9.9/32']);
  });

  it('validate() refuses a namespace id on a global rule and an id that reads as an index', async () => {
    const t = await reconcilerOnSim();
    const g = { ...rule('10.1.1.2', 'deny'), appNamespace: 'appns-a' };
    const r1 = await t.commit([vppKeys.sessionRule(g), g]);
    const l = { ...(podValues('a', '10.1.1.2')[2]![1] as SessionRule), appNamespace: '7' };
    const r2 = await t.commit([vppKeys.sessionRule(l), l]);
    expect([...(r1?.invalid ?? []), ...(r2?.invalid ?? [])].map((f) => f.error)).toEqual([
      expect.objectContaining({ field: 'appNamespace' }), expect.objectContaining({ field: 'appNamespace' }),
    ]);
  });
});
