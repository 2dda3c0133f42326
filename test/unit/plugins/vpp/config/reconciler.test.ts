import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../../core/clock.ts';
import { BadInputError } from '../../../../../core/errors.ts';
import { DescriptorRegistry } from '../../../../../plugins/vpp/config/descriptor-registry.ts';
import { Reconciler, type ReconcilerOptions } from '../../../../../plugins/vpp/config/reconciler.ts';
import type { TxnChange } from '../../../../../plugins/vpp/config/txn.ts';
import { changingCalls, fakeDescriptor, FakeSouthbound, type FakeValue } from '../../../../fakes/fake-southbound.ts';

const ev = { eventKind: 'test' };
const put = (key: string, value: FakeValue): TxnChange => ({ key, value });
const del = (key: string): TxnChange => ({ key });

function setup(opts: ReconcilerOptions = {}) {
  const sb = new FakeSouthbound();
  const registry = new DescriptorRegistry()
    .register(fakeDescriptor(sb, { name: 'fake-if', keyPrefix: 'if/', dump: true, recreateOnBang: true, validate: true }))
    .register(fakeDescriptor(sb, { name: 'fake-acl', keyPrefix: 'acl/', dump: true, dumpAfter: ['fake-if'] }))
    .register(fakeDescriptor(sb, { name: 'fake-bind', keyPrefix: 'bind/', dump: true, update: false, dumpAfter: ['fake-acl'] }))
    .register(fakeDescriptor(sb, { name: 'fake-route', keyPrefix: 'route/', dump: true, update: false }))
    .register(fakeDescriptor(sb, { name: 'fake-nodump', keyPrefix: 'nodump/' }));
  const retries: { delay: number; keys: readonly string[] }[] = [];
  const clock = new ManualClock(1000);
  const rec = new Reconciler(registry, {
    clock,
    scheduleRetry: (delay, keys) => retries.push({ delay, keys }),
    countCalls: () => sb.calls.length,
    ...opts,
  });
  return { sb, rec, retries, clock };
}

