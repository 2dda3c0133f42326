import { describe, expect, it } from 'vitest';
import { cidrContains, formatCidr, formatIp4, IpParseError, lastAddress, parseCidr, parseIp4 } from '../../../../plugins/net/ipv4.ts';

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
  it('cidrContains() and lastAddress()', () => {
    const c = parseCidr('192.168.0.0/30');
    expect(cidrContains(c, parseIp4('192.168.0.3'))).toBe(true);
    expect(cidrContains(c, parseIp4('192.168.0.4'))).toBe(false);
    expect(formatIp4(lastAddress(c))).toBe('192.168.0.3');
    expect(cidrContains(parseCidr('0.0.0.0/0'), parseIp4('8.8.8.8'))).toBe(true);
  });
});
