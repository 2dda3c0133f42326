import { describe, expect, it } from 'vitest';
import { ProtoReader } from '../../../../plugins/ksr/proto-reader.ts';

describe('ProtoReader', () => {
  it('reads fields case-insensitively with zero values for omitted ones', () => {
    const r = new ProtoReader({ Name: 'x', POD_cidr: 'c', label: [{ key: 'a', value: 'b' }], sel: { App: 'Web' } }, 'k', '');
    expect([r.str('name'), r.str('pod_CIDR'), r.str('missing'), r.num('missing')]).toEqual(['x', 'c', '', 0]);
    expect(r.pairs('label')).toEqual({ a: 'b' });
    expect(r.map('sel')).toEqual({ App: 'Web' });
    expect(r.list('nothing')).toEqual([]);
  });

  it('names the proto field of a mistyped value', () => {
    const r = new ProtoReader({ port: [{ number: 'eighty' }] }, 'k', '');
    expect(() => r.list('port')[0]!.num('number')).toThrow(expect.objectContaining({ source: 'k', field: 'port[0].number' }));
  });
});
