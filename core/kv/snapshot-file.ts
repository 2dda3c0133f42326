/**
 * @module SnapshotFile: the memory store's state on disk (JSON), written atomically
 * (temp file + rename), debounced after changes and on close, so a restarted agent keeps its state.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { BadInputError } from '../errors.ts';
import type { KvEntry } from './key-value-store.ts';

/** What the file holds. */
export interface StoreImage {
  readonly revision: number;
  /** Sorted by key. */
  readonly entries: readonly KvEntry[];
}

const FORMAT = 'contiv-ts-kv-snapshot';

const imageSchema = z
  .object({
    format: z.literal(FORMAT),
    version: z.literal(1),
    revision: z.number().int().nonnegative(),
    entries: z.array(
      z.object({
        key: z.string(),
        value: z.string(),
        modRevision: z.number().int().positive(),
        createRevision: z.number().int().positive(),
      }).strict(),
    ),
  })
  .strict();

/** Options of {@linkcode SnapshotFile}. */
export interface SnapshotFileOptions {
  /** Delay between a change and the write, coalescing bursts. @default 100 */
  readonly delayMs?: number;
}

/** Reads and (debounced, atomically) writes one snapshot file. */
export class SnapshotFile {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #writing: Promise<void> = Promise.resolve();
  #source: (() => StoreImage) | undefined;
  readonly #delayMs: number;

  constructor(readonly path: string, options: SnapshotFileOptions = {}) {
    this.#delayMs = options.delayMs ?? 100;
  }

  /**
   * Reads the file; `undefined` if it does not exist.
   * @throws {BadInputError} when the file is not a valid snapshot (names the file and field)
   */
  async load(): Promise<StoreImage | undefined> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err: unknown) {
      if ((err as { code?: unknown }).code === 'ENOENT') return undefined;
      throw err;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err: unknown) {
      throw new BadInputError(this.path, '', 'not valid JSON', { cause: err });
    }
    const res = imageSchema.safeParse(json);
    if (!res.success) {
      const issue = res.error.issues[0]!;
      throw new BadInputError(this.path, issue.path.join('.'), issue.message);
    }
    return { revision: res.data.revision, entries: res.data.entries };
  }

  /** Schedules a write of `source()` after the debounce delay (later calls coalesce). */
  schedule(source: () => StoreImage): void {
    this.#source = source;
    if (this.#timer !== undefined) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#writeNow().catch(() => undefined);
    }, this.#delayMs);
  }

  /** Writes a pending change now and waits for every write to finish. */
  async flush(): Promise<void> {
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
      await this.#writeNow();
    }
    await this.#writing;
  }

  #writeNow(): Promise<void> {
    const source = this.#source;
    if (!source) return this.#writing;
    this.#source = undefined;
    // Writes are chained so an older image never overwrites a newer one.
    this.#writing = this.#writing.catch(() => undefined).then(() => this.#write(source()));
    return this.#writing;
  }

  async #write(image: StoreImage): Promise<void> {
    const body = JSON.stringify({ format: FORMAT, version: 1, revision: image.revision, entries: image.entries });
    const tmp = `${this.path}.tmp-${process.pid}`;
    await mkdir(dirname(this.path), { recursive: true });
    await writeFile(tmp, body, 'utf8');
    await rename(tmp, this.path);
  }
}
