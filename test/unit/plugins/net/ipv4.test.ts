import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { cidrContains, formatCidr, formatIp4, IpParseError, isIp4, lastAddress, parseCidr, parseIp4 } from '../../../../plugins/net/ipv4.ts';

/** Strings near dotted quads: digits, dots, slashes and a few other characters. */
const nearIp = fc.string({ unit: fc.constantFrom('0', '1', '2', '5', '9', '.', '.', '/', 'x', ' ', '-'), maxLength: 18 });

describe('ipv4', () => {
  it('parseIp4() and formatIp4() round-trip', () => {
    expect(formatIp4(parseIp4('10.1.255.3'))).toBe('10.1.255.3');
    expect(parseIp4('255.255.255.255')).toBe(0xffffffff);
  });
  it('parseCidr() masks host bits like Kubernetes does for ipBlock', () => {
    expect(formatCidr(parseCidr('10.1.2.3/16'))).toBe('10.1.0.0/16');
    expect(formatCidr(parseCidr('10.1.2.3'))).toBe('10.1.2.3/32');
  });
  it.each(['10.1.2/24', '10.1.2.3/33', '300.1.1.1/8', 'abc', '10.1.1.1/'])('parseCidr() rejects %s', (bad) => {
    expect(() => parseCidr(bad)).toThrow(IpParseError);
  });
  it.each(['1.2.3.04', '01.2.3.4', '1.2.3', '1.2.3.4.5', '1..2.3', '256.1.1.1', '1.2.3.4 ', '+1.2.3.4', '1.2.3.-4', ''])('isIp4() rejects %j', (bad) => {
    expect(isIp4(bad)).toBe(false);
    expect(() => parseIp4(bad)).toThrow(IpParseError);
  });
  it('isIp4() and parseIp4() agree with ipaddr.js on strict dotted quads', () => {
    fc.assert(fc.property(fc.oneof(nearIp, fc.ipV4()), (text) => {
      const valid = ipaddr.IPv4.isValidFourPartDecimal(text);
      expect(isIp4(text)).toBe(valid);
      if (valid) {
        const o = ipaddr.IPv4.parse(text).octets;
        expect(parseIp4(text)).toBe(((o[0]! << 24) | (o[1]! << 16) | (o[2]! << 8) | o[3]!) >>> 0);
      }
    }), { numRuns: 2000 });
  });
  it('parseCidr() accepts exactly an address, or an address with a 1-2 digit length up to 32', () => {
    fc.assert(fc.property(fc.oneof(nearIp, fc.ipV4().chain((ip) => fc.nat(40).map((n) => `${ip}/${n}`))), (text) => {
      const slash = text.indexOf('/');
      const addr = slash < 0 ? text : text.slice(0, slash);
      const len = slash < 0 ? '32' : text.slice(slash + 1);
      const valid = ipaddr.IPv4.isValidFourPartDecimal(addr) && /^\d{1,2}$/.test(len) && Number(len) <= 32;
      if (!valid) expect(() => parseCidr(text)).toThrow(IpParseError);
      else {
        const n = Number(len);
        const mask = n === 0 ? 0 : (0xffffffff << (32 - n)) >>> 0;
        expect(parseCidr(text)).toEqual({ addr: (parseIp4(addr) & mask) >>> 0, len: n });
      }
    }), { numRuns: 2000 });
  });
  it('cidrContains() and lastAddress()', () => {
    const c = parseCidr('192.168.0.0/30');
    expect(cidrContains(c, parseIp4('192.168.0.3'))).toBe(true);
    expect(cidrContains(c, parseIp4('192.168.0.4'))).toBe(false);
    expect(formatIp4(lastAddress(c))).toBe('192.168.0.3');
    expect(cidrContains(parseCidr('0.0.0.0/0'), parseIp4('8.8.8.8'))).toBe(true);
  });
});
