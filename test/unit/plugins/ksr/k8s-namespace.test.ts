import { describe, expect, it } from 'vitest';
import { decodeNamespace } from '../../../../plugins/ksr/k8s-namespace.ts';

describe('decodeNamespace', () => {
  it('decodeNamespace() reads name and labels', () => {
    expect(decodeNamespace({ metadata: { name: 'prod', labels: { env: 'prod' } } }, 'k')).toEqual({ name: 'prod', labels: { env: 'prod' } });
  });

  it('decodeNamespace() rejects a bad label naming the field', () => {
    expect(() => decodeNamespace({ metadata: { name: 'p', labels: { a: 'x y' } } }, 'k')).toThrow(expect.objectContaining({ field: 'metadata.labels.a' }));
  });
});
