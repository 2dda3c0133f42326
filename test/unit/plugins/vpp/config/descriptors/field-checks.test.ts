import { describe, expect, it } from 'vitest';
import { canonicalIfAddress, checkCidr, checkKey, checkMac, checkTag } from '../../../../../../plugins/vpp/config/descriptors/field-checks.ts';

describe('field checks', () => {
  it('checkTag() refuses empty and over-long names, naming key and field', () => {
    expect(() => checkTag('vpp/acl/x', 'name', '')).toThrow(expect.objectContaining({ code: 'BAD_INPUT', source: 'vpp/acl/x', field: 'name' }));
    expect(() => checkTag('k', 'tag', 'x'.repeat(64))).toThrow(/longer than 63/);
    expect(() => checkTag('k', 'tag', '', true)).not.toThrow();
  });

  it('checkCidr(), checkMac() and checkKey() reject malformed values', () => {
    expect(() => checkCidr('k', 'dst', '10.0.0.0/33')).toThrow(expect.objectContaining({ field: 'dst' }));
    expect(() => checkMac('k', 'mac', '02:00:00:00:00')).toThrow(/not a MAC/);
    expect(() => checkKey('vpp/acl/a', 'vpp/acl/b')).toThrow(/belongs under vpp\/acl\/b/);
  });

  it('canonicalIfAddress() keeps host bits and adds /32 to a bare address', () => {
    expect(canonicalIfAddress('10.1.1.7/24')).toBe('10.1.1.7/24');
    expect(canonicalIfAddress('10.1.1.7')).toBe('10.1.1.7/32');
  });
});
