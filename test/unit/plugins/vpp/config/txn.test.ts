import { describe, expect, it } from 'vitest';
import { Txn } from '../../../../../plugins/vpp/config/txn.ts';

describe('Txn', () => {
  it('changes() keeps the last change of each key, sorted by key', () => {
    const t = new Txn();
    t.put('vpp/nat/global', { forwarding: true });
    t.put('vpp/acl/a', { name: 'a', rules: [], ingress: [], egress: [] });
    t.delete('vpp/nat/global');
    expect(t.changes()).toEqual([{ key: 'vpp/acl/a', value: { name: 'a', rules: [], ingress: [], egress: [] } }, { key: 'vpp/nat/global' }]);
    expect(t.has('vpp/nat/global')).toBe(true);
    expect(t.value('vpp/nat/global')).toBeUndefined();
    expect(t.size).toBe(2);
  });
});
