import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cidrContains, formatCidr, parseCidr } from '../../../../plugins/net/ipv4.ts';
import { subtractCidr, subtractCidrs } from '../../../../plugins/policy/ip-block.ts';

const c = parseCidr;
describe('subtractCidrs', () => {
  it('subtractCidr() returns the siblings along the path to the except', () => {
    expect(subtractCidr(c('192.168.2.0/24'), c('192.168.2.4/30')).map(formatCidr)).toEqual([
      '192.168.2.128/25', '192.168.2.64/26', '192.168.2.32/27', '192.168.2.16/28', '192.168.2.8/29', '192.168.2.0/30',
    ]);
    expect(subtractCidr(c('10.0.0.0/8'), c('11.0.0.0/8')).map(formatCidr)).toEqual(['10.0.0.0/8']);
    expect(subtractCidr(c('10.1.0.0/16'), c('10.0.0.0/8'))).toEqual([]);
  });
  it('subtractCidrs() handles several excepts and masks non-canonical input', () => {
    expect(subtractCidrs(c('10.0.0.7/8'), [c('10.1.0.0/16'), c('10.2.0.0/16')]).map(formatCidr)).toEqual([
      '10.0.0.0/16', '10.3.0.0/16', '10.4.0.0/14', '10.8.0.0/13', '10.16.0.0/12', '10.32.0.0/11', '10.64.0.0/10', '10.128.0.0/9',
    ]);
  });
  it('subtractCidrs() keeps exactly the addresses of the base outside every except', () => {
    const prefix = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 20, max: 32 })).map(([x, len]) => c(`10.0.${x}.0/${len}`));
    fc.assert(fc.property(fc.integer({ min: 16, max: 24 }), fc.array(prefix, { maxLength: 4 }), fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 20, maxLength: 20 }), (len, excepts, probes) => {
      const base = c(`10.0.0.0/${len}`);
      const parts = subtractCidrs(base, excepts);
      for (const low of probes) {
        const ip = (c('10.0.0.0/16').addr + low) >>> 0;
        const expected = cidrContains(base, ip) && !excepts.some((e) => cidrContains(e, ip));
        expect(parts.filter((p) => cidrContains(p, ip)).length).toBe(expected ? 1 : 0);
      }
    }));
  });
});
