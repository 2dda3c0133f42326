import { describe, expect, it } from 'vitest';
import { commonPrefix, WatchRegistry } from '../../../../core/datasync/watch-registry.ts';

const change = (key: string) => ({ type: 'put' as const, key, value: 'v', revision: 1 });

describe('WatchRegistry', () => {
  it('calls() orders handlers by plugin order, then registration, with each owner\'s changes', () => {
    const r = new WatchRegistry();
    const h = () => undefined;
    r.addWatch('late', ['/a/'], h);
    r.addWatch('first', ['/b/'], h);
    r.addWatch('unknown', ['/'], h);
    r.addWatch('first', ['/a/x'], h);
    const calls = r.calls([change('/a/x'), change('/b/1'), change('/c')], ['first', 'late']);
    expect(calls.map((c) => [c.owner, c.changes.map((x) => x.key)])).toEqual([
      ['first', ['/b/1']],
      ['first', ['/a/x']],
      ['late', ['/a/x']],
      ['unknown', ['/a/x', '/b/1', '/c']],
    ]);
  });

  it('entriesOf() returns the entries under any prefix of the owner', () => {
    const r = new WatchRegistry();
    r.addWatch('p', ['/a/', '/c/'], () => undefined);
    const entries = ['/a/1', '/b/1', '/c/1'].map((key) => ({ key, value: '' }));
    expect(r.entriesOf('p', entries).map((e) => e.key)).toEqual(['/a/1', '/c/1']);
    expect(r.entriesOf('q', entries)).toEqual([]);
    expect(r.prefixes()).toEqual(['/a/', '/c/']);
  });

  it('hooks() orders end hooks by plugin order', () => {
    const r = new WatchRegistry();
    r.addHook('b', () => undefined);
    r.addHook('a', () => undefined);
    expect(r.hooks(['a', 'b']).map((h) => h.owner)).toEqual(['a', 'b']);
  });
});

describe('commonPrefix', () => {
  it('commonPrefix() is the longest shared start', () => {
    expect(commonPrefix(['/vnf-agent/contiv-ksr/k8s/', '/vnf-agent/contiv-ksr/allocatedIDs/'])).toBe('/vnf-agent/contiv-ksr/');
    expect(commonPrefix(['/a'])).toBe('/a');
    expect(commonPrefix([])).toBe('');
  });
});
