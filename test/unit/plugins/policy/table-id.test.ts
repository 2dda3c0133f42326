import { describe, expect, it } from 'vitest';
import { parseCidr } from '../../../../plugins/net/ipv4.ts';
import { contivRule } from '../../../../plugins/policy/contiv-rule.ts';
import { hash64, tableIdOf } from '../../../../plugins/policy/table-id.ts';
import { TCP } from '../../../../plugins/policy/protocol.ts';

describe('tableIdOf', () => {
  const a = [contivRule({ action: 'permit', proto: TCP, src: parseCidr('10.1.1.2/32') }), contivRule({ action: 'deny' })];
  it('tableIdOf() gives the same 16-hex-digit ID for the same rules, every time', () => {
    expect(tableIdOf(a)).toMatch(/^[0-9A-F]{16}$/);
    expect(tableIdOf(a.map((r) => ({ ...r })))).toBe(tableIdOf(a));
  });
  it('tableIdOf() changes with any field, and with the order', () => {
    const ids = new Set([
      tableIdOf(a),
      tableIdOf([a[1]!, a[0]!]),
      tableIdOf([{ ...a[0]!, src: parseCidr('10.1.1.3/32') }, a[1]!]),
      tableIdOf([{ ...a[0]!, dstPorts: { first: 80, last: 80 } }, a[1]!]),
      tableIdOf([{ ...a[0]!, action: 'deny' }, a[1]!]),
      tableIdOf([a[0]!]),
    ]);
    expect(ids.size).toBe(6);
  });
  it('hash64() is stable across runs (fixed value)', () => {
    expect(hash64('contiv')).toBe('A64FB6E3E50D9534');
    expect(hash64('contiv')).not.toBe(hash64('contiw'));
  });
});
