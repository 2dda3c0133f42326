import { describe, expect, it } from 'vitest';
import { ip4Path, newRequest } from '../../../../../plugins/vpp/messages/new-request.ts';
import { U32_MAX, ip4Prefix } from '../../../../../plugins/vpp/messages/vpp-types.ts';
import type { AclRule } from '../../../../../plugins/vpp/messages/acl.ts';

const rule: AclRule = {
  is_permit: 1,
  src_prefix: ip4Prefix(0, 0),
  dst_prefix: ip4Prefix(0, 0),
  proto: 6,
  srcport_or_icmptype_first: 0,
  srcport_or_icmptype_last: 65535,
  dstport_or_icmpcode_first: 80,
  dstport_or_icmpcode_last: 80,
  tcp_flags_mask: 0,
  tcp_flags_value: 0,
};

describe('newRequest', () => {
  it('newRequest() fills VPP .api defaults (tap_create_v2: id ~0, random MAC, 256-slot rings)', () => {
    const m = newRequest('tap_create_v2', { host_if_name_set: true, host_if_name: 'eth0' });
    expect(m).toMatchObject({ _msgname: 'tap_create_v2', id: U32_MAX, use_random_mac: true, tx_ring_sz: 256, rx_ring_sz: 256, host_if_name: 'eth0' });
  });

  it('newRequest() defaults interface and ACL indexes to ~0 so a forgotten index fails loudly', () => {
    expect(newRequest('sw_interface_set_flags').sw_if_index).toBe(U32_MAX);
    expect(newRequest('acl_add_replace').acl_index).toBe(U32_MAX);
    expect(newRequest('acl_dump').acl_index).toBe(U32_MAX);
  });

  it('newRequest() derives count fields from their arrays unless given', () => {
    expect(newRequest('acl_add_replace', { r: [rule, rule] }).count).toBe(2);
    expect(newRequest('acl_add_replace', { r: [rule], count: 5 }).count).toBe(5);
    expect(newRequest('acl_interface_set_acl_list', { acls: [1, 2, 3], n_input: 1 }).count).toBe(3);
    const route = newRequest('ip_route_add_del', { route: { table_id: 0, stats_index: 0, prefix: ip4Prefix(0, 0), n_paths: 0, paths: [ip4Path('10.0.0.1', 1)] } });
    expect(route.route.n_paths).toBe(0);
    const derived = newRequest('ip_route_add_del', {
      route: { table_id: 0, stats_index: 0, prefix: ip4Prefix(0, 0), paths: [ip4Path('10.0.0.1', 1)] } as never,
    });
    expect(derived.route.n_paths).toBe(1);
  });

  it('ip4Path() builds an IPv4 fib_path with the next hop bytes and weight 1', () => {
    expect(ip4Path('10.0.0.1', 3)).toMatchObject({ sw_if_index: 3, weight: 1, proto: 0, nh: { address: { ip4: [10, 0, 0, 1] } } });
    expect(ip4Path(undefined, 2).nh.address.ip4).toEqual([0, 0, 0, 0]);
  });
});
