import { afterEach, describe, expect, it } from 'vitest';
import { AdapterChannel } from '../../plugins/vpp/channel.ts';
import { VppApiError, VppTimeoutError, VppTransportError } from '../../plugins/vpp/channel-errors.ts';
import { SimAdapter } from '../../plugins/vpp/adapters/sim-adapter.ts';
import { AclAction } from '../../plugins/vpp/messages/acl.ts';
import { VPP_DETAILS, VPP_GETS, type VppDumpName, type VppGetName, type VppMessage, type VppOutgoing } from '../../plugins/vpp/messages/message-map.ts';
import { ip4Path, newRequest, type OutgoingName } from '../../plugins/vpp/messages/new-request.ts';
import { ip4Address, ip4Prefix, U32_MAX } from '../../plugins/vpp/messages/vpp-types.ts';
import { SimDhcpServer } from '../../plugins/vpp/sim/dhcp-server.ts';
import { ApiDefinitions } from '../../plugins/vpp/socket/api-definitions.ts';
import { parseApiJson, type RawApiFile } from '../../plugins/vpp/socket/api-json-file.ts';
import { MessageCodec } from '../../plugins/vpp/socket/message-codec.ts';
import type { SocketAdapter, SocketAdapterEvent } from '../../plugins/vpp/socket/socket-adapter.ts';
import { VppConnectError, VppMessageUnavailableError, VppNotConnectedError } from '../../plugins/vpp/socket/socket-errors.ts';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SHIPPED_API_DIR } from '../../plugins/vpp/socket/api-definitions-loader.ts';
import { ManualTimers } from '../fakes/vpp-manual-timers.ts';
import { harnessSimulator, HARNESS_NIC, shippedDefinitions, startSocketVpp, type SocketVpp } from '../fakes/vpp-socket-harness.ts';

const open: { vpp: SocketVpp; adapters: SocketAdapter[] }[] = [];

async function setup(opts: Parameters<typeof startSocketVpp>[0] = {}, adapterOpts: Parameters<SocketVpp['adapter']>[0] = {}) {
  const vpp = await startSocketVpp(opts);
  const adapter = vpp.adapter({ reconnect: { initialDelayMs: 10, maxDelayMs: 50 }, ...adapterOpts });
  open.push({ vpp, adapters: [adapter] });
  return { vpp, adapter };
}

async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`gave up waiting for ${what}`);
}

afterEach(async () => {
  for (const { vpp, adapters } of open.splice(0)) {
    for (const a of adapters) await a.disconnect();
    await vpp.close();
  }
});

