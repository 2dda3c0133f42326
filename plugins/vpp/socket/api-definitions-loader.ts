/**
 * @module Reads every `*.api.json` below a directory at run time (VPP installs them in
 * `/usr/share/vpp/api/core` and `/usr/share/vpp/api/plugins`) into {@linkcode ApiDefinitions}.
 * The project ships its own set (VPP 22.10) in `plugins/vpp/api-defs`.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiDefinitions } from './api-definitions.ts';
import { parseApiJson, type RawApiFile } from './api-json-file.ts';
import { ApiDefinitionError } from './socket-errors.ts';

/** Where a VPP package installs its API definitions. */
export const DEFAULT_VPP_API_DIR = '/usr/share/vpp/api';

/** The definitions shipped with contiv-ts (VPP 22.10, the messages the simulator implements). */
export const SHIPPED_API_DIR: string = fileURLToPath(new URL('../api-defs/', import.meta.url));

async function listApiFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (d: string): Promise<void> => {
    const entries = await readdir(d, { withFileTypes: true });
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.name.endsWith('.api.json')) found.push(p);
    }
  };
  await walk(dir);
  return found.sort();
}

/**
 * Loads every `*.api.json` below `dir` (sorted by path, so the result never depends on the
 * file system's listing order).
 * @throws {ApiDefinitionError} When the directory cannot be read, holds no definitions, or a file is malformed.
 */
export async function loadApiDefinitions(dir: string): Promise<ApiDefinitions> {
  let paths: string[];
  try {
    paths = await listApiFiles(dir);
  } catch (err: unknown) {
    throw new ApiDefinitionError(dir, 'directory', 'cannot be read', { cause: err });
  }
  if (paths.length === 0) throw new ApiDefinitionError(dir, 'directory', 'holds no *.api.json files');
  const files: RawApiFile[] = [];
  for (const p of paths) files.push(parseApiJson(await readFile(p, 'utf8'), p));
  return new ApiDefinitions(files, dir);
}
