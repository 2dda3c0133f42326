import { describe, expect, it } from 'vitest';
import { AppliedState } from '../../../../../plugins/vpp/config/applied-state.ts';
import { DescriptorRegistry } from '../../../../../plugins/vpp/config/descriptor-registry.ts';
import { OperationFailedError } from '../../../../../plugins/vpp/config/reconciler-errors.ts';
import { TargetState } from '../../../../../plugins/vpp/config/target-state.ts';
import { describeValues } from '../../../../../plugins/vpp/config/value-state.ts';
import { valuesEqual } from '../../../../../plugins/vpp/config/value-equal.ts';
import { fakeDescriptor, FakeSouthbound } from '../../../../fakes/fake-southbound.ts';

describe('describeValues', () => {
  it('describeValues() gives every key its status, sorted by key', () => {
    const registry = new DescriptorRegistry().register(fakeDescriptor(new FakeSouthbound(), { name: 'a', keyPrefix: 'a/', validate: true }));
    const target = new TargetState(registry);
    const applied = new AppliedState();
    const put = (k: string, data: string, deps?: string[]) => target.setBase(k, { data, ...(deps ? { deps } : {}) });
    const have = (k: string, data: string) => applied.set({ key: k, value: { data }, metadata: { id: 1 }, descriptor: 'a', deps: [] });
    put('a/ok', 'x');
    have('a/ok', 'x');
    put('a/wait', 'x', ['a/none']);
    put('a/bad', 'bad');
    have('a/old', 'x');
    put('a/diff', 'new');
    have('a/diff', 'old');
    put('a/fail', 'x');
    const failures = new Map([['a/fail', { op: 'create' as const, error: new OperationFailedError('a/fail', 'create', 'a'), attempts: 2, retryAt: 5 }]]);
    const states = describeValues({ target, applied, failures, equivalent: (t, a) => valuesEqual(t.value, a.value) });
    expect(states.map((s) => [s.key, s.status])).toEqual([
      ['a/bad', 'invalid'],
      ['a/diff', 'outdated'],
      ['a/fail', 'failed'],
      ['a/ok', 'configured'],
      ['a/old', 'obsolete'],
      ['a/wait', 'pending'],
    ]);
    expect(states.find((s) => s.key === 'a/wait')?.missing).toEqual([{ label: 'needs', key: 'a/none' }]);
    expect(states.find((s) => s.key === 'a/fail')).toMatchObject({ attempts: 2, retryAt: 5, error: { code: 'VPP_OPERATION_FAILED' } });
  });
});
