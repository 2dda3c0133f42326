import { describe, expect, it } from 'vitest';
import { SimAdapter, SimAdapterNotConnectedError } from '../../../../../plugins/vpp/adapters/sim-adapter.ts';
import { VppApiError, VppTimeoutError, VppTransportError } from '../../../../../plugins/vpp/channel-errors.ts';
import { AdapterChannel } from '../../../../../plugins/vpp/channel.ts';
import { VnetApiError as E } from '../../../../../plugins/vpp/messages/api-errno.ts';
import { newRequest } from '../../../../../plugins/vpp/messages/new-request.ts';
import type { VppMessage } from '../../../../../plugins/vpp/messages/message-map.ts';
import { ManualTimers } from '../../../../fakes/vpp-manual-timers.ts';
import { connectSim, recordingSimChannel } from '../../../../fakes/vpp-recording-channel.ts';
import { call, newNatSim, newSim } from '../../../../fakes/vpp-sim-call.ts';

describe('SimAdapter', () => {
  it('send() answers asynchronously, never from inside send()', async () => {
    const adapter = new SimAdapter(newSim());
    const got: VppMessage[] = [];
    adapter.setMessageHandler((_c, m) => got.push(m));
    await adapter.connect();
    adapter.send(5, newRequest('show_version'));
    expect(got).toEqual([]);
    await Promise.resolve();
    expect(got.map((m) => m._msgname)).toEqual(['show_version_reply']);
  });

  it('a channel over it gets replies in order, dumps closed by the control ping, and VPP errors as VppApiError', async () => {
    const sim = newSim();
    const { channel } = await connectSim(sim);
    const [a, b] = await Promise.all([channel.request(newRequest('create_loopback')), channel.request(newRequest('create_loopback'))]);
    expect([a.sw_if_index, b.sw_if_index]).toEqual([2, 3]);
    const names = (await channel.dump(newRequest('sw_interface_dump'))).map((d) => d.interface_name);
    expect(names).toEqual(['local0', 'GigabitEthernet0/8/0', 'loop0', 'loop1']);
    const err = await channel.request(newRequest('acl_del', { acl_index: 4 })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VppApiError);
    expect(err).toMatchObject({ retval: E.NO_SUCH_ENTRY, errorName: 'VNET_API_ERROR_NO_SUCH_ENTRY' });
  });

  it('failNext() answers the next request of that name with the retval without executing it', async () => {
    const sim = newSim();
    const { adapter, channel } = await connectSim(sim);
    adapter.failNext('create_loopback', E.UNSPECIFIED);
    await expect(channel.request(newRequest('create_loopback'))).rejects.toMatchObject({ retval: -1, msgName: 'create_loopback' });
    expect(sim.interfaceByName('loop0')).toBeUndefined();
    await expect(channel.request(newRequest('create_loopback'))).resolves.toMatchObject({ retval: 0 });
  });

  it('failNext() of a cursor get answers its reply with the retval, and a channel follows the simulator\'s EAGAIN to the end', async () => {
    const sim = newNatSim({ cursorBatch: 1 });
    const loop = call(sim, 'create_loopback').sw_if_index;
    for (const sw of [1, loop]) call(sim, 'nat44_ed_add_del_output_interface', { sw_if_index: sw });
    const { adapter, channel } = await connectSim(sim);
    adapter.failNext('nat44_ed_output_interface_get', E.UNSPECIFIED);
    await expect(channel.get(newRequest('nat44_ed_output_interface_get'))).rejects.toMatchObject({ retval: -1, msgName: 'nat44_ed_output_interface_get' });
    expect((await channel.get(newRequest('nat44_ed_output_interface_get'))).map((d) => d.sw_if_index)).toEqual([1, loop]);
    expect(channel.counts().get('nat44_ed_output_interface_get')).toBe(3);
  });

  it('dropNext() swallows the next message so the channel times out', async () => {
    const timers = new ManualTimers();
    const { adapter, channel } = await connectSim(newSim(), { timers, timeoutMs: 100 });
    adapter.dropNext('show_version');
    const p = channel.request(newRequest('show_version'));
    await Promise.resolve();
    timers.advance(100);
    await expect(p).rejects.toBeInstanceOf(VppTimeoutError);
  });

  it('send() before connect() throws SimAdapterNotConnectedError, which the channel reports as VppTransportError', async () => {
    const adapter = new SimAdapter(newSim());
    expect(() => adapter.send(1, newRequest('show_version'))).toThrow(SimAdapterNotConnectedError);
    const channel = new AdapterChannel(adapter, { timers: new ManualTimers() });
    await expect(channel.request(newRequest('show_version'))).rejects.toBeInstanceOf(VppTransportError);
  });

  it('disconnect() stops event delivery', async () => {
    const sim = newSim();
    const { adapter, channel } = await connectSim(sim);
    const got: number[] = [];
    channel.subscribe('dhcp_compl_event', (e) => got.push(e.pid));
    await adapter.disconnect();
    sim.emit({ _msgname: 'dhcp_compl_event', pid: 1 } as never);
    await Promise.resolve();
    expect(got).toEqual([]);
  });
});

describe('RecordingChannel', () => {
  it('records every message, separates configuration changes from dumps, and failNext() fails without reaching VPP', async () => {
    const sim = newSim();
    const ch = await recordingSimChannel(sim);
    await ch.dump(newRequest('acl_dump'));
    await ch.request(newRequest('acl_add_replace', { tag: 'a' }));
    ch.failNext('acl_add_replace', E.INVALID_VALUE);
    await expect(ch.request(newRequest('acl_add_replace', { tag: 'b' }))).rejects.toMatchObject({ retval: E.INVALID_VALUE });
    expect(ch.names()).toEqual(['acl_dump', 'acl_add_replace', 'acl_add_replace']);
    expect(ch.changes().map((m) => m._msgname)).toEqual(['acl_add_replace', 'acl_add_replace']);
    expect([...sim.state.acls.values()].map((a) => a.tag)).toEqual(['a']);
  });
});
