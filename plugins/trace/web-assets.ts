/**
 * @module The reachability page's files (`plugins/trace/web/`), read once at start-up from beside
 * this module (works on Node and Deno; Deno needs read access to the repository, which the
 * agent's default permissions grant). Plain HTML, CSS and JS: no build step, no external resource.
 */
import { readFile } from 'node:fs/promises';
import { WebAssetError } from './trace-errors.ts';

/** One file served by the agent. */
export interface WebAsset {
  readonly body: string;
  readonly contentType: string;
}

/** The page's files by URL path. */
export type WebAssets = ReadonlyMap<string, WebAsset>;

/** URL path → file in `web/` and its content type. */
export const WEB_FILES: readonly { readonly path: string; readonly file: string; readonly contentType: string }[] = [
  { path: '/', file: 'index.html', contentType: 'text/html; charset=utf-8' },
  { path: '/trace-ui/app.js', file: 'app.js', contentType: 'text/javascript; charset=utf-8' },
  { path: '/trace-ui/style.css', file: 'style.css', contentType: 'text/css; charset=utf-8' },
];

/**
 * Reads every file of {@linkcode WEB_FILES}.
 * @throws {WebAssetError} naming the file that cannot be read
 */
export async function loadWebAssets(dir: URL = new URL('./web/', import.meta.url)): Promise<WebAssets> {
  const out = new Map<string, WebAsset>();
  for (const f of WEB_FILES) {
    const url = new URL(f.file, dir);
    try {
      out.set(f.path, { body: await readFile(url, 'utf8'), contentType: f.contentType });
    } catch (err: unknown) {
      throw new WebAssetError(url.pathname, { cause: err });
    }
  }
  return out;
}
