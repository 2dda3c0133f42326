import { inject } from 'tsyringe';
import { afterEach, describe, expect, it } from 'vitest';
import { DatasyncPlugin } from '../../core/datasync/datasync-plugin.ts';
import { KvstorePlugin } from '../../core/kv/kvstore-plugin.ts';
import { plugin, type Plugin } from '../../core/plugin.ts';
import { TestAgent, type StartedTestAgent } from '../../core/testing/test-agent.ts';
import { DATASYNC } from '../../core/tokens.ts';
import { VPP_API, type VppApi } from '../../plugins/vpp/api.ts';
import { vppKeys } from '../../plugins/vpp/model.ts';
import { VPP_SIMULATOR } from '../../plugins/vpp/tokens.ts';
import { VppPlugin } from '../../plugins/vpp/vpp-plugin.ts';
import { RecordingSimulator } from '../fakes/vpp-recording-simulator.ts';

let failNextResync = false;

/** Owns one loopback; its resync hook can be made to fail before re-stating it. */
@plugin({ name: 'owner' })
class OwnerPlugin implements Plugin {
  readonly name = 'owner';
  constructor(@inject(VPP_API) private readonly vpp: VppApi) {}
  resync(): void {
    if (failNextResync) throw new Error('store unreadable for owner');
    this.vpp.txn().put(vppKeys.interface('gw'), { name: 'gw', type: 'loopback', enabled: true, ipAddresses: ['10.1.1.1/32'], vrf: 0 });
  }
}

let agent: StartedTestAgent | undefined;
afterEach(async () => {
  await agent?.close();
  agent = undefined;
  failNextResync = false;
});

describe('VppPlugin resync after a failed resync hook', () => {
  it('resync() keeps the VPP objects a failing plugin did not re-state', async () => {
    const sim = new RecordingSimulator();
    agent = await TestAgent.for(KvstorePlugin, DatasyncPlugin, VppPlugin, OwnerPlugin).override(VPP_SIMULATOR).useValue(sim).start();
    const tagged = () => [...sim.state.interfaces.values()].filter((i) => i.tag === 'gw').length;
    expect(tagged()).toBe(1);
    sim.clear();
    failNextResync = true;
    await expect(agent.get(DATASYNC).resync('request')).rejects.toThrow(/owner/);
    expect(sim.changes()).toEqual([]);
    expect(tagged()).toBe(1);
    // Once the plugin re-states its state again, a resync converges as usual.
    failNextResync = false;
    await agent.get(DATASYNC).resync('request');
    expect(sim.changes()).toEqual([]);
    expect(tagged()).toBe(1);
  });
});
