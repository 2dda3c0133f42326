/** @module The datasync plugin's config section (`plugins.datasync`). */
import type { InjectionToken } from 'tsyringe';
import { z } from 'zod';
import { pluginConfig } from '../plugin.ts';

/** Schema of `plugins.datasync`. */
export const datasyncConfigSchema = z
  .object({
    /** Events kept for `GET /events`. */
    historySize: z.number().int().positive().default(200),
    /** Delay before retrying a resync that failed while the store looked connected, in ms. */
    resyncRetryMs: z.number().int().positive().default(1000),
  })
  .strict();

/** The validated `plugins.datasync` section. */
export type DatasyncConfig = z.output<typeof datasyncConfigSchema>;

/** Token of the validated section. */
export const DATASYNC_CONFIG: InjectionToken<DatasyncConfig> = Symbol('contiv.DatasyncConfig');

/** The section as the datasync plugin declares it. */
export const datasyncConfig = pluginConfig(DATASYNC_CONFIG, datasyncConfigSchema);
