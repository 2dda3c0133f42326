import { describe, expect, it } from 'vitest';
import {
  addressToIp4,
  ip4Address,
  ip4Bytes,
  ip4FromBytes,
  ip4Prefix,
  macFromText,
  macToText,
  prefixFromText,
  prefixToCidr,
  prefixToText,
} from '../../../../../plugins/vpp/messages/vpp-types.ts';
import { parseIp4 } from '../../../../../plugins/net/ipv4.ts';

describe('vpp-types', () => {
  it('ip4Bytes() and ip4FromBytes() round-trip addresses in network byte order', () => {
    expect(ip4Bytes(parseIp4('10.1.2.3'))).toEqual([10, 1, 2, 3]);
    expect(ip4FromBytes([255, 255, 255, 254])).toBe(0xfffffffe);
  });

  it('ip4Address() builds VPP address { af: ADDRESS_IP4, un: { ip4 } } and addressToIp4() reads it back', () => {
    const a = ip4Address('192.168.16.1');
    expect(a).toEqual({ af: 0, un: { ip4: [192, 168, 16, 1] } });
    expect(addressToIp4(a)).toBe(parseIp4('192.168.16.1'));
  });

  it('addressToIp4() returns undefined for an IPv6 address', () => {
    expect(addressToIp4({ af: 1, un: { ip6: new Array<number>(16).fill(0) } })).toBeUndefined();
  });

  it('prefixFromText() keeps host bits (interface addresses) and prefixToCidr() masks them', () => {
    const p = prefixFromText('10.1.1.7/24');
    expect(p).toEqual(ip4Prefix('10.1.1.7', 24));
    expect(prefixToText(p)).toBe('10.1.1.7/24');
    expect(prefixToCidr(p)).toEqual({ addr: parseIp4('10.1.1.0'), len: 24 });
    expect(prefixToText(prefixFromText('10.0.0.1'))).toBe('10.0.0.1/32');
  });

  it('macFromText() parses and macToText() formats a MAC; a malformed MAC throws', () => {
    expect(macFromText('02:FE:0a:00:00:01')).toEqual([2, 254, 10, 0, 0, 1]);
    expect(macToText([2, 254, 10, 0, 0, 1])).toBe('02:fe:0a:00:00:01');
    expect(() => macFromText('02:fe:0a')).toThrow(RangeError);
  });
});