/** The requests of a small node: interfaces, L2, routes, ACLs, NAT44, session rules. */
function scenario(): VppOutgoing[] {
  const rule = { is_permit: AclAction.ACL_ACTION_API_PERMIT_REFLECT, src_prefix: ip4Prefix('10.1.1.0', 24), dst_prefix: ip4Prefix(0, 0), proto: 6, srcport_or_icmptype_first: 0, srcport_or_icmptype_last: 65535, dstport_or_icmpcode_first: 80, dstport_or_icmpcode_last: 8080, tcp_flags_mask: 0, tcp_flags_value: 0 };
  const n = <N extends OutgoingName>(name: N, fields: Parameters<typeof newRequest<N>>[1] = {}) => newRequest(name, fields) as VppOutgoing;
  return [
    n('create_loopback', {}),
    n('sw_interface_set_flags', { sw_if_index: 2, flags: 1 }),
    n('sw_interface_add_del_address', { sw_if_index: 2, prefix: ip4Prefix('192.168.30.1', 24) }),
    n('sw_interface_tag_add_del', { sw_if_index: 2, tag: 'vxlanBVI' }),
    n('tap_create_v2', { id: 1, host_if_name: 'vpp1', host_namespace: 'pod1', host_namespace_set: true, host_if_name_set: true, tag: 'pod1' }),
    n('bridge_domain_add_del', { bd_id: 1, bd_tag: 'vxlanBD' }),
    n('sw_interface_set_l2_bridge', { rx_sw_if_index: 2, bd_id: 1, port_type: 1 }),
    n('vxlan_add_del_tunnel', { src_address: ip4Address('192.168.16.1'), dst_address: ip4Address('192.168.16.2'), vni: 10 }),
    n('ip_table_add_del', { table: { table_id: 1, is_ip6: false, name: 'vrf1' } }),
    n('ip_route_add_del', { route: { table_id: 0, stats_index: 0, prefix: ip4Prefix('10.2.0.0', 16), n_paths: 1, paths: [ip4Path('192.168.30.2', 2)] } }),
    n('ip_neighbor_add_del', { neighbor: { sw_if_index: 2, flags: 1, mac_address: [2, 0, 0, 0, 0, 2], ip_address: ip4Address('192.168.30.2') } }),
    n('acl_add_replace', { tag: 'contiv/vpp-policy-1', r: [rule, { ...rule, is_permit: AclAction.ACL_ACTION_API_DENY, proto: 17 }] }),
    n('acl_interface_set_acl_list', { sw_if_index: 1, n_input: 1, acls: [0] }),
    n('nat44_ed_plugin_enable_disable', { enable: true, sessions: 1000 }),
    n('nat44_forwarding_enable_disable', { enable: true }),
    n('nat44_show_running_config'),
    n('nat44_add_del_address_range', { first_ip_address: [192, 168, 16, 1], last_ip_address: [192, 168, 16, 1], vrf_id: U32_MAX }),
    n('nat44_interface_add_del_feature', { sw_if_index: 1, flags: 0x10 }),
    n('nat44_ed_add_del_output_interface', { sw_if_index: 3 }),
    n('nat44_add_del_static_mapping', { local_ip_address: [10, 1, 1, 2], external_ip_address: [10, 96, 0, 1], protocol: 6, local_port: 8080, external_port: 80, flags: 0x04, tag: 'svc' }),
    n('nat44_add_del_lb_static_mapping', { external_addr: [10, 96, 0, 2], external_port: 53, protocol: 17, flags: 0x04, locals: [{ addr: [10, 1, 1, 3], port: 53, probability: 1, vrf_id: 0 }, { addr: [10, 1, 1, 4], port: 53, probability: 1, vrf_id: 0 }] }),
    n('nat44_add_del_identity_mapping', { ip_address: [192, 168, 16, 1], protocol: 17, port: 4789, flags: 0 }),
    n('session_enable_disable', { is_enable: true }),
    n('app_namespace_add_del', { secret: 42n, sw_if_index: 2, namespace_id: 'pod1' }),
    n('session_rule_add_del', { lcl: ip4Prefix('10.1.1.2', 32), rmt: ip4Prefix('10.1.2.0', 24), lcl_port: 80, action_index: 0xffffffff, appns_index: 1, scope: 1, tag: 'r1' }),
    n('dhcp_client_config', { client: { sw_if_index: 1, hostname: 'node-1', id: [], want_dhcp_event: true, set_broadcast_flag: true, dscp: 0, pid: 7 } }),
    n('delete_loopback', { sw_if_index: 77 }),
  ];
}