describe('Reconciler', () => {
  it('commit() creates dependencies before dependents whatever the key order', async () => {
    const { sb, rec } = setup();
    await rec.commit(
      [put('acl/a', { data: 'a', deps: ['if/z'] }), put('if/z', { data: 'z' }), put('route/0', { data: 'r', deps: ['acl/a', 'if/z'] })],
      ev,
    );
    expect(sb.calls).toEqual(['create if/z', 'create acl/a', 'create route/0']);
  });

  it('commit() keeps a value pending until its dependency appears in a later transaction', async () => {
    const { sb, rec } = setup();
    const first = await rec.commit([put('route/0', { data: 'r', deps: ['if/a'] })], ev);
    expect(sb.calls).toEqual([]);
    expect(first?.pending).toEqual([{ key: 'route/0', missing: [{ label: 'needs', key: 'if/a' }] }]);
    expect(rec.state().values.find((v) => v.key === 'route/0')?.status).toBe('pending');

    const second = await rec.commit([put('if/a', { data: 'a' })], ev);
    expect(sb.calls).toEqual(['create if/a', 'create route/0']);
    expect(second?.executed.map((o) => `${o.op} ${o.key} ${o.reason}`)).toEqual(['create if/a wanted', 'create route/0 dependency-ready']);
    expect(rec.state().values.every((v) => v.status === 'configured')).toBe(true);
  });

  it('commit() deletes dependents before a removed dependency and leaves them pending', async () => {
    const { sb, rec } = setup();
    await rec.commit([put('if/a', { data: 'a' }), put('route/0', { data: 'r', deps: ['if/a'] }), put('route/1', { data: 'r', deps: ['route/0'] })], ev);
    sb.calls.length = 0;
    const rec2 = await rec.commit([del('if/a')], ev);
    expect(sb.calls).toEqual(['delete route/1', 'delete route/0', 'delete if/a']);
    expect(rec2?.pending.map((p) => p.key)).toEqual(['route/0', 'route/1']);
    sb.calls.length = 0;
    await rec.commit([put('if/a', { data: 'a' })], ev);
    expect(sb.calls).toEqual(['create if/a', 'create route/0', 'create route/1']);
  });

  it('commit() updates in place when the descriptor can, and re-creates when it cannot', async () => {
    const { sb, rec } = setup();
    await rec.commit([put('if/a', { data: 'a' }), put('route/0', { data: 'r', deps: ['if/a'] })], ev);
    sb.calls.length = 0;
    await rec.commit([put('if/a', { data: 'a2' }), put('route/0', { data: 'r2', deps: ['if/a'] })], ev);
    expect(sb.calls).toEqual(['delete route/0', 'update if/a', 'create route/0']);
  });

  it('commit() re-creates dependents when a dependency must be re-created', async () => {
    const { sb, rec } = setup();
    await rec.commit([put('if/a', { data: 'a' }), put('acl/x', { data: 'x', deps: ['if/a'] })], ev);
    sb.calls.length = 0;
    const r = await rec.commit([put('if/a', { data: '!a' })], ev);
    expect(sb.calls).toEqual(['delete acl/x', 'delete if/a', 'create if/a', 'create acl/x']);
    expect(r?.planned.map((o) => o.reason)).toEqual(['dependency-gone', 'recreate', 'recreate', 'recreate']);
  });

  it('commit() issues nothing when the same value is put again', async () => {
    const { sb, rec } = setup();
    await rec.commit([put('if/a', { data: 'a', deps: [] })], ev);
    const r = await rec.commit([put('if/a', { deps: [], data: 'a' })], ev);
    expect(sb.calls).toEqual(['create if/a']);
    expect(r?.executed).toEqual([]);
  });

  it('commit() returns undefined when there is nothing to commit', async () => {
    const { rec } = setup();
    expect(await rec.commit([], ev)).toBeUndefined();
    expect(rec.history()).toEqual([]);
  });

  it('commit() creates derived values after their base and deletes them before it', async () => {
    const { sb, rec } = setup();
    await rec.commit([put('if/a', { data: 'a' }), put('acl/x', { data: 'x', children: { 'bind/x/a': 'a', 'bind/x/b': 'b' } })], ev);
    expect(sb.calls).toEqual(['create acl/x', 'create if/a', 'create bind/x/a', 'create bind/x/b']);
    sb.calls.length = 0;
    await rec.commit([put('acl/x', { data: 'x', children: { 'bind/x/b': 'b' } })], ev);
    expect(sb.calls).toEqual(['delete bind/x/a', 'update acl/x']);
    sb.calls.length = 0;
    await rec.commit([del('acl/x')], ev);
    expect(sb.calls).toEqual(['delete bind/x/b', 'delete acl/x']);
    expect(rec.state().values.map((v) => v.key)).toEqual(['if/a']);
  });

  it('commit() lets a derived value wait for its own dependencies while the base is configured', async () => {
    const { sb, rec } = setup();
    const rec1 = await rec.commit([put('acl/x', { data: 'x', children: { 'bind/x/a': 'a' } })], ev);
    expect(sb.calls).toEqual(['create acl/x', 'create bind/x/a']);
    expect(rec1?.pending).toEqual([]);
    // a derived value's dependencies come from its descriptor: here none besides the base
    expect(rec.state().values.find((v) => v.key === 'bind/x/a')).toMatchObject({ status: 'configured', derivedFrom: 'acl/x' });
  });

  it('commit() shows each descriptor its group as configured before the call', async () => {
    const { sb, rec } = setup();
    await rec.commit([put('bind/1', { data: '1', group: 'g' }), put('bind/2', { data: '2', group: 'g' }), put('bind/3', { data: '3', group: 'h' })], ev);
    await rec.commit([del('bind/1')], ev);
    expect(sb.groupViews).toEqual(['bind/1: ', 'bind/2: bind/1', 'bind/3: ', 'bind/1: bind/1,bind/2']);
  });

  it('commit() records a failure, schedules a retry and creates the value and its dependents on retry', async () => {
    const { sb, rec, retries } = setup();
    sb.failNext('create', 'if/a');
    const r = await rec.commit([put('if/a', { data: 'a' }), put('route/0', { data: 'r', deps: ['if/a'] })], ev);
    expect(r?.executed).toEqual([
      expect.objectContaining({ key: 'if/a', op: 'create', result: 'error', retry: 1, error: expect.objectContaining({ code: 'VPP_OPERATION_FAILED', cause: 'simulated failure' }) }),
      expect.objectContaining({ key: 'route/0', op: 'create', result: 'skipped' }),
    ]);
    expect(r?.pending).toEqual([{ key: 'route/0', missing: [{ label: 'needs', key: 'if/a' }] }]);
    expect(retries).toEqual([{ delay: 1000, keys: ['if/a'] }]);
    expect(rec.state().values.find((v) => v.key === 'if/a')).toMatchObject({ status: 'failed', attempts: 1, retryAt: 2000 });

    const again = await rec.commit([], { eventKind: 'vpp-retry', retryKeys: ['if/a'] });
    expect(again?.retried).toEqual(['if/a']);
    expect(sb.calls).toEqual(['create if/a', 'create if/a', 'create route/0']);
    expect(rec.state().values.map((v) => v.status)).toEqual(['configured', 'configured']);
  });

  it('commit() backs off exponentially and stops after maxRetries', async () => {
    const { sb, rec, retries } = setup({ retry: { maxRetries: 2, baseDelayMs: 100, factor: 3 } });
    sb.failNext('create', 'if/a', 5);
    await rec.commit([put('if/a', { data: 'a' })], ev);
    await rec.commit([], { eventKind: 'vpp-retry', retryKeys: ['if/a'] });
    const last = await rec.commit([], { eventKind: 'vpp-retry', retryKeys: ['if/a'] });
    expect(retries).toEqual([{ delay: 100, keys: ['if/a'] }, { delay: 300, keys: ['if/a'] }]);
    expect(last?.executed[0]).not.toHaveProperty('retry');
    expect(rec.state().values[0]).toMatchObject({ status: 'failed', attempts: 3 });
    expect(rec.state().values[0]).not.toHaveProperty('retryAt');
  });

  it('commit() does not retry a failure the descriptor reports as bad input', async () => {
    const { sb, rec, retries } = setup();
    sb.failNext('create', 'if/a', 1, new BadInputError('if/a', 'data', 'refused'));
    await rec.commit([put('if/a', { data: 'a' })], ev);
    expect(retries).toEqual([]);
  });

  it('commit() retries a failed delete and shows the value as failed meanwhile', async () => {
    const { sb, rec, retries } = setup();
    await rec.commit([put('if/a', { data: 'a' })], ev);
    sb.failNext('delete', 'if/a');
    await rec.commit([del('if/a')], ev);
    expect(rec.state().values).toEqual([expect.objectContaining({ key: 'if/a', status: 'failed', applied: { data: 'a' } })]);
    expect(retries).toEqual([{ delay: 1000, keys: ['if/a'] }]);
    await rec.commit([], { eventKind: 'vpp-retry', retryKeys: ['if/a'] });
    expect(rec.state().values).toEqual([]);
    expect(sb.objects.size).toBe(0);
  });

  it('commit() rejects an invalid value and removes the previous valid one', async () => {
    const { sb, rec } = setup();
    await rec.commit([put('if/a', { data: 'a' })], ev);
    const r = await rec.commit([put('if/a', { data: 'bad' }), put('zzz/unknown', { data: 'u' })], ev);
    expect(sb.calls).toEqual(['create if/a', 'delete if/a']);
    expect(r?.invalid.map((i) => [i.key, i.error.code])).toEqual([
      ['if/a', 'BAD_INPUT'],
      ['zzz/unknown', 'VPP_UNKNOWN_KEY'],
    ]);
    expect(rec.state().values.map((v) => v.status)).toEqual(['invalid', 'invalid']);
  });

  it('commit() produces the same operations whatever order the changes come in', async () => {
    const changes = [
      put('if/b', { data: 'b' }),
      put('acl/x', { data: 'x', deps: ['if/a'], children: { 'bind/x/b': 'b', 'bind/x/a': 'a' } }),
      put('if/a', { data: 'a' }),
      put('route/1', { data: '1', deps: ['if/b'] }),
      put('route/0', { data: '0', deps: ['if/a', 'route/1'] }),
    ];
    const logs: string[][] = [];
    for (const order of [changes, [...changes].reverse(), [changes[2], changes[4], changes[0], changes[3], changes[1]]]) {
      const { sb, rec } = setup();
      await rec.commit(order.filter((c): c is TxnChange => c !== undefined), ev);
      logs.push(sb.calls);
    }
    expect(logs[1]).toEqual(logs[0]);
    expect(logs[2]).toEqual(logs[0]);
  });

  it('commit() counts the southbound calls of each transaction', async () => {
    const { rec } = setup();
    const r = await rec.commit([put('if/a', { data: 'a' }), put('if/b', { data: 'b' })], ev);
    expect(r?.calls).toBe(2);
  });

  it('history() keeps only the newest records', async () => {
    const { rec } = setup({ historySize: 2 });
    for (const d of ['1', '2', '3']) await rec.commit([put('if/a', { data: d })], { eventKind: 'test', eventSeq: Number(d) });
    expect(rec.history().map((r) => [r.seq, r.eventSeq])).toEqual([
      [2, 2],
      [3, 3],
    ]);
  });
});

describe('Reconciler.summary', () => {
  it('summary() counts wanted, applied, pending, failed and invalid values', async () => {
    const { sb, rec } = setup();
    sb.failNext('create', 'if/b');
    await rec.commit([put('if/a', { data: 'a' }), put('if/b', { data: 'b' }), put('route/0', { data: 'r', deps: ['if/z'] }), put('if/c', { data: 'bad' })], ev);
    expect(rec.summary()).toEqual({ wanted: 3, applied: 1, pending: 1, failed: 1, invalid: 1 });
  });
});
