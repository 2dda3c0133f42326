import { inject } from 'tsyringe';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDatasync } from '../../core/testing/fake-datasync.ts';
import { TestAgent, type StartedTestAgent } from '../../core/testing/test-agent.ts';
import { plugin, type Plugin } from '../../core/plugin.ts';
import { DATASYNC } from '../../core/tokens.ts';
import { VPP_API, type VppApi } from '../../plugins/vpp/api.ts';
import type { TxnRecord } from '../../plugins/vpp/config/txn-record.ts';
import type { DhcpComplEvent } from '../../plugins/vpp/messages/dhcp.ts';
import { newRequest } from '../../plugins/vpp/messages/new-request.ts';
import { ZERO_MAC } from '../../plugins/vpp/messages/vpp-types.ts';
import { vppKeys, type VppInterface, type VppValue } from '../../plugins/vpp/model.ts';
import { VPP_SIMULATOR, VPP_TIMERS } from '../../plugins/vpp/tokens.ts';
import { VppPlugin } from '../../plugins/vpp/vpp-plugin.ts';
import { ManualTimers } from '../fakes/vpp-manual-timers.ts';
import { RecordingSimulator } from '../fakes/vpp-recording-simulator.ts';

const loop = (name: string, ip: string): VppInterface => ({ name, type: 'loopback', enabled: true, ipAddresses: [ip], vrf: 0 });

/** What the state plugin below re-states on every resync. */
const stated = new Map<string, VppValue>();

/** A plugin that owns some VPP state: it puts `stated` in every resync, as contiv does. */
@plugin({ name: 'stateful' })
class StatefulPlugin implements Plugin {
  readonly name = 'stateful';
  constructor(@inject(VPP_API) private readonly vpp: VppApi) {}
  resync(): void {
    const txn = this.vpp.txn();
    for (const [k, v] of stated) txn.put(k, v);
  }
}

let agent: StartedTestAgent | undefined;
afterEach(async () => {
  await agent?.close();
  agent = undefined;
  stated.clear();
});

async function start(sim = new RecordingSimulator()) {
  const sync = new FakeDatasync();
  const timers = new ManualTimers();
  agent = await TestAgent.for(VppPlugin, StatefulPlugin)
    .override(DATASYNC).useValue(sync)
    .override(VPP_SIMULATOR).useValue(sim)
    .override(VPP_TIMERS).useValue(timers)
    .config({ retry: { maxRetries: 2, baseDelayMs: 100 } })
    .start();
  const api = agent.get(VPP_API);
  const txns = (): readonly TxnRecord[] => agent?.plugin(VppPlugin).reconciler().history() ?? [];
  return { sim, sync, timers, api, txns, agent };
}

