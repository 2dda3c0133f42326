import { describe, expect, it } from 'vitest';
import type { Adapter, AdapterMessageHandler } from '../../../../plugins/vpp/adapters/adapter.ts';
import { AdapterChannel } from '../../../../plugins/vpp/channel.ts';
import {
  VppApiError,
  VppChannelClosedError,
  VppTimeoutError,
  VppTransportError,
  VppUnexpectedReplyError,
} from '../../../../plugins/vpp/channel-errors.ts';
import type { VppMessage, VppOutgoing } from '../../../../plugins/vpp/messages/message-map.ts';
import { VnetApiError } from '../../../../plugins/vpp/messages/api-errno.ts';
import { newRequest } from '../../../../plugins/vpp/messages/new-request.ts';
import { ManualTimers } from '../../../fakes/vpp-manual-timers.ts';

/** An adapter whose answers the test writes by hand. */
class ScriptedAdapter implements Adapter {
  readonly name = 'scripted';
  readonly sent: { context: number; msg: VppOutgoing }[] = [];
  failSend = false;
  #handler: AdapterMessageHandler = () => {};
  connect(): Promise<void> {
    return Promise.resolve();
  }
  disconnect(): Promise<void> {
    return Promise.resolve();
  }
  setMessageHandler(h: AdapterMessageHandler): void {
    this.#handler = h;
  }
  send(context: number, msg: VppOutgoing): void {
    if (this.failSend) throw new Error('socket closed');
    this.sent.push({ context, msg });
  }
  deliver(context: number, msg: VppMessage): void {
    this.#handler(context, msg);
  }
  contextOf(name: string, nth = 0): number {
    const hit = this.sent.filter((s) => s.msg._msgname === name)[nth];
    if (!hit) throw new Error(`${name} not sent`);
    return hit.context;
  }
}

function setup() {
  const adapter = new ScriptedAdapter();
  const timers = new ManualTimers();
  const channel = new AdapterChannel(adapter, { timeoutMs: 1000, timers });
  return { adapter, timers, channel };
}

