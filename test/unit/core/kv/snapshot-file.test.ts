import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SnapshotFile } from '../../../../core/kv/snapshot-file.ts';

describe('SnapshotFile', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const path = () => {
    const d = mkdtempSync(join(tmpdir(), 'contiv-snap-'));
    dirs.push(d);
    return join(d, 'kv.json');
  };

  it('flush() writes the latest scheduled image once, and load() reads it back', async () => {
    const f = new SnapshotFile(path(), { delayMs: 10_000 });
    let reads = 0;
    const image = (revision: number) => () => {
      reads++;
      return { revision, entries: [{ key: '/k', value: String(revision), modRevision: revision, createRevision: 1 }] };
    };
    f.schedule(image(2));
    f.schedule(image(3));
    await f.flush();
    expect(reads).toBe(1);
    expect(await f.load()).toEqual({ revision: 3, entries: [{ key: '/k', value: '3', modRevision: 3, createRevision: 1 }] });
    expect(JSON.parse(readFileSync(f.path, 'utf8'))).toMatchObject({ format: 'contiv-ts-kv-snapshot', version: 1 });
  });

  it('load() is undefined for a missing file and names the file for invalid JSON', async () => {
    const p = path();
    expect(await new SnapshotFile(p).load()).toBeUndefined();
    writeFileSync(p, '{');
    await expect(new SnapshotFile(p).load()).rejects.toMatchObject({ source: p, detail: 'not valid JSON' });
  });
});
