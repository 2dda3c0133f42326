import { beforeAll, describe, expect, it } from 'vitest';
import { AclAction } from '../../../../../plugins/vpp/messages/acl.ts';
import { ip4Path, newRequest } from '../../../../../plugins/vpp/messages/new-request.ts';
import { ip4Address, ip4Prefix, U32_MAX } from '../../../../../plugins/vpp/messages/vpp-types.ts';
import type { ApiDefinitions } from '../../../../../plugins/vpp/socket/api-definitions.ts';
import { loadApiDefinitions, SHIPPED_API_DIR } from '../../../../../plugins/vpp/socket/api-definitions-loader.ts';
import { MessageCodec } from '../../../../../plugins/vpp/socket/message-codec.ts';
import { hex, toHex } from '../../../../fakes/vpp-api-json.ts';

let defs: ApiDefinitions;
let codec: MessageCodec;
const H = { context: 2, clientIndex: 1 };
const zeros = (n: number) => '00 '.repeat(n);

beforeAll(async () => {
  defs = await loadApiDefinitions(SHIPPED_API_DIR);
  codec = new MessageCodec(defs);
});

describe('MessageCodec with the shipped VPP 22.10 definitions', () => {
  it('encode() lays out sw_interface_add_del_address with its address_with_prefix alias and address union', () => {
    const msg = newRequest('sw_interface_add_del_address', { sw_if_index: 1, prefix: ip4Prefix('10.1.1.2', 24) });
    expect(toHex(codec.encode('sw_interface_add_del_address', 100, msg, H))).toBe(
      toHex(hex(`00 64  00 00 00 01  00 00 00 02  00 00 00 01  01  00  00 0a 01 01 02 ${zeros(12)} 18`)),
    );
  });

  it('encode() fills the .api default ~0 of sw_interface_dump and an empty variable string', () => {
    expect(toHex(codec.encode('sw_interface_dump', 7, { _msgname: 'sw_interface_dump', name_filter_valid: false, name_filter: '' } as never, H))).toBe(
      '00 07 00 00 00 01 00 00 00 02 ff ff ff ff 00 00 00 00 00',
    );
  });

  it('encode() writes acl_add_replace with its count from the rules and each rule nested', () => {
    const rule = {
      is_permit: AclAction.ACL_ACTION_API_PERMIT,
      src_prefix: ip4Prefix('10.1.0.0', 16),
      dst_prefix: ip4Prefix(0, 0),
      proto: 6,
      srcport_or_icmptype_first: 0,
      srcport_or_icmptype_last: 65535,
      dstport_or_icmpcode_first: 80,
      dstport_or_icmpcode_last: 80,
      tcp_flags_mask: 0,
      tcp_flags_value: 0,
    };
    const msg = newRequest('acl_add_replace', { tag: 'a', count: 0, r: [rule] });
    expect(toHex(codec.encode('acl_add_replace', 10, msg, H))).toBe(
      toHex(
        hex(`00 0a 00 00 00 01 00 00 00 02  ff ff ff ff  61 ${zeros(63)}  00 00 00 01
             01  00 0a 01 00 00 ${zeros(12)} 10  00 ${zeros(16)} 00  06  00 00 ff ff 00 50 00 50  00 00`),
      ),
    );
  });

  it('encode() writes a u64 bigint and a variable string (app_namespace_add_del)', () => {
    const msg = newRequest('app_namespace_add_del', { secret: 0x0102030405060708n, ip4_fib_id: 10, namespace_id: 'ns1' });
    expect(toHex(codec.encode('app_namespace_add_del', 11, msg, H))).toBe(
      '00 0b 00 00 00 01 00 00 00 02 01 02 03 04 05 06 07 08 ff ff ff ff 00 00 00 0a 00 00 00 00 00 00 00 03 6e 73 31',
    );
  });

  it('encode() writes acl_interface_set_acl_list with its u8 count before n_input', () => {
    const msg = newRequest('acl_interface_set_acl_list', { sw_if_index: 3, n_input: 1, acls: [4, 5] });
    expect(toHex(codec.encode('acl_interface_set_acl_list', 12, msg, H))).toBe('00 0c 00 00 00 01 00 00 00 02 00 00 00 03 02 01 00 00 00 04 00 00 00 05');
  });

  it('decode() reads dhcp_compl_event: event header, nested lease with its own counted array', () => {
    const bytes = hex(`00 2a 00 00 00 01  00 00 00 05
      00 00 00 01  00 00 00 02  00  68 ${zeros(63)}  18
      00 c0 a8 01 0a ${zeros(12)}  00 c0 a8 01 01 ${zeros(12)}  02 00 00 00 00 01  01  00 08 08 08 08 ${zeros(12)}`);
    expect(codec.decode('dhcp_compl_event', bytes)).toEqual({
      kind: 'event',
      context: 0,
      clientIndex: 1,
      msg: {
        _msgname: 'dhcp_compl_event',
        pid: 5,
        lease: {
          sw_if_index: 1,
          state: 2,
          is_ipv6: false,
          hostname: 'h',
          mask_width: 24,
          host_address: ip4Address('192.168.1.10'),
          router_address: ip4Address('192.168.1.1'),
          host_mac: [2, 0, 0, 0, 0, 1],
          count: 1,
          domain_server: [{ address: ip4Address('8.8.8.8') }],
        },
      },
    });
  });

  it('encode() places the fib_path of ip_route_add_del (next hop, label stack of 16) and decode() reads the IPv4 next hop by proto', () => {
    const msg = newRequest('ip_route_add_del', { route: { table_id: 0, stats_index: 0, prefix: ip4Prefix('10.2.0.0', 16), n_paths: 1, paths: [ip4Path('10.0.0.1', 3)] } });
    const bytes = codec.encode('ip_route_add_del', 13, msg, H);
    expect(bytes.length).toBe(10 + 2 + 4 + 4 + 18 + 1 + (4 + 4 + 4 + 1 + 1 + 4 + 4 + 4 + 28 + 1 + 16 * 7));
    expect(toHex(bytes.subarray(20, 39))).toBe(toHex(hex(`00 0a 02 00 00 ${zeros(12)} 10 01`)));
    expect(toHex(bytes.subarray(39, 43))).toBe('00 00 00 03');
    expect(toHex(bytes.subarray(65, 69))).toBe('0a 00 00 01');
    expect(toHex(bytes.subarray(89, 93))).toBe('ff ff ff ff');
    const path = (codec.decode('ip_route_add_del', bytes).msg['route'] as { paths: { nh: { address: unknown }; label_stack: unknown[] }[] }).paths[0]!;
    expect(path.nh.address).toEqual({ ip4: [10, 0, 0, 1] });
    expect(path.label_stack).toHaveLength(16);
  });

  it('decode() keeps NAT session counters (u64) as numbers, as the typed messages do', () => {
    const bytes = hex(`00 30 00 00 00 02  0a 00 00 01 00 50  0a 01 01 02 1f 90  00 06  00  00 00 00 00 00 00 00 2a  00 00 00 00 00 00 04 00  00 00 00 03  00 00 00 00 00 00  00 00 00 00 00 00`);
    const msg = codec.decode('nat44_user_session_details', bytes).msg;
    expect(msg['last_heard']).toBe(42);
    expect(msg['total_bytes']).toBe(1024);
    expect(msg['outside_port']).toBe(80);
  });

  it('encode() lays out the VPP 22.10 NAT44-ED plugin and output-interface messages', () => {
    const enable = newRequest('nat44_ed_plugin_enable_disable', { enable: true, sessions: 1000, outside_vrf: 2 });
    expect(toHex(codec.encode('nat44_ed_plugin_enable_disable', 20, enable, H))).toBe(
      toHex(hex(`00 14 00 00 00 01 00 00 00 02  00 00 00 00  00 00 00 02  00 00 03 e8  00 00 00 00  01  00`)),
    );
    const add = newRequest('nat44_ed_add_del_output_interface', { sw_if_index: 5 });
    expect(toHex(codec.encode('nat44_ed_add_del_output_interface', 21, add, H))).toBe('00 15 00 00 00 01 00 00 00 02 01 00 00 00 05');
    const get = newRequest('nat44_ed_output_interface_get', { cursor: 3 });
    expect(toHex(codec.encode('nat44_ed_output_interface_get', 22, get, H))).toBe('00 16 00 00 00 01 00 00 00 02 00 00 00 03');
  });

  it('decode() reads nat44_show_running_config_reply with its nested timeouts and the cursor get reply and details', () => {
    const rc = hex(`00 30 00 00 00 02  00 00 00 00  00 00 00 00  00 00 00 01  00 00 00 00  00 00 fc 00  00 00 00 00  00 00 00 00  00 00 80 00
                    01  00  00 00 01 2c  00 00 1d 10  00 00 00 f0  00 00 00 3c  00  01`);
    expect(codec.decode('nat44_show_running_config_reply', rc).msg).toEqual({
      _msgname: 'nat44_show_running_config_reply',
      retval: 0,
      inside_vrf: 0,
      outside_vrf: 1,
      users: 0,
      sessions: 64512,
      user_sessions: 0,
      user_buckets: 0,
      translation_buckets: 32768,
      forwarding_enabled: true,
      ipfix_logging_enabled: false,
      timeouts: { udp: 300, tcp_established: 7440, tcp_transitory: 240, icmp: 60 },
      log_level: 0,
      flags: 1,
    });
    expect(codec.decode('nat44_ed_output_interface_get_reply', hex('00 31 00 00 00 02  ff ff ff 5b  00 00 00 04')).msg).toMatchObject({ retval: -165, cursor: 4 });
    expect(codec.decode('nat44_ed_output_interface_details', hex('00 32 00 00 00 02  00 00 00 07')).msg).toMatchObject({ sw_if_index: 7 });
  });

  it('encode() then decode() then encode() yields the same bytes for every request the agent builds', () => {
    for (const name of defs.messageNames()) {
      if (!['request'].includes(defs.message(name)!.kind) || name.startsWith('sockclnt')) continue;
      let msg: Record<string, unknown>;
      try {
        msg = newRequest(name as never) as unknown as Record<string, unknown>;
      } catch {
        continue;
      }
      const once = codec.encode(name, 1, msg, H);
      const again = codec.encode(name, 1, codec.decode(name, once).msg, H);
      expect(toHex(again), name).toBe(toHex(once));
    }
  });

  it('decode() of an all-ones interface index in a reply stays ~0', () => {
    const bytes = hex('00 21 00 00 00 09 00 00 00 00 ff ff ff ff');
    expect(codec.decode('create_loopback_reply', bytes).msg).toEqual({ _msgname: 'create_loopback_reply', retval: 0, sw_if_index: U32_MAX });
  });
});
