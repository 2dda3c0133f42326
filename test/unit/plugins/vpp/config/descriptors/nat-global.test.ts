import { describe, expect, it } from 'vitest';
import { newRequest } from '../../../../../../plugins/vpp/messages/new-request.ts';
import { vppKeys, type VppValue } from '../../../../../../plugins/vpp/model.ts';
import { reconcilerOnSim } from '../../../../../fakes/vpp-reconciler-setup.ts';

const global = (forwarding: boolean): [string, VppValue] => [vppKeys.natGlobal(), { forwarding }];

describe('natGlobalDescriptor', () => {
  it('create() and update() set forwarding; an idle resync reads it back', async () => {
    const t = await reconcilerOnSim();
    await t.commit(global(true));
    expect(t.sim.state.nat44.forwarding).toBe(true);
    t.ch.clear();
    await t.resync([global(true)]);
    expect(t.changes()).toEqual([]);
    await t.commit(global(false));
    expect(t.changes()).toEqual(['nat44_forwarding_enable_disable']);
    expect(t.sim.state.nat44.forwarding).toBe(false);
  });

  it('dump() reports forwarding set by someone else as foreign when we do not claim it', async () => {
    const t = await reconcilerOnSim();
    t.sim.handle(newRequest('nat44_forwarding_enable_disable', { enable: true }));
    const r = await t.resync([]);
    expect(t.changes()).toEqual([]);
    expect(r.dumps?.find((d) => d.descriptor === 'vpp-nat-global')?.foreign).toEqual(['nat44 forwarding enabled']);
  });
});