describe('VppPlugin', () => {
  it('resync() at start-up removes stale objects of ours and leaves foreign ones alone', async () => {
    const sim = new RecordingSimulator();
    sim.handle(newRequest('create_loopback', { mac_address: ZERO_MAC }));
    const stale = sim.handle(newRequest('create_loopback', { mac_address: ZERO_MAC }))[0] as { sw_if_index: number };
    sim.handle(newRequest('sw_interface_tag_add_del', { is_add: true, sw_if_index: stale.sw_if_index, tag: 'old-pod' }));
    stated.set(vppKeys.interface('gw'), loop('gw', '10.1.1.1/32'));
    sim.clear();
    const { txns } = await start(sim);
    expect(sim.changes()).toEqual(['delete_loopback', 'create_loopback', 'sw_interface_tag_add_del', 'sw_interface_add_del_address', 'sw_interface_set_flags']);
    expect([...sim.state.interfaces.values()].map((i) => [i.name, i.tag])).toEqual([
      ['local0', ''],
      ['GigabitEthernet0/8/0', ''],
      ['loop0', ''],
      ['loop1', 'gw'],
    ]);
    expect(txns().map((r) => [r.eventKind, r.isResync])).toEqual([['resync', true]]);
  });

  it('resync() over an identical state sends dumps only', async () => {
    stated.set(vppKeys.interface('gw'), loop('gw', '10.1.1.1/32'));
    const { sim, sync, txns } = await start();
    sim.clear();
    await sync.resync('request');
    expect(sim.changes()).toEqual([]);
    expect(sim.names().length).toBeGreaterThan(0);
    expect(txns().at(-1)?.executed).toEqual([]);
  });

  it('txn() collects one event\'s changes and the end of the event applies them', async () => {
    const { sim, sync, api, txns } = await start();
    sim.clear();
    await sync.push('test', 'add gw', () => {
      api.txn().put(vppKeys.interface('gw'), loop('gw', '10.1.1.1/32'));
      expect(sim.changes()).toEqual([]);
      expect(api.desired(vppKeys.interface('gw'))).toEqual(loop('gw', '10.1.1.1/32'));
      expect(api.desiredKeys('vpp/interface/')).toEqual(['vpp/interface/gw']);
    });
    expect(sim.changes()).toEqual(['create_loopback', 'sw_interface_tag_add_del', 'sw_interface_add_del_address', 'sw_interface_set_flags']);
    expect(api.interfaceIndex('gw')).toBe(sim.interfaceByName('loop0')?.swIfIndex);
    expect(txns().at(-1)).toMatchObject({ eventKind: 'test', isResync: false, calls: 4 });
    await sync.push('test', 'remove gw', () => api.txn().delete(vppKeys.interface('gw')));
    expect(api.desired(vppKeys.interface('gw'))).toBeUndefined();
    expect(sim.interfaceByName('loop0')).toBeUndefined();
  });

  it('retries a refused operation through the event loop after the backoff delay', async () => {
    const { sim, sync, api, timers, txns } = await start();
    sim.failNext('create_loopback', -1);
    await sync.push('test', 'add gw', () => api.txn().put(vppKeys.interface('gw'), loop('gw', '10.1.1.1/32')));
    expect(txns().at(-1)?.executed[0]).toMatchObject({ result: 'error', retry: 1 });
    timers.advance(99);
    await sync.idle();
    expect(sim.interfaceByName('loop0')).toBeUndefined();
    timers.advance(1);
    await sync.idle();
    expect(sim.interfaceByName('loop0')?.tag).toBe('gw');
    expect(txns().at(-1)).toMatchObject({ eventKind: 'vpp-retry', retried: ['vpp/interface/gw'] });
    expect(sync.history().map((e) => e.kind)).toEqual(['resync', 'test', 'vpp-retry']);
  });

  it('onEvent() calls the listener inside a pushed event, where it may use txn()', async () => {
    const { sim, sync, api } = await start();
    const seen: number[] = [];
    api.onEvent<DhcpComplEvent>('dhcp_compl_event', (e) => {
      seen.push(e.lease.sw_if_index);
      api.txn().put(vppKeys.interface('gw'), loop('gw', '10.1.1.1/32'));
    });
    sim.emit({ _msgname: 'dhcp_compl_event', pid: 1, lease: dhcpLease(1) });
    await new Promise((r) => setTimeout(r, 0));
    await sync.idle();
    expect(seen).toEqual([1]);
    expect(sync.history().map((e) => e.kind)).toEqual(['resync', 'vpp:dhcp_compl_event']);
    expect(sim.interfaceByName('loop0')?.tag).toBe('gw');
  });

  it('serves the transactions at /vpp/txns and desired vs applied at /vpp/state', async () => {
    stated.set(vppKeys.interface('gw'), loop('gw', '10.1.1.1/32'));
    stated.set(vppKeys.route({ vrf: 0, dst: '10.2.0.0/16', outgoingInterface: 'missing' }), { vrf: 0, dst: '10.2.0.0/16', outgoingInterface: 'missing', weight: 1, preference: 0 });
    const { agent: a } = await start();
    const txns = (await (await a.fetch('/vpp/txns')).json()) as TxnRecord[];
    expect(txns.map((t) => t.planned.map((o) => `${o.op} ${o.key}`))).toEqual([['create vpp/interface/gw']]);
    const state = (await (await a.fetch('/vpp/state')).json()) as { counts: Record<string, number>; values: { key: string; status: string }[] };
    expect(state.counts).toEqual({ configured: 1, pending: 1 });
    expect(state.values.map((v) => [v.key, v.status])).toEqual([
      ['vpp/interface/gw', 'configured'],
      ['vpp/route/0/10.2.0.0/16/-/missing', 'pending'],
    ]);
  });
});

function dhcpLease(swIfIndex: number): DhcpComplEvent['lease'] {
  return {
    sw_if_index: swIfIndex,
    state: 2,
    is_ipv6: false,
    hostname: 'node-1',
    mask_width: 24,
    host_address: { af: 0, un: { ip4: [192, 168, 16, 5] } },
    router_address: { af: 0, un: { ip4: [192, 168, 16, 1] } },
    host_mac: ZERO_MAC,
    count: 0,
    domain_server: [],
  };
}
