import { describe, expect, it } from 'vitest';
import { DescriptorRegistry } from '../../../../../plugins/vpp/config/descriptor-registry.ts';
import { Reconciler } from '../../../../../plugins/vpp/config/reconciler.ts';
import { changingCalls, fakeDescriptor, FakeSouthbound } from '../../../../fakes/fake-southbound.ts';

const ev = { eventKind: 'resync' };

function setup(sb = new FakeSouthbound()) {
  const registry = new DescriptorRegistry()
    .register(fakeDescriptor(sb, { name: 'fake-if', keyPrefix: 'if/', dump: true }))
    .register(fakeDescriptor(sb, { name: 'fake-acl', keyPrefix: 'acl/', dump: true, dumpAfter: ['fake-if'] }))
    .register(fakeDescriptor(sb, { name: 'fake-bind', keyPrefix: 'bind/', dump: true, update: false, dumpAfter: ['fake-acl'] }))
    .register(fakeDescriptor(sb, { name: 'fake-route', keyPrefix: 'route/', dump: true, update: false }))
    .register(fakeDescriptor(sb, { name: 'fake-nodump', keyPrefix: 'nodump/' }));
  return { sb, rec: new Reconciler(registry) };
}

const desired = [
  { key: 'if/a', value: { data: 'a' } },
  { key: 'if/new', value: { data: 'new' } },
  { key: 'acl/x', value: { data: 'x2', deps: ['if/a'], children: { 'bind/x/a': 'a' } } },
  { key: 'route/r1', value: { data: 'r1', deps: ['if/a'] } },
];

function seedVpp(sb: FakeSouthbound): void {
  sb.seed('fake-if', { data: 'a' }, 'if/a'); // ours, as desired
  sb.seed('fake-if', { data: 'old' }, 'if/old'); // ours, stale
  sb.seed('fake-if', { data: 'eth0' }); // foreign (no tag)
  sb.seed('fake-acl', { data: 'x1', deps: ['if/a'] }, 'acl/x'); // ours, changed
  sb.seed('fake-bind', { data: 'a' }, 'bind/x/a'); // ours, as desired
  sb.seed('fake-bind', { data: 'old' }, 'bind/x/old'); // ours, stale
  sb.seed('fake-route', { data: 'r1', deps: ['if/a'] }); // untagged, claimed by the desired key
  sb.seed('fake-route', { data: 'r9' }); // untagged, not claimed: foreign
}

describe('Reconciler.resync', () => {
  it('resync() dumps VPP and issues exactly the missing, changed and stale operations', async () => {
    const { sb, rec } = setup();
    seedVpp(sb);
    const r = await rec.resync(desired, ev);
    expect(sb.calls).toEqual([
      'dump fake-if',
      'dump fake-acl',
      'dump fake-bind',
      'dump fake-route',
      'delete bind/x/old',
      'delete if/old',
      'update acl/x',
      'create if/new',
    ]);
    expect(r.dumps).toEqual([
      { descriptor: 'fake-if', ours: 2, foreign: ['fake-if 3'] },
      { descriptor: 'fake-acl', ours: 1, foreign: [] },
      { descriptor: 'fake-bind', ours: 2, foreign: [] },
      { descriptor: 'fake-route', ours: 1, foreign: ['fake-route 8'] },
    ]);
    expect(rec.state().foreign).toEqual([
      { descriptor: 'fake-if', objects: ['fake-if 3'] },
      { descriptor: 'fake-route', objects: ['fake-route 8'] },
    ]);
    expect([...sb.objects.keys()].sort((a, b) => a - b)).toEqual([1, 3, 4, 5, 7, 8, 9]);
    expect(rec.state().values.every((v) => v.status === 'configured')).toBe(true);
  });

  it('resync() with keepUnlisted keeps our stale objects (a plugin failed to re-state them)', async () => {
    const { sb, rec } = setup();
    seedVpp(sb);
    await rec.resync(desired, ev, { keepUnlisted: true });
    expect(sb.calls).toEqual(['dump fake-if', 'dump fake-acl', 'dump fake-bind', 'dump fake-route', 'update acl/x', 'create if/new']);
  });

  it('resync() over an identical state issues only dumps', async () => {
    const { sb, rec } = setup();
    seedVpp(sb);
    await rec.resync(desired, ev);
    sb.calls.length = 0;
    const r = await rec.resync(desired, ev);
    expect(sb.calls).toEqual(['dump fake-if', 'dump fake-acl', 'dump fake-bind', 'dump fake-route']);
    expect(r.planned).toEqual([]);
  });

  it('resync() by a restarted agent over its own VPP changes nothing', async () => {
    const { sb, rec } = setup();
    await rec.commit(desired, { eventKind: 'kv' });
    const restarted = setup(sb);
    sb.calls.length = 0;
    await restarted.rec.resync(desired, ev);
    // the untagged route is claimed because it is desired again
    expect(changingCalls(sb)).toEqual([]);
  });

  it('resync() removes our values that were not put during the resync', async () => {
    const { sb, rec } = setup();
    await rec.commit([...desired, { key: 'nodump/n', value: { data: 'n' } }], { eventKind: 'kv' });
    sb.calls.length = 0;
    await rec.resync([{ key: 'if/a', value: { data: 'a' } }], ev);
    expect(changingCalls(sb)).toEqual(['delete bind/x/a', 'delete if/new', 'delete nodump/n', 'delete route/r1', 'delete acl/x']);
    expect(rec.desiredKeys('')).toEqual(['if/a']);
  });

  it('resync() keeps its own view of a kind whose dump fails, and records the error', async () => {
    const { sb, rec } = setup();
    await rec.commit(desired, { eventKind: 'kv' });
    sb.seed('fake-acl', { data: 'zz' }, 'acl/stale');
    sb.failNext('dump', 'fake-acl');
    sb.calls.length = 0;
    const r = await rec.resync(desired, ev);
    expect(changingCalls(sb)).toEqual([]);
    expect(r.dumps?.find((d) => d.descriptor === 'fake-acl')?.error).toMatchObject({ code: 'VPP_DUMP_FAILED', descriptor: 'fake-acl' });
    sb.calls.length = 0;
    await rec.resync(desired, ev);
    expect(changingCalls(sb)).toEqual(['delete acl/stale']);
  });

  it('resync() trusts its own view for kinds without a dump', async () => {
    const { sb, rec } = setup();
    await rec.commit([{ key: 'nodump/n', value: { data: 'n' } }], { eventKind: 'kv' });
    sb.calls.length = 0;
    await rec.resync([{ key: 'nodump/n', value: { data: 'n' } }], ev);
    expect(sb.calls.filter((c) => c.includes('nodump'))).toEqual([]);
  });
});
