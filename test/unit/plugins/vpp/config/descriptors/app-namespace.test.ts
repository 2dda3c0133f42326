import { describe, expect, it } from 'vitest';
import { vppKeys, type AppNamespace, type SessionRule, type VppInterface, type VppValue } from '../../../../../../plugins/vpp/model.ts';
import { reconcilerOnSim } from '../../../../../fakes/vpp-reconciler-setup.ts';

const loop = (name: string, ip: string): [string, VppValue] => [vppKeys.interface(name), { name, type: 'loopback', enabled: true, ipAddresses: [`${ip}/32`], vrf: 0 } satisfies VppInterface];
const appns = (id: string, iface: string): [string, VppValue] => [vppKeys.appNamespace(id), { namespaceId: id, secret: 42, interface: iface } satisfies AppNamespace];
const rule: SessionRule = { proto: 'tcp', scope: 'local', appnsIndex: 1, lclIp: '0.0.0.0/0', lclPort: 0, rmtIp: '10.1.1.9/32', rmtPort: 80, action: 'allow', tag: 'contiv/r1' };
const podA: [string, VppValue][] = [[vppKeys.sessionLayer(), { enabled: true }], loop('loop-a', '10.1.1.2'), appns('appns-a', 'loop-a'), [vppKeys.sessionRule(rule), rule]];

describe('appNamespaceDescriptor', () => {
  it('dump() of a restarted agent infers a wanted namespace whose interface VPP holds, and creates the one of a pod added meanwhile', async () => {
    const first = await reconcilerOnSim();
    await first.commit(...podA);
    const indexA = first.sim.state.session.appNamespaces.find((n) => n.id === 'appns-a')?.index;
    const t = await reconcilerOnSim(first.sim);
    const r = await t.resync([...podA, loop('loop-b', '10.1.1.3'), appns('appns-b', 'loop-b')]);
    expect(r.executed.filter((o) => o.key.startsWith('vpp/session/')).map((o) => `${o.op} ${o.key}`)).toEqual(['create vpp/session/appns/appns-b']);
    expect(t.changes().filter((m) => m.startsWith('app_namespace') || m.startsWith('session_'))).toEqual(['app_namespace_add_del']);
    // VPP's index of an inferred namespace is unknown to the new agent; VPP still has it.
    expect(t.rec.metadata(vppKeys.appNamespace('appns-a'))).toEqual({});
    expect(t.sim.state.session.appNamespaces.find((n) => n.id === 'appns-a')?.index).toBe(indexA);
    expect(t.rec.metadata(vppKeys.appNamespace('appns-b'))).toEqual({ appnsIndex: t.sim.state.session.appNamespaces.find((n) => n.id === 'appns-b')?.index });
  });

  it('dump() of the same agent keeps the namespace as it applied it (index included) and updates a changed one', async () => {
    const t = await reconcilerOnSim();
    await t.commit(...podA, loop('loop-b', '10.1.1.3'));
    const meta = t.rec.metadata(vppKeys.appNamespace('appns-a'));
    t.ch.clear();
    await t.resync([...podA, loop('loop-b', '10.1.1.3')]);
    expect(t.changes()).toEqual([]);
    expect(t.rec.metadata(vppKeys.appNamespace('appns-a'))).toEqual(meta);
    const r = await t.resync([...podA.filter(([k]) => k !== vppKeys.appNamespace('appns-a')), loop('loop-b', '10.1.1.3'), appns('appns-a', 'loop-b')]);
    expect(r.executed.map((o) => `${o.op} ${o.key}`)).toEqual(['update vpp/session/appns/appns-a']);
  });
});
