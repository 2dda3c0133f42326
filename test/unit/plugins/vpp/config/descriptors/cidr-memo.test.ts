import { describe, expect, it } from 'vitest';
import { parseCidrMemo } from '../../../../../../plugins/vpp/config/descriptors/cidr-memo.ts';

describe('parseCidrMemo', () => {
  it('parseCidrMemo() parses like parseCidr, remembers results and never remembers failures', () => {
    expect(parseCidrMemo('10.1.2.3/16')).toEqual({ addr: 0x0a010000, len: 16 });
    expect(parseCidrMemo('10.1.2.3/16')).toBe(parseCidrMemo('10.1.2.3/16'));
    expect(() => parseCidrMemo('10.1.2.3/40')).toThrow();
    expect(() => parseCidrMemo('10.1.2.3/40')).toThrow();
  });
});
