import { describe, expect, it } from 'vitest';
import { newRequest } from '../../../../../../plugins/vpp/messages/new-request.ts';
import { SessionRuleScope, TransportProto } from '../../../../../../plugins/vpp/messages/session.ts';
import { ip4Prefix } from '../../../../../../plugins/vpp/messages/vpp-types.ts';
import { vppKeys, type AppNamespace, type SessionRule, type VppInterface, type VppValue } from '../../../../../../plugins/vpp/model.ts';
import { reconcilerOnSim } from '../../../../../fakes/vpp-reconciler-setup.ts';
import { newSim } from '../../../../../fakes/vpp-sim-call.ts';

const layer: [string, VppValue] = [vppKeys.sessionLayer(), { enabled: true }];
const loop: VppInterface = { name: 'loop-a', type: 'loopback', enabled: true, ipAddresses: ['10.1.1.2/32'], vrf: 0 };
const ns: AppNamespace = { namespaceId: 'appns-a', secret: 42, interface: 'loop-a' };
const rule: SessionRule = { proto: 'tcp', scope: 'global', appnsIndex: 0, lclIp: '10.1.1.2/32', lclPort: 80, rmtIp: '0.0.0.0/0', rmtPort: 0, action: 'deny', tag: 'contiv/r1' };
const base: [string, VppValue][] = [layer, [vppKeys.interface('loop-a'), loop], [vppKeys.appNamespace('appns-a'), ns]];
const withRule: [string, VppValue][] = [...base, [vppKeys.sessionRule(rule), rule]];

describe('sessionLayerDescriptor', () => {
  it('dump() of a restarted agent infers the layer from the dumped rules: a resync over the kept state sends nothing and deletes no rule', async () => {
    const first = await reconcilerOnSim();
    await first.commit(...withRule);
    const t = await reconcilerOnSim(first.sim);
    const r = await t.resync(withRule);
    expect(t.changes()).toEqual([]);
    expect(r.planned).toEqual([]);
    expect(t.rec.state().values.map((v) => v.status)).toEqual(['configured', 'configured', 'configured', 'configured']);
  });

  it('dump() counts a foreign rule as proof of the layer too', async () => {
    const first = await reconcilerOnSim();
    await first.commit(...base);
    first.sim.handle(newRequest('session_rule_add_del', {
      transport_proto: TransportProto.TRANSPORT_PROTO_API_UDP, lcl: ip4Prefix('10.9.9.9', 32), rmt: ip4Prefix('0.0.0.0', 0),
      lcl_port: 53, rmt_port: 0, action_index: 1, is_add: true, appns_index: 0, scope: SessionRuleScope.SESSION_RULE_SCOPE_API_GLOBAL, tag: '',
    }));
    const t = await reconcilerOnSim(first.sim);
    await t.resync(base);
    expect(t.changes()).toEqual([]);
  });

  it('dump() of a restarted agent without any rule in VPP re-enables the layer and re-adds the namespace, which VPP takes as no change', async () => {
    const first = await reconcilerOnSim();
    await first.commit(...base);
    const before = structuredClone(first.sim.state.session);
    const t = await reconcilerOnSim(first.sim);
    const r = await t.resync(base);
    expect(t.changes()).toEqual(['session_enable_disable', 'app_namespace_add_del']);
    expect(r.executed.map((o) => `${o.op} ${o.key}`)).toEqual(['create vpp/session/enable', 'create vpp/session/appns/appns-a']);
    expect(first.sim.state.session).toEqual(before);
  });

  it('dump() over an empty (restarted) VPP finds nothing, so everything is created', async () => {
    const t = await reconcilerOnSim(newSim());
    await t.resync(withRule);
    expect(t.changes()).toEqual(expect.arrayContaining(['session_enable_disable', 'create_loopback', 'app_namespace_add_del', 'session_rule_add_del']));
    expect(t.sim.state.session.rules).toHaveLength(1);
    expect(t.sim.state.session.appNamespaces.map((n) => n.id)).toEqual(['default', 'appns-a']);
  });

  it('dump() of the same agent keeps its view while VPP holds our interfaces, and forgets it when VPP lost them (restarted empty)', async () => {
    const t = await reconcilerOnSim();
    await t.commit(...base);
    t.ch.clear();
    await t.resync(base);
    expect(t.changes()).toEqual([]);
    // VPP restarted: our loopback and the session state are gone.
    const swIfIndex = (t.rec.metadata(vppKeys.interface('loop-a')) as { swIfIndex: number }).swIfIndex;
    t.sim.handle(newRequest('delete_loopback', { sw_if_index: swIfIndex }));
    t.sim.state.session = { enabled: false, appNamespaces: [], rules: [] };
    t.ch.clear();
    await t.resync(base);
    expect(t.changes()).toEqual(expect.arrayContaining(['session_enable_disable', 'create_loopback', 'app_namespace_add_del']));
    expect(t.sim.state.session.enabled).toBe(true);
    expect(t.sim.state.session.appNamespaces.map((n) => n.id)).toEqual(['default', 'appns-a']);
  });
});