describe('AdapterChannel', () => {
  it('request() resolves with the reply carrying its context when several requests are outstanding', async () => {
    const { adapter, channel } = setup();
    const a = channel.request(newRequest('acl_add_replace', { tag: 'a' }));
    const b = channel.request(newRequest('acl_add_replace', { tag: 'b' }));
    const [ca, cb] = [adapter.contextOf('acl_add_replace', 0), adapter.contextOf('acl_add_replace', 1)];
    expect(ca).not.toBe(cb);
    adapter.deliver(cb, { _msgname: 'acl_add_replace_reply', acl_index: 7, retval: 0 });
    adapter.deliver(ca, { _msgname: 'acl_add_replace_reply', acl_index: 3, retval: 0 });
    await expect(a).resolves.toMatchObject({ acl_index: 3 });
    await expect(b).resolves.toMatchObject({ acl_index: 7 });
  });

  it('request() rejects with VppApiError naming message, retval and VPP error name when retval is not 0', async () => {
    const { adapter, channel } = setup();
    const p = channel.request(newRequest('acl_del', { acl_index: 9 }));
    adapter.deliver(adapter.contextOf('acl_del'), { _msgname: 'acl_del_reply', retval: -6 });
    const err = await p.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VppApiError);
    expect(err).toMatchObject({ code: 'VPP_API_ERROR', msgName: 'acl_del', retval: -6, errorName: 'VNET_API_ERROR_NO_SUCH_ENTRY' });
    expect((err as Error).message).toContain('acl_del');
    expect((err as Error).message).toContain('-6');
  });

  it('request() rejects with VppTimeoutError naming message and context when no reply comes', async () => {
    const { adapter, timers, channel } = setup();
    const p = channel.request(newRequest('show_version'));
    const context = adapter.contextOf('show_version');
    timers.advance(999);
    expect(channel.outstanding).toBe(1);
    timers.advance(1);
    await expect(p).rejects.toMatchObject({ name: 'VppTimeoutError', msgName: 'show_version', context, timeoutMs: 1000 });
    expect(channel.outstanding).toBe(0);
  });

  it('request() drops a reply arriving after its timeout and counts it as stale', async () => {
    const { adapter, timers, channel } = setup();
    const p = channel.request(newRequest('show_version'));
    timers.advance(1000);
    await expect(p).rejects.toBeInstanceOf(VppTimeoutError);
    adapter.deliver(adapter.contextOf('show_version'), { _msgname: 'show_version_reply', retval: 0, program: '', version: '', build_date: '', build_directory: '' });
    expect(channel.staleReplies).toBe(1);
  });

  it('request() rejects with VppUnexpectedReplyError when another message answers it', async () => {
    const { adapter, channel } = setup();
    const p = channel.request(newRequest('acl_del', { acl_index: 1 }));
    adapter.deliver(adapter.contextOf('acl_del'), { _msgname: 'control_ping_reply', retval: 0, client_index: 0, vpe_pid: 1 });
    await expect(p).rejects.toMatchObject({ name: 'VppUnexpectedReplyError', expected: 'acl_del_reply', received: 'control_ping_reply' });
  });

  it('request() rejects with VppTransportError when the adapter cannot send', async () => {
    const { adapter, channel } = setup();
    adapter.failSend = true;
    const err = await channel.request(newRequest('show_version')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VppTransportError);
    expect((err as VppTransportError).cause).toBeInstanceOf(Error);
    expect(channel.outstanding).toBe(0);
  });

  it('dump() sends the dump then a control_ping with the same context and collects details until the ping reply', async () => {
    const { adapter, channel } = setup();
    const p = channel.dump(newRequest('acl_dump'));
    expect(adapter.sent.map((s) => s.msg._msgname)).toEqual(['acl_dump', 'control_ping']);
    const [dumpCtx, pingCtx] = adapter.sent.map((s) => s.context);
    expect(pingCtx).toBe(dumpCtx);
    const d = (i: number): VppMessage => ({ _msgname: 'acl_details', acl_index: i, tag: '', count: 0, r: [] });
    adapter.deliver(dumpCtx!, d(0));
    adapter.deliver(dumpCtx!, d(1));
    adapter.deliver(dumpCtx!, { _msgname: 'control_ping_reply', retval: 0, client_index: 0, vpe_pid: 1 });
    await expect(p).resolves.toEqual([d(0), d(1)]);
  });

  it('dump() resolves with [] when VPP sends no details', async () => {
    const { adapter, channel } = setup();
    const p = channel.dump(newRequest('nat44_static_mapping_dump'));
    adapter.deliver(adapter.contextOf('control_ping'), { _msgname: 'control_ping_reply', retval: 0, client_index: 0, vpe_pid: 1 });
    await expect(p).resolves.toEqual([]);
  });

  it('dump() restarts its timeout on each details message and times out when the dump stalls', async () => {
    const { adapter, timers, channel } = setup();
    const p = channel.dump(newRequest('acl_dump'));
    const ctx = adapter.contextOf('acl_dump');
    timers.advance(900);
    adapter.deliver(ctx, { _msgname: 'acl_details', acl_index: 0, tag: '', count: 0, r: [] });
    timers.advance(900);
    expect(channel.outstanding).toBe(1);
    timers.advance(100);
    await expect(p).rejects.toMatchObject({ name: 'VppTimeoutError', msgName: 'acl_dump' });
  });

  it('get() sends the cursor get alone and collects details until its reply', async () => {
    const { adapter, channel } = setup();
    const p = channel.get(newRequest('nat44_ed_output_interface_get', { cursor: 0 }));
    expect(adapter.sent.map((s) => s.msg._msgname)).toEqual(['nat44_ed_output_interface_get']);
    const ctx = adapter.contextOf('nat44_ed_output_interface_get');
    const d = (sw: number): VppMessage => ({ _msgname: 'nat44_ed_output_interface_details', sw_if_index: sw });
    adapter.deliver(ctx, d(3));
    adapter.deliver(ctx, d(5));
    adapter.deliver(ctx, { _msgname: 'nat44_ed_output_interface_get_reply', retval: 0, cursor: 0xffffffff });
    await expect(p).resolves.toEqual([d(3), d(5)]);
    expect(channel.outstanding).toBe(0);
  });

  it('get() asks again from the reply\'s cursor after EAGAIN and resolves with the details of every round', async () => {
    const { adapter, channel } = setup();
    const p = channel.get(newRequest('nat44_ed_output_interface_get', { cursor: 0 }));
    const ctx = adapter.contextOf('nat44_ed_output_interface_get');
    adapter.deliver(ctx, { _msgname: 'nat44_ed_output_interface_details', sw_if_index: 3 });
    adapter.deliver(ctx, { _msgname: 'nat44_ed_output_interface_get_reply', retval: VnetApiError.EAGAIN, cursor: 4 });
    expect(adapter.sent.map((s) => [s.context, s.msg])).toEqual([
      [ctx, { _msgname: 'nat44_ed_output_interface_get', cursor: 0 }],
      [ctx, { _msgname: 'nat44_ed_output_interface_get', cursor: 4 }],
    ]);
    adapter.deliver(ctx, { _msgname: 'nat44_ed_output_interface_details', sw_if_index: 7 });
    adapter.deliver(ctx, { _msgname: 'nat44_ed_output_interface_get_reply', retval: 0, cursor: 0xffffffff });
    await expect(p).resolves.toEqual([
      { _msgname: 'nat44_ed_output_interface_details', sw_if_index: 3 },
      { _msgname: 'nat44_ed_output_interface_details', sw_if_index: 7 },
    ]);
  });

  it('get() rejects with VppApiError when the reply has another non-zero retval, and times out when VPP stalls', async () => {
    const { adapter, timers, channel } = setup();
    const p = channel.get(newRequest('nat44_ed_output_interface_get', { cursor: 9 }));
    adapter.deliver(adapter.contextOf('nat44_ed_output_interface_get'), { _msgname: 'nat44_ed_output_interface_get_reply', retval: VnetApiError.INVALID_VALUE, cursor: 0xffffffff });
    await expect(p).rejects.toMatchObject({ name: 'VppApiError', msgName: 'nat44_ed_output_interface_get', errorName: 'VNET_API_ERROR_INVALID_VALUE' });
    const q = channel.get(newRequest('nat44_ed_output_interface_get'));
    timers.advance(1000);
    await expect(q).rejects.toBeInstanceOf(VppTimeoutError);
  });

  it('subscribe() delivers events with context 0 to listeners of that name until unsubscribed', () => {
    const { adapter, channel } = setup();
    const got: number[] = [];
    const off = channel.subscribe('dhcp_compl_event', (e) => got.push(e.pid));
    const event = (pid: number): VppMessage => ({
      _msgname: 'dhcp_compl_event',
      pid,
      lease: {
        sw_if_index: 1,
        state: 2,
        is_ipv6: false,
        hostname: '',
        mask_width: 24,
        host_address: { af: 0, un: { ip4: [10, 0, 0, 2] } },
        router_address: { af: 0, un: { ip4: [10, 0, 0, 1] } },
        host_mac: [0, 0, 0, 0, 0, 0],
        count: 0,
        domain_server: [],
      },
    });
    adapter.deliver(0, event(1));
    off();
    adapter.deliver(0, event(2));
    expect(got).toEqual([1]);
  });

  it('subscribe() keeps delivering to other listeners when one throws, reporting the error', () => {
    const adapter = new ScriptedAdapter();
    const errors: string[] = [];
    const channel = new AdapterChannel(adapter, { timers: new ManualTimers(), onListenerError: (_e, name) => errors.push(name) });
    const got: number[] = [];
    channel.subscribe('dhcp_compl_event', () => {
      throw new Error('boom');
    });
    channel.subscribe('dhcp_compl_event', (e) => got.push(e.pid));
    adapter.deliver(0, { _msgname: 'dhcp_compl_event', pid: 5 } as unknown as VppMessage);
    expect(got).toEqual([5]);
    expect(errors).toEqual(['dhcp_compl_event']);
  });

  it('counts() tallies sent messages per name, sorted by name', () => {
    const { channel } = setup();
    void channel.request(newRequest('show_version')).catch(() => {});
    void channel.dump(newRequest('acl_dump')).catch(() => {});
    void channel.dump(newRequest('acl_dump')).catch(() => {});
    expect([...channel.counts()]).toEqual([
      ['acl_dump', 2],
      ['control_ping', 2],
      ['show_version', 1],
    ]);
  });

  it('close() rejects outstanding and later requests with VppChannelClosedError', async () => {
    const { channel } = setup();
    const p = channel.request(newRequest('show_version'));
    channel.close();
    await expect(p).rejects.toBeInstanceOf(VppChannelClosedError);
    await expect(channel.dump(newRequest('acl_dump'))).rejects.toBeInstanceOf(VppChannelClosedError);
  });

  it('VppUnexpectedReplyError serialises its context fields', () => {
    const e = new VppUnexpectedReplyError('acl_del', 4, 'acl_del_reply', 'x');
    expect(e.toJSON()).toMatchObject({ code: 'VPP_UNEXPECTED_REPLY', msgName: 'acl_del', context: 4, expected: 'acl_del_reply', received: 'x' });
  });
});
