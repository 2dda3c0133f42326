import { describe, expect, it } from 'vitest';
import {
  actionOfPathType,
  isRejectMappingTag,
  isSinkRange,
  rejectMappingTag,
  rejectPath,
  rejectTagOf,
} from '../../../../../../plugins/vpp/config/descriptors/nat-reject-realisation.ts';
import { parseIp4 } from '../../../../../../plugins/net/ipv4.ts';
import { FibPathType } from '../../../../../../plugins/vpp/messages/ip.ts';

describe('rejectMappingTag', () => {
  it('rejectMappingTag() prefixes the tag, and rejectTagOf() takes it back', () => {
    expect(rejectMappingTag('svc:default/web:80')).toBe('reject:svc:default/web:80');
    expect(rejectTagOf('reject:svc:default/web:80')).toBe('svc:default/web:80');
    expect(isRejectMappingTag('svc:default/web:80')).toBe(false);
  });

  it('rejectMappingTag() keeps a long tag within 63 characters, stable and distinct', () => {
    const a = rejectMappingTag(`svc:${'n'.repeat(40)}/${'s'.repeat(10)}:8443`);
    const b = rejectMappingTag(`svc:${'n'.repeat(40)}/${'s'.repeat(10)}:8444`);
    expect(a).toHaveLength(63);
    expect(a.startsWith(`reject:svc:${'n'.repeat(40)}/`)).toBe(true);
    expect(a).toMatch(/~[0-9a-f]{8}$/);
    expect(a).not.toBe(b);
    expect(rejectMappingTag(`svc:${'n'.repeat(40)}/${'s'.repeat(10)}:8443`)).toBe(a);
  });
});

describe('rejectPath', () => {
  it('rejectPath() is an ICMP-unreachable path for reject and a drop path for drop, and actionOfPathType() reads them back', () => {
    expect(rejectPath('reject')).toMatchObject({ type: FibPathType.FIB_API_PATH_TYPE_ICMP_UNREACH, sw_if_index: 0xffffffff });
    expect(rejectPath('drop').type).toBe(FibPathType.FIB_API_PATH_TYPE_DROP);
    expect([5, 2, 6, 0].map(actionOfPathType)).toEqual(['reject', 'drop', undefined, undefined]);
  });

  it('isSinkRange() is 0.0.0.0/8 only', () => {
    expect(['0.0.0.1', '0.255.255.255', '1.0.0.0', '10.96.0.1'].map((a) => isSinkRange(parseIp4(a)))).toEqual([true, true, false, false]);
  });
});