describe('SocketAdapter over the simulated VPP socket', () => {
  it('request() returns the reply of a request sent over the socket', async () => {
    const { adapter } = await setup();
    const ch = new AdapterChannel(adapter);
    await adapter.connect();
    await expect(ch.request({ _msgname: 'show_version' })).resolves.toMatchObject({ _msgname: 'show_version_reply', retval: 0, version: '22.10-release' });
    expect(adapter.compatibility).toEqual({ missing: [], crcMismatch: [] });
  });

  it('request(), dump() and get() answer byte for byte what the in-process simulator answers', async () => {
    const { adapter } = await setup({ sim: harnessSimulator('node-1') });
    const socketCh = new AdapterChannel(adapter);
    await adapter.connect();
    const simAdapter = new SimAdapter(harnessSimulator('node-1'));
    const simCh = new AdapterChannel(simAdapter);
    await simAdapter.connect();
    const codec = new MessageCodec(await shippedDefinitions());
    const wire = (m: VppMessage) => Array.from(codec.encode(m._msgname, 1, m, { context: 1, clientIndex: 1 }));
    const settle = <T>(p: Promise<T>) => p.then((v) => ({ ok: v as unknown }), (e: unknown) => ({ err: (e as VppApiError).retval }));
    const failed: string[] = [];
    for (const msg of scenario()) {
      const [a, b] = await Promise.all([settle(socketCh.request(msg as never)), settle(simCh.request(msg as never))]);
      if ('ok' in a && 'ok' in b) expect(wire(a.ok as VppMessage), msg._msgname).toEqual(wire(b.ok as VppMessage));
      else {
        expect(a, msg._msgname).toEqual(b);
        failed.push(msg._msgname);
      }
    }
    expect(failed).toEqual(['delete_loopback']);
    for (const dump of Object.keys(VPP_DETAILS) as VppDumpName[]) {
      const req = newRequest(dump, dump === 'nat44_user_session_dump' ? { ip_address: [10, 1, 1, 2] } : {}) as never;
      const [a, b] = await Promise.all([socketCh.dump(req), simCh.dump(req)]);
      expect(a.map(wire), dump).toEqual(b.map(wire));
    }
    for (const get of Object.keys(VPP_GETS) as VppGetName[]) {
      const [a, b] = await Promise.all([socketCh.get(newRequest(get, { cursor: 0 })), simCh.get(newRequest(get, { cursor: 0 }))]);
      expect(a.map(wire), get).toEqual(b.map(wire));
      expect(a.length, get).toBeGreaterThan(0);
    }
    expect((await socketCh.dump(newRequest('sw_interface_dump'))).map((d) => d.interface_name)).toEqual(['local0', HARNESS_NIC, 'loop0', 'tap1', 'vxlan_tunnel0']);
  });

  it('request() rejects with the VPP retval of a failing request', async () => {
    const { adapter } = await setup();
    const ch = new AdapterChannel(adapter);
    await adapter.connect();
    const err = await ch.request(newRequest('delete_loopback', { sw_if_index: 99 })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VppApiError);
    expect(err).toMatchObject({ msgName: 'delete_loopback', retval: -2 });
  });

  it('subscribe() receives the DHCP completion event VPP sends when a lease is bound', async () => {
    const sim = harnessSimulator();
    const { adapter } = await setup({ sim });
    const ch = new AdapterChannel(adapter);
    await adapter.connect();
    const events: unknown[] = [];
    ch.subscribe('dhcp_compl_event', (e) => events.push(e));
    await ch.request(newRequest('dhcp_client_config', { client: { sw_if_index: 1, hostname: 'n1', id: [], want_dhcp_event: true, set_broadcast_flag: true, dscp: 0, pid: 7 } }));
    new SimDhcpServer(sim).offer(HARNESS_NIC, { address: '192.168.16.5', prefixLength: 24, router: '192.168.16.254' });
    await until(() => events.length > 0, 'dhcp_compl_event');
    expect(events[0]).toMatchObject({ _msgname: 'dhcp_compl_event', pid: 7, lease: { sw_if_index: 1, state: 2, mask_width: 24, host_address: ip4Address('192.168.16.5'), router_address: ip4Address('192.168.16.254') } });
  });

  it('request() times out when VPP never answers, and the next request is answered', async () => {
    const { vpp, adapter } = await setup();
    const timers = new ManualTimers();
    const ch = new AdapterChannel(adapter, { timers, timeoutMs: 1000 });
    await adapter.connect();
    vpp.server.dropNext('show_version');
    const lost = ch.request({ _msgname: 'show_version' });
    await until(() => vpp.server.received().get('show_version') === 1, 'the request to reach VPP');
    timers.advance(1000);
    await expect(lost).rejects.toBeInstanceOf(VppTimeoutError);
    await expect(ch.request({ _msgname: 'show_version' })).resolves.toMatchObject({ retval: 0 });
  });

  it('request() fails naming the message when the running VPP lacks it, and connect() reports it', async () => {
    const shipped = await shippedDefinitions();
    const files: RawApiFile[] = [];
    for (const f of ['core/memclnt.api.json', 'core/vpe.api.json']) files.push(parseApiJson(await readFile(join(SHIPPED_API_DIR, f), 'utf8'), f));
    const { adapter } = await setup({ definitions: new ApiDefinitions(files, 'vpe-only') });
    const ch = new AdapterChannel(adapter);
    await adapter.connect();
    expect(adapter.compatibility.missing).toContain('create_loopback');
    expect(adapter.compatibility.missing.length).toBe(shipped.messageNames().length - files.flatMap((f) => f.messages).length);
    const err = await ch.request(newRequest('create_loopback')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VppTransportError);
    expect((err as Error).cause).toBeInstanceOf(VppMessageUnavailableError);
    expect(((err as Error).cause as Error).message).toBe('the running VPP has no message create_loopback (definitions: create_loopback_42bb5d22)');
  });

  it('request() fails naming both CRCs when the running VPP has another version of the message', async () => {
    const files: RawApiFile[] = [];
    for (const f of ['core/memclnt.api.json', 'core/vpe.api.json']) {
      const text = await readFile(join(SHIPPED_API_DIR, f), 'utf8');
      files.push(parseApiJson(f.endsWith('vpe.api.json') ? text.replace('0xc919bde1', '0x0badc0de') : text, f));
    }
    const { adapter } = await setup({ definitions: new ApiDefinitions(files, 'other-release') });
    const timers = new ManualTimers();
    const ch = new AdapterChannel(adapter, { timers });
    await adapter.connect();
    expect(adapter.compatibility.crcMismatch).toEqual([{ name: 'show_version_reply', expected: '0xc919bde1', vpp: ['0x0badc0de'] }]);
    // The request goes out (same CRC); its reply has an ID we cannot decode, so it is dropped and counted.
    const p = ch.request({ _msgname: 'show_version' });
    await until(() => adapter.stats().unknownFrames === 1, 'the undecodable reply');
    timers.advance(5000);
    await expect(p).rejects.toBeInstanceOf(VppTimeoutError);
  });

  it('send() queues frames while the socket is congested and delivers them all after drain', async () => {
    const { vpp, adapter } = await setup();
    const ch = new AdapterChannel(adapter, { timeoutMs: 60_000 });
    await adapter.connect();
    vpp.server.pauseReading();
    const rule = { is_permit: AclAction.ACL_ACTION_API_PERMIT, src_prefix: ip4Prefix('10.0.0.0', 8), dst_prefix: ip4Prefix(0, 0), proto: 6, srcport_or_icmptype_first: 0, srcport_or_icmptype_last: 65535, dstport_or_icmpcode_first: 0, dstport_or_icmpcode_last: 65535, tcp_flags_mask: 0, tcp_flags_value: 0 };
    const big = newRequest('acl_add_replace', { tag: 'big', r: Array.from({ length: 2000 }, () => rule) });
    const replies: Promise<unknown>[] = [];
    for (let i = 0; i < 200 && adapter.queuedFrames === 0; i++) replies.push(ch.request(big));
    expect(adapter.queuedFrames).toBeGreaterThan(0);
    expect(adapter.stats().backpressureWaits).toBeGreaterThan(0);
    vpp.server.resumeReading();
    const done = await Promise.all(replies);
    expect(done).toHaveLength(replies.length);
    expect(vpp.server.received().get('acl_add_replace')).toBe(replies.length);
    expect(adapter.queuedFrames).toBe(0);
  });

  it('onStateChange() reports a dropped VPP, failed attempts, and the reconnection to a restarted VPP with another message numbering', async () => {
    const { vpp, adapter } = await setup();
    const ch = new AdapterChannel(adapter);
    const events: SocketAdapterEvent[] = [];
    adapter.onStateChange((e) => {
      events.push(e);
      if (e.type === 'disconnected') ch.failOutstanding(e.error);
    });
    await adapter.connect();
    await ch.request(newRequest('create_loopback'));
    vpp.server.dropNext('show_version');
    const inFlight = ch.request({ _msgname: 'show_version' }).catch((e: unknown) => e);
    await until(() => vpp.server.received().get('show_version') === 1, 'the request to reach VPP');
    await vpp.server.stop();
    await until(() => events.some((e) => e.type === 'reconnect-failed'), 'a failed reconnect attempt');
    expect(adapter.state).toBe('reconnecting');
    expect(await inFlight).toMatchObject({ name: 'VppConnectionLostError' });
    await expect(ch.request({ _msgname: 'show_version' })).rejects.toMatchObject({ cause: expect.any(VppNotConnectedError) });
    const restarted = harnessSimulator();
    vpp.server.replaceSimulator(restarted);
    await vpp.server.start(vpp.path);
    await until(() => adapter.state === 'connected', 'the reconnection');
    const reconnected = events.find((e) => e.type === 'reconnected');
    expect(reconnected).toMatchObject({ type: 'reconnected' });
    expect(events.map((e) => e.type).filter((t, i, all) => all.indexOf(t) === i)).toEqual(['connected', 'disconnected', 'reconnect-failed', 'reconnected']);
    // The restarted VPP is empty: the loopback is gone.
    expect((await ch.dump(newRequest('sw_interface_dump'))).map((d) => d.interface_name)).toEqual(['local0', HARNESS_NIC]);
    expect(adapter.stats()).toMatchObject({ connects: 2, drops: 1 });
  });

  it('connect() after a restart with another message numbering reads the new table', async () => {
    const first = await startSocketVpp({ idShift: 0 });
    const second = await startSocketVpp({ idShift: 17 });
    open.push({ vpp: first, adapters: [] }, { vpp: second, adapters: [] });
    expect(first.server.table.find((e) => e.name.startsWith('show_version_'))?.index).not.toBe(second.server.table.find((e) => e.name.startsWith('show_version_'))?.index);
    for (const vpp of [first, second]) {
      const adapter = vpp.adapter();
      open[open.length - 1]!.adapters.push(adapter);
      const ch = new AdapterChannel(adapter);
      await adapter.connect();
      await expect(ch.request({ _msgname: 'show_version' })).resolves.toMatchObject({ retval: 0 });
    }
  });

  it('disconnect() says sockclnt_delete to VPP and closes; later sends fail as not connected', async () => {
    const { vpp, adapter } = await setup();
    const ch = new AdapterChannel(adapter);
    await adapter.connect();
    await until(() => vpp.server.clients === 1, 'the client');
    await adapter.disconnect();
    expect(vpp.server.received().get('sockclnt_delete')).toBe(1);
    await until(() => vpp.server.clients === 0, 'the client to leave');
    expect(adapter.state).toBe('closed');
    await expect(ch.request({ _msgname: 'show_version' })).rejects.toMatchObject({ cause: expect.any(VppNotConnectedError) });
  });

  it('connect() fails with VppConnectError when nothing listens on the socket path', async () => {
    const { vpp } = await setup();
    const adapter = vpp.adapter({ path: `${vpp.path}.missing` });
    await expect(adapter.connect()).rejects.toBeInstanceOf(VppConnectError);
    expect(adapter.state).toBe('idle');
  });
});
