import { describe, expect, it } from 'vitest';
import { decodeDhcpEvent } from '../../../../plugins/contiv/dhcp-lease.ts';
import { decodeDhcpLease, encodeDhcpLease } from '../../../../plugins/contiv/dhcp-lease-record.ts';
import { formatIp4 } from '../../../../plugins/net/ipv4.ts';

const show = (l: ReturnType<typeof decodeDhcpEvent>) => l && { sw: l.swIfIndex, ip: `${formatIp4(l.address.ip)}/${l.address.len}`, gw: l.router === undefined ? undefined : formatIp4(l.router) };

describe('decodeDhcpEvent', () => {
  it('decodeDhcpEvent() reads the VPP 22.10 lease with address unions', () => {
    const ev = {
      _msgname: 'dhcp_compl_event', pid: 1,
      lease: { sw_if_index: 1, state: 2, is_ipv6: false, hostname: 'n1', mask_width: 24,
        host_address: { af: 0, un: { ip4: [192, 168, 16, 55] } }, router_address: { af: 0, un: { ip4: [192, 168, 16, 1] } } },
    };
    expect(show(decodeDhcpEvent(ev))).toEqual({ sw: 1, ip: '192.168.16.55/24', gw: '192.168.16.1' });
  });

  it('decodeDhcpEvent() reads the older flat event with byte arrays', () => {
    const ev = { pid: 1, is_ipv6: 0, mask_width: 16, host_address: [10, 0, 3, 4, 0, 0, 0, 0], router_address: [0, 0, 0, 0] };
    expect(show(decodeDhcpEvent(ev))).toEqual({ sw: undefined, ip: '10.0.3.4/16', gw: undefined });
  });

  it('decodeDhcpEvent() ignores IPv6 and malformed events', () => {
    expect(decodeDhcpEvent({ lease: { is_ipv6: true, mask_width: 64, host_address: '1.2.3.4' } })).toBeUndefined();
    expect(decodeDhcpEvent({ lease: { mask_width: 40, host_address: '1.2.3.4' } })).toBeUndefined();
    expect(decodeDhcpEvent(null)).toBeUndefined();
    expect(decodeDhcpEvent({ lease: { mask_width: 24, host_address: { af: 1, un: {} } } })).toBeUndefined();
  });
});

describe('persisted DHCP lease', () => {
  it('decodeDhcpLease() round-trips encodeDhcpLease() and names bad fields', () => {
    const lease = decodeDhcpEvent({ mask_width: 24, host_address: '192.168.16.55', router_address: '192.168.16.1' })!;
    expect(show(decodeDhcpLease('k', encodeDhcpLease(lease)))).toEqual({ sw: undefined, ip: '192.168.16.55/24', gw: '192.168.16.1' });
    expect(() => decodeDhcpLease('k', '{"address":"1.2.3.4"}')).toThrow('k address: expected a.b.c.d/len');
    expect(() => decodeDhcpLease('k', '{"address":"1.2.3.4/24","router":"x"}')).toThrow('k router: expected a.b.c.d');
  });
});
