import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { WebAssetError } from '../../../../plugins/trace/trace-errors.ts';
import { loadWebAssets, WEB_FILES } from '../../../../plugins/trace/web-assets.ts';

describe('loadWebAssets', () => {
  it('loadWebAssets() reads the page, its script and its style from plugins/trace/web', async () => {
    const assets = await loadWebAssets();
    expect([...assets.keys()]).toEqual(['/', '/trace-ui/app.js', '/trace-ui/style.css']);
    const page = assets.get('/')?.body ?? '';
    expect(page).toContain('<script src="/trace-ui/app.js" defer></script>');
    expect(page).toContain('<link rel="stylesheet" href="/trace-ui/style.css">');
    // Works offline: nothing is loaded from another origin.
    for (const a of assets.values()) expect(a.body).not.toMatch(/(?:src|href)=["']?(?:https?:)?\/\//);
  });

  it('loadWebAssets() fails naming the file it cannot read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'contiv-web-'));
    try {
      writeFileSync(join(dir, 'index.html'), '<html></html>');
      const run = loadWebAssets(pathToFileURL(`${dir}/`));
      await expect(run).rejects.toThrow(WebAssetError);
      await expect(run).rejects.toMatchObject({ code: 'WEB_ASSET_UNREADABLE', file: join(dir, WEB_FILES[1]!.file) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
