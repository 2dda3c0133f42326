import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { badInputFromZod, field, fieldPath } from '../../../../plugins/ksr/zod-issue.ts';

describe('fieldPath', () => {
  it('fieldPath() writes indexes in brackets and quotes keys that are not identifiers', () => {
    expect(fieldPath(['spec', 'ingress', 0, 'from', 1, 'ipBlock'])).toBe('spec.ingress[0].from[1].ipBlock');
    expect(fieldPath(['metadata', 'labels', 'app.kubernetes.io/name'])).toBe('metadata.labels["app.kubernetes.io/name"]');
    expect(field('a', 'b c')).toBe('a["b c"]');
    expect(field('', 'x')).toBe('x');
  });
});

describe('badInputFromZod', () => {
  it('badInputFromZod() names the first issue and counts the others', () => {
    const res = z.object({ a: z.number(), b: z.string() }).safeParse({ a: 'x', b: 1 });
    const err = badInputFromZod('src', res.error!);
    expect([err.source, err.field]).toEqual(['src', 'a']);
    expect(err.detail).toMatch(/\(and 1 more problem\)$/);
  });
});
