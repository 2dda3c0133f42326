import { describe, expect, it } from 'vitest';
import { AppliedState } from '../../../../../plugins/vpp/config/applied-state.ts';
import { DescriptorRegistry } from '../../../../../plugins/vpp/config/descriptor-registry.ts';
import { dumpAppliedState } from '../../../../../plugins/vpp/config/dump-applied-state.ts';
import { TargetState } from '../../../../../plugins/vpp/config/target-state.ts';
import { fakeDescriptor, FakeSouthbound } from '../../../../fakes/fake-southbound.ts';

describe('dumpAppliedState', () => {
  it('dumpAppliedState() takes tagged and claimed objects as ours, keeps the old view of undumpable or failed kinds', async () => {
    const sb = new FakeSouthbound();
    const registry = new DescriptorRegistry()
      .register(fakeDescriptor(sb, { name: 'r', keyPrefix: 'r/', dump: true }))
      .register(fakeDescriptor(sb, { name: 'x', keyPrefix: 'x/', dump: true }))
      .register(fakeDescriptor(sb, { name: 'n', keyPrefix: 'n/' }));
    sb.seed('r', { data: 'claimed' });
    sb.seed('r', { data: 'other' });
    sb.seed('r', { data: 't' }, 'r/t');
    const target = new TargetState(registry);
    target.setBase('r/claimed', { data: 'claimed' });
    const old = new AppliedState();
    old.set({ key: 'n/1', value: { data: '1' }, metadata: { id: 9 }, descriptor: 'n', deps: [] });
    old.set({ key: 'x/1', value: { data: '1' }, metadata: { id: 8 }, descriptor: 'x', deps: [] });
    sb.failNext('dump', 'x');
    const d = await dumpAppliedState(registry, target, old);
    expect([...d.applied.keys()].sort()).toEqual(['n/1', 'r/claimed', 'r/t', 'x/1']);
    expect(d.foreign).toEqual([{ descriptor: 'r', objects: ['r 2'] }]);
    expect(d.summaries.map((s) => [s.descriptor, s.ours, s.error?.code])).toEqual([
      ['r', 2, undefined],
      ['x', 0, 'VPP_DUMP_FAILED'],
    ]);
  });

  it('dumpAppliedState() lets a dump see the desired keys and the previous view (what kinds VPP cannot list infer from)', async () => {
    const seen: unknown[] = [];
    const registry = new DescriptorRegistry().register({
      name: 'i',
      keyPrefix: 'i/',
      create: async () => undefined,
      delete: async () => undefined,
      async dump(ctx) {
        seen.push(ctx.desiredKeys('i/'), ctx.previous('i/old')?.metadata, ctx.previous('i/a'));
        return { ours: ctx.desiredKeys('i/').map((key) => ({ key, value: ctx.correlate(key), metadata: undefined })), foreign: [] };
      },
    });
    const target = new TargetState(registry);
    target.setBase('i/b', { v: 2 });
    target.setBase('i/a', { v: 1 });
    const old = new AppliedState();
    old.set({ key: 'i/old', value: { v: 0 }, metadata: { n: 7 }, descriptor: 'i', deps: [] });
    const d = await dumpAppliedState(registry, target, old);
    expect(seen).toEqual([['i/a', 'i/b'], { n: 7 }, undefined]);
    expect([...d.applied.keys()].sort()).toEqual(['i/a', 'i/b']);
  });
});
