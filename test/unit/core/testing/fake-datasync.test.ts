import { describe, expect, it } from 'vitest';
import type { KvChange } from '../../../../core/kv/key-value-store.ts';
import { FakeDatasync } from '../../../../core/testing/fake-datasync.ts';

describe('FakeDatasync', () => {
  it('put() and delete() deliver changes with revision and previous value to matching watchers only', async () => {
    const sync = new FakeDatasync();
    const seen: KvChange[] = [];
    sync.watch('a', ['/a/'], (changes) => void seen.push(...changes));
    sync.watch('b', ['/b/'], () => {
      throw new Error('not for b');
    });
    await sync.put('/a/1', 'x');
    await sync.put('/a/1', 'y');
    await sync.delete('/a/1');
    await sync.delete('/a/missing');
    expect(seen).toEqual([
      { type: 'put', key: '/a/1', value: 'x', revision: 1 },
      { type: 'put', key: '/a/1', value: 'y', prevValue: 'x', revision: 2 },
      { type: 'delete', key: '/a/1', prevValue: 'y', revision: 3 },
    ]);
    expect(sync.history().map((r) => r.outcome)).toEqual(['ok', 'ok', 'ok', 'ok']);
  });

  it('push() runs events strictly one after another, end hooks after each', async () => {
    const sync = new FakeDatasync();
    const log: string[] = [];
    sync.onEventEnd('vpp', (ctx) => void log.push(`end ${ctx.seq}`));
    let release: () => void = () => undefined;
    const first = sync.push('cni-add', 'pod a', async () => {
      log.push('a start');
      await new Promise<void>((r) => (release = r));
      log.push('a done');
      return 'a';
    });
    const second = sync.push('cni-add', 'pod b', () => {
      log.push('b');
      return 'b';
    });
    await new Promise((r) => setTimeout(r, 0));
    release();
    expect(await Promise.all([first, second])).toEqual(['a', 'b']);
    expect(log).toEqual(['a start', 'a done', 'end 1', 'b', 'end 2']);
  });

  it('resync() hands each plugin a sorted snapshot of its own prefixes', async () => {
    const got: string[] = [];
    const registry = {
      plugins: () => [
        { name: 'p1', instance: { name: 'p1', resync: (s: { reason: string; entries: readonly { key: string }[] }) => void got.push(`p1 ${s.reason} ${s.entries.map((e) => e.key).join(',')}`) } },
        { name: 'p2', instance: { name: 'p2' } },
      ],
    };
    const sync = new FakeDatasync({ '/a/2': 'x', '/a/1': 'y', '/b/1': 'z' }, registry);
    sync.watch('p1', ['/a/'], () => undefined);
    await sync.resync('request');
    expect(got).toEqual(['p1 request /a/1,/a/2']);
    expect(sync.history()).toMatchObject([{ kind: 'resync', summary: 'request', outcome: 'ok' }]);
    expect((await sync.snapshot(['/b/'], 'tool')).entries).toEqual([{ key: '/b/1', value: 'z' }]);
  });
});
