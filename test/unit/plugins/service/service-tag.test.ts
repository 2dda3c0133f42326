import { describe, expect, it } from 'vitest';
import { servicePortTag, serviceTag } from '../../../../plugins/service/service-tag.ts';
import { fitTag, MAX_TAG_LENGTH } from '../../../../plugins/vpp/vpp-tag.ts';

describe('servicePortTag', () => {
  it('servicePortTag() names namespace, Service and port', () => {
    expect(servicePortTag('default', 'web', 80)).toBe('svc:default/web:80');
    expect(serviceTag('kube-system', 'kube-dns')).toBe('svc:kube-system/kube-dns');
  });
});

describe('fitTag', () => {
  it('fitTag() keeps tags within 63 characters, distinct and stable for long names', () => {
    const long = (n: string): string => servicePortTag('a-very-long-namespace-name-for-testing', `${n}-and-an-equally-long-service-name`, 8080);
    const a = long('first');
    const b = long('other');
    expect(a.length).toBe(MAX_TAG_LENGTH);
    expect(a).not.toBe(b);
    expect(a).toBe(long('first'));
    expect(a.startsWith('svc:a-very-long-namespace')).toBe(true);
    expect(fitTag('short')).toBe('short');
  });
});
