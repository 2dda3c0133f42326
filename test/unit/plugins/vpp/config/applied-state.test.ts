import { describe, expect, it } from 'vitest';
import { AppliedState } from '../../../../../plugins/vpp/config/applied-state.ts';

describe('AppliedState', () => {
  it('set() and delete() keep the dependents, group and descriptor indexes in step', () => {
    const s = new AppliedState();
    s.set({ key: 'b/2', value: 2, metadata: { i: 2 }, descriptor: 'b', deps: [{ label: 'x', key: 'a/1' }], group: 'g' });
    s.set({ key: 'b/1', value: 1, metadata: { i: 1 }, descriptor: 'b', deps: [{ label: 'x', key: 'a/1' }], group: 'g' });
    expect([...s.dependents('a/1')].sort()).toEqual(['b/1', 'b/2']);
    expect(s.group('g').map((v) => v.key)).toEqual(['b/1', 'b/2']);
    expect(s.values('b').map((v) => v.key)).toEqual(['b/1', 'b/2']);
    s.set({ key: 'b/1', value: 1, metadata: { i: 1 }, descriptor: 'b', deps: [] });
    expect([...s.dependents('a/1')]).toEqual(['b/2']);
    expect(s.group('g').map((v) => v.key)).toEqual(['b/2']);
    s.delete('b/2');
    expect([...s.dependents('a/1')]).toEqual([]);
    expect(s.group('g')).toEqual([]);
    expect(s.metadata('b/1')).toEqual({ i: 1 });
    expect(s.size).toBe(1);
  });
});
