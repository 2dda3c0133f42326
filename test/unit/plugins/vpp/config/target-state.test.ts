import { describe, expect, it } from 'vitest';
import { DescriptorRegistry } from '../../../../../plugins/vpp/config/descriptor-registry.ts';
import { TargetState } from '../../../../../plugins/vpp/config/target-state.ts';
import { fakeDescriptor, FakeSouthbound } from '../../../../fakes/fake-southbound.ts';

function target(): TargetState {
  const sb = new FakeSouthbound();
  return new TargetState(
    new DescriptorRegistry().register(fakeDescriptor(sb, { name: 'a', keyPrefix: 'a/', validate: true })).register(fakeDescriptor(sb, { name: 'b', keyPrefix: 'b/' })),
  );
}

describe('TargetState', () => {
  it('setBase() derives values with their base as a dependency and returns every touched key', () => {
    const t = target();
    expect([...t.setBase('a/1', { data: 'x', deps: ['b/9'], children: { 'b/1': 'c1', 'b/2': 'c2' } })].sort()).toEqual(['a/1', 'b/1', 'b/2']);
    expect(t.get('b/1')).toEqual({ key: 'b/1', value: { data: 'c1' }, descriptor: 'b', deps: [{ label: 'derived-from', key: 'a/1' }], derivedFrom: 'a/1' });
    expect([...t.waiters('a/1')].sort()).toEqual(['b/1', 'b/2']);
    expect([...t.waiters('b/9')]).toEqual(['a/1']);
    expect([...t.setBase('a/1', { data: 'x', children: { 'b/2': 'c2' } })].sort()).toEqual(['a/1', 'b/1', 'b/2']);
    expect(t.get('b/1')).toBeUndefined();
    expect([...t.waiters('b/9')]).toEqual([]);
  });

  it('setBase() records an invalid value instead of wanting it', () => {
    const t = target();
    t.setBase('a/1', { data: 'bad' });
    expect(t.get('a/1')).toBeUndefined();
    expect(t.invalid('a/1')?.code).toBe('BAD_INPUT');
    t.setBase('zz', { data: 'x' });
    expect(t.invalid('zz')?.code).toBe('VPP_UNKNOWN_KEY');
    expect([...t.keys()].sort()).toEqual(['a/1', 'zz']);
  });

  it('desiredKeys() lists base keys under a prefix, sorted; replaceAll() starts over', () => {
    const t = target();
    t.setBase('b/2', { data: '2' });
    t.setBase('a/1', { data: '1', children: { 'b/1': 'c' } });
    t.setBase('b/10', { data: '10' });
    expect(t.desiredKeys('b/')).toEqual(['b/10', 'b/2']);
    t.replaceAll([{ key: 'b/3', value: { data: '3' } }]);
    expect(t.desiredEntries()).toEqual([{ key: 'b/3', value: { data: '3' } }]);
    expect(t.get('b/1')).toBeUndefined();
  });
});
